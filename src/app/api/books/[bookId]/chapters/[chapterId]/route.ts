import { CHAPTER_MAX_CHARACTERS, updateChapterInput } from "@/contracts/book-inputs";
import { chapterDetailSchema, chapterUpdateResultSchema } from "@/contracts/books";
import { bookContext } from "@/server/auth/book-context";
import { getChapter } from "@/server/books/get-chapter";
import { updateChapter } from "@/server/books/update-chapter";
import { parseBody } from "@/server/http/handle-route";
import { jsonRoute } from "@/server/http/json-route";
import { jsonBodyLimitFor } from "@/server/http/read-body";

type Params = { params: Promise<{ bookId: string; chapterId: string }> };

export const GET = jsonRoute({ response: chapterDetailSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId);
  return getChapter(ctx, await params);
});

/** Edit a chapter's title and/or text; send the chapter's updatedAt as expectedUpdatedAt to detect conflicts. */
export const PATCH = jsonRoute({ response: chapterUpdateResultSchema }, async (request, { params }: Params) => {
  const ctx = await bookContext(request, (await params).bookId, "book:update");
  // A whole chapter's text: more than the default body cap allows.
  const input = await parseBody(request, updateChapterInput, { limitBytes: jsonBodyLimitFor(CHAPTER_MAX_CHARACTERS) });
  return updateChapter(ctx, await params, input);
});
