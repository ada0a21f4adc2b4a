import { orgContext } from "@/server/auth/org-context";
import { listRevisionsInput } from "@/contracts/book-inputs";
import { listRevisions } from "@/server/books/list-revisions";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string }> };

export const GET = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request);
  return Response.json(await listRevisions(ctx, (await params).bookId, parseQuery(request, listRevisionsInput)));
});
