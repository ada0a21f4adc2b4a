import { restoreRevisionInput } from "@/contracts/book-inputs";
import { restoreResultSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { restoreRevision } from "@/server/books/restore-revision";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

/** Make this revision the current text (recorded as a new revision); optional `{ expectedUpdatedAt }` of the book. */
export const POST = jsonRoute({ response: restoreResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  const input = await parseBody(request, restoreRevisionInput);
  return restoreRevision(ctx, await params, input);
});
