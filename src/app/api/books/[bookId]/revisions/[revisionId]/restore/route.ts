import { orgContext } from "@/server/auth/org-context";
import { restoreRevisionInput } from "@/contracts/book-inputs";
import { restoreRevision } from "@/server/books/restore-revision";
import { handleRoute, parseBody } from "@/server/http/handle-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

/** Make this revision the current text (recorded as a new revision); optional `{ expectedUpdatedAt }` of the book. */
export const POST = handleRoute(async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, restoreRevisionInput);
  return Response.json(await restoreRevision(ctx, await params, input));
});
