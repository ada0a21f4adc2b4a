import "server-only";
import { type UpdateChapterInput, updateChapterInput } from "@/contracts/book-inputs";
import type { ChapterUpdateResult } from "@/contracts/books";
import { countWords } from "@/engines/word-count";
import { editBetween } from "@/lib/text-edits";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { reanchorComments } from "@/server/comments/reanchor-comments";
import type { Ctx } from "@/server/context";
import { checkAfterEdit } from "@/server/corrections/check-after-edit";
import { notFound } from "@/server/errors";
import { chapterView } from "./book-view";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import { editTransactionOptions, recordRevision, totalWords, withEditRetry } from "./record-revision";
import { assertNotStale, bookEditView } from "./update-book";

/**
 * Edits a chapter's title and/or text (writers; not while the book is being generated). In one
 * transaction: the chapter (word count recomputed), Book.content re-assembled, the next revision recorded
 * with what changed, the formats marked stale, the chapter's comments re-anchored and `chapter.updated` logged. With `expectedUpdatedAt`, an
 * edit made on an out-of-date copy is refused (409 EDIT_CONFLICT with the current chapter). Sending the
 * same text is a no-op (no revision).
 */
export async function updateChapter(
  ctx: Ctx,
  target: { bookId: string; chapterId: string },
  input: UpdateChapterInput,
): Promise<ChapterUpdateResult> {
  assertCan(ctx.actor, "book:update");
  const data = updateChapterInput.parse(input);
  const result = await withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, target.bookId, { requireContent: true });
      const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const chapter = chapters.find((c) => c.id === target.chapterId);
      if (!chapter) throw notFound("Chapter");
      assertNotStale(data.expectedUpdatedAt, chapter.updatedAt, { chapter: chapterView(chapter) }, "chapter");

      const fields: string[] = [];
      if (data.title !== undefined && data.title !== chapter.title) fields.push("title");
      if (data.content !== undefined && data.content !== chapter.content) fields.push("content");
      if (fields.length === 0) return { book: bookEditView(book), chapter: chapterView(chapter), revision: null };

      const wordCount = fields.includes("content") ? countWords(data.content ?? "") : chapter.wordCount;
      const updated = await tx.chapter.update({
        where: { id: chapter.id },
        data: {
          ...(fields.includes("title") ? { title: data.title } : {}),
          ...(fields.includes("content") ? { content: data.content, wordCount } : {}),
        },
      });
      if (fields.includes("content")) {
        await reanchorComments(tx, chapter.id, editBetween(chapter.content, updated.content), updated.content);
      }
      const recorded = await recordRevision(tx, {
        book,
        authorId: ctx.actor.userId,
        wordsBefore: totalWords(chapters),
        changes: {
          kind: "chapter.updated",
          fields: [],
          chapters: [
            {
              id: chapter.id,
              order: chapter.order,
              title: updated.title,
              fields,
              wordsBefore: chapter.wordCount,
              wordsAfter: wordCount,
              ...(fields.includes("content") ? { textBefore: chapter.content } : {}),
            },
          ],
        },
      });
      await recordActivity(tx, {
        action: "chapter.updated",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: {
          chapterId: chapter.id,
          order: chapter.order,
          fields,
          version: recorded.revision.version,
          wordsDelta: wordCount - chapter.wordCount,
        },
        ...ctx.meta,
      });
      return {
        book: bookEditView(recorded.book),
        chapter: chapterView(updated),
        revision: revisionView(recorded.revision),
      };
    }, editTransactionOptions),
  );
  if (result.revision) await checkAfterEdit(ctx, target.bookId, [target.chapterId]);
  return result;
}
