import { orgContext } from "@/server/auth/org-context";
import { getRevision } from "@/server/books/get-revision";
import { handleRoute } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await getRevision(ctx, await params));
});
