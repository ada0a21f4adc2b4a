import "server-only";
import { type RestoreRevisionInput, restoreRevisionInput } from "@/contracts/book-inputs";
import type { RestoreResult } from "@/contracts/books";
import { countWords } from "@/engines/word-count";
import { editBetween } from "@/lib/text-edits";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { reanchorComments } from "@/server/comments/reanchor-comments";
import type { Ctx } from "@/server/context";
import { checkAfterEdit } from "@/server/corrections/check-after-edit";
import { AppError, notFound } from "@/server/errors";
import { demoteChapterHeadings } from "./assemble-book-markdown";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import {
  editTransactionOptions,
  type RevisionChanges,
  recordRevision,
  totalWords,
  withEditRetry,
} from "./record-revision";
import { applyChapterOrder } from "./reorder-chapters";
import { splitBookMarkdown } from "./revision-chapters";
import { assertNotStale, bookEditView } from "./update-book";

export { splitBookMarkdown } from "./revision-chapters";

/** The chapter order a revision recorded, when it still names exactly the book's chapters. */
export function recordedOrder(changes: unknown, currentIds: string[]): string[] | null {
  const ids = (changes as Partial<RevisionChanges> | null)?.chapterIds;
  if (!Array.isArray(ids) || ids.length !== currentIds.length) return null;
  const set = new Set(currentIds);
  return ids.every((id) => typeof id === "string" && set.has(id)) && new Set(ids).size === ids.length ? ids : null;
}

/**
 * Makes an earlier revision the current text (writers who may see the history; not while generating): the
 * book title, each chapter's title and text, and (when the revision recorded it) the chapter order are put
 * back, then,
 * like any edit and in one transaction, Book.content is re-assembled, a new revision is recorded (history
 * is never rewritten), the formats are marked stale and `book.revision_restored` is logged.
 */
export async function restoreRevision(
  ctx: Ctx,
  target: { bookId: string; revisionId: string },
  input: RestoreRevisionInput = {},
): Promise<RestoreResult> {
  // It writes the text (edit rights) from an old version (the history, which a collaborator may be denied).
  assertCan(ctx.actor, "book:update");
  assertCan(ctx.actor, "revision:read");
  const data = restoreRevisionInput.parse(input);
  const result = await withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, target.bookId, { requireContent: true });
      assertNotStale(data.expectedUpdatedAt, book.updatedAt, { book: bookEditView(book) }, "book");
      const restored = await tx.bookRevision.findFirst({ where: { id: target.revisionId, bookId: book.id } });
      if (!restored) throw notFound("Revision");
      if (restored.content === book.content) return { book: bookEditView(book), revision: null };

      const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      const split = splitBookMarkdown(restored.content, chapters.length);
      if (!split) {
        throw new AppError(
          "CONFLICT",
          `Version ${restored.version} cannot be split back into this book's ${chapters.length} chapters`,
        );
      }
      const currentIds = chapters.map((c) => c.id);
      const ids = recordedOrder(restored.changes, currentIds) ?? currentIds;
      const byId = new Map(chapters.map((c) => [c.id, c]));
      const changed: (RevisionChanges["chapters"][number] & { textBefore?: string })[] = [];
      for (const [index, id] of ids.entries()) {
        const chapter = byId.get(id)!;
        const wanted = split.chapters[index]!;
        const fields: string[] = [];
        if (wanted.title !== chapter.title.trim()) fields.push("title");
        if (wanted.content !== demoteChapterHeadings(chapter.content.trim())) fields.push("content");
        if (chapter.order !== index + 1) fields.push("order");
        if (fields.length === 0) continue;
        const wordCount = fields.includes("content") ? countWords(wanted.content) : chapter.wordCount;
        if (fields.includes("title") || fields.includes("content")) {
          await tx.chapter.update({
            where: { id },
            data: {
              ...(fields.includes("title") ? { title: wanted.title } : {}),
              ...(fields.includes("content") ? { content: wanted.content, wordCount } : {}),
            },
          });
          if (fields.includes("content")) {
            await reanchorComments(tx, id, editBetween(chapter.content, wanted.content), wanted.content);
          }
        }
        changed.push({
          id,
          order: index + 1,
          ...(chapter.order !== index + 1 ? { from: chapter.order } : {}),
          title: wanted.title,
          fields,
          wordsBefore: chapter.wordCount,
          wordsAfter: wordCount,
          ...(fields.includes("content") ? { textBefore: chapter.content } : {}),
        });
      }
      if (ids.some((id, index) => currentIds[index] !== id)) await applyChapterOrder(tx, book.id, ids);
      const titleChanged = split.title !== book.title.trim();
      const current = titleChanged
        ? await tx.book.update({ where: { id: book.id }, data: { title: split.title } })
        : book;
      const recorded = await recordRevision(tx, {
        book: current,
        authorId: ctx.actor.userId,
        wordsBefore: totalWords(chapters),
        changes: {
          kind: "revision.restored",
          restoredFrom: restored.version,
          chapters: changed,
          fields: titleChanged ? ["title"] : [],
        },
      });
      await recordActivity(tx, {
        action: "book.revision_restored",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: { revisionId: restored.id, restoredFrom: restored.version, version: recorded.revision.version },
        ...ctx.meta,
      });
      return { book: bookEditView(recorded.book), revision: revisionView(recorded.revision) };
    }, editTransactionOptions),
  );
  if (result.revision) {
    const chapterIds = (result.revision.changes?.chapters ?? []).filter((c) => c.fields.includes("content"));
    await checkAfterEdit(
      ctx,
      target.bookId,
      chapterIds.map((c) => c.id),
    );
  }
  return result;
}
