import { orgContext } from "@/server/auth/org-context";
import { listChapters } from "@/server/books/list-chapters";
import { handleRoute } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await listChapters(ctx, (await params).bookId));
});
