import { restoreChapterInput } from "@/contracts/book-inputs";
import { restoreResultSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { restoreChapter } from "@/server/books/restore-chapter";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";

type Params = { params: Promise<{ bookId: string; revisionId: string }> };

/** `{ chapter, expectedUpdatedAt? }`: put chapter N of this revision back (recorded as a new revision). */
export const POST = jsonRoute({ response: restoreResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "revision:update");
  const input = await parseBody(request, restoreChapterInput);
  return restoreChapter(ctx, await params, input);
});
