import { restoreRevisionInput } from "@/contracts/book-inputs";
import { restoreResultSchema } from "@/contracts/books";
import { orgContext } from "@/server/auth/org-context";
import { restoreRevision } from "@/server/books/restore-revision";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

/** Make this revision the current text (recorded as a new revision); optional `{ expectedUpdatedAt }` of the book. */
export const POST = jsonRoute({ response: restoreResultSchema }, async (request, { params }: Params) => {
  const ctx = await orgContext(request, "book:update");
  const input = await parseBody(request, restoreRevisionInput);
  return restoreRevision(ctx, await params, input);
});
