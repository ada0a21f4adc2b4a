import "server-only";
import { type RestoreChapterInput, restoreChapterInput } from "@/contracts/book-inputs";
import type { RestoreResult } from "@/contracts/books";
import { countWords } from "@/engines/word-count";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { checkAfterEdit } from "@/server/corrections/check-after-edit";
import { AppError, notFound } from "@/server/errors";
import { demoteChapterHeadings } from "./assemble-book-markdown";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import { editTransactionOptions, recordRevision, totalWords, withEditRetry } from "./record-revision";
import { revisionChapters } from "./revision-chapters";
import { assertNotStale, bookEditView } from "./update-book";

/**
 * Puts one chapter of an earlier revision back (writers who may see the history; not while generating):
 * the chapter `chapter` of that version (its number there) replaces the title and text of the same chapter
 * now, found by id when the version recorded its chapter ids, else by position. Like any edit, in one transaction: the chapter,
 * Book.content re-assembled, a new revision ("chapter N restored from vX"), the formats marked stale and a
 * `chapter.restored` activity row. The other chapters and the order are left as they are.
 */
export async function restoreChapter(
  ctx: Ctx,
  target: { bookId: string; revisionId: string },
  input: RestoreChapterInput,
): Promise<RestoreResult> {
  // Both edit rights and the history: a collaborator whose history is turned off restores nothing, whatever
  // revision id they hold.
  assertCan(ctx.actor, "book:update");
  assertCan(ctx.actor, "revision:update");
  const data = restoreChapterInput.parse(input);
  const result = await withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, target.bookId, { requireContent: true });
      assertNotStale(data.expectedUpdatedAt, book.updatedAt, { book: bookEditView(book) }, "book");
      const restored = await tx.bookRevision.findFirst({ where: { id: target.revisionId, bookId: book.id } });
      if (!restored) throw notFound("Revision");
      const wanted = revisionChapters(restored.content, restored.changes).chapters[data.chapter - 1];
      if (!wanted) {
        throw new AppError("VALIDATION_FAILED", `chapter: Version ${restored.version} has no chapter ${data.chapter}`, {
          field: "chapter",
          messageKey: "validation.revision.chapter",
        });
      }
      const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const chapter = wanted.id ? chapters.find((c) => c.id === wanted.id) : chapters[data.chapter - 1];
      if (!chapter) {
        throw new AppError(
          "CONFLICT",
          `Chapter ${data.chapter} of version ${restored.version} is no longer in the book`,
        );
      }
      const fields: string[] = [];
      if (wanted.title !== chapter.title.trim()) fields.push("title");
      if (wanted.content !== demoteChapterHeadings(chapter.content.trim())) fields.push("content");
      if (fields.length === 0) return { book: bookEditView(book), revision: null };

      const wordCount = fields.includes("content") ? countWords(wanted.content) : chapter.wordCount;
      await tx.chapter.update({
        where: { id: chapter.id },
        data: {
          ...(fields.includes("title") ? { title: wanted.title } : {}),
          ...(fields.includes("content") ? { content: wanted.content, wordCount } : {}),
        },
      });
      const recorded = await recordRevision(tx, {
        book,
        authorId: ctx.actor.userId,
        wordsBefore: totalWords(chapters),
        changes: {
          kind: "chapter.restored",
          restoredFrom: restored.version,
          restoredChapter: data.chapter,
          fields: [],
          chapters: [
            {
              id: chapter.id,
              order: chapter.order,
              title: wanted.title,
              fields,
              wordsBefore: chapter.wordCount,
              wordsAfter: wordCount,
              ...(fields.includes("content") ? { textBefore: chapter.content } : {}),
            },
          ],
        },
      });
      await recordActivity(tx, {
        action: "chapter.restored",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: {
          revisionId: restored.id,
          restoredFrom: restored.version,
          chapterId: chapter.id,
          chapter: chapter.order,
          fields,
          version: recorded.revision.version,
        },
        ...ctx.meta,
      });
      return { book: bookEditView(recorded.book), revision: revisionView(recorded.revision) };
    }, editTransactionOptions),
  );
  const restoredChapter = result.revision?.changes?.chapters?.[0];
  if (restoredChapter?.fields.includes("content")) await checkAfterEdit(ctx, target.bookId, [restoredChapter.id]);
  return result;
}
