import "server-only";
import { type ReorderChaptersInput, reorderChaptersInput } from "@/contracts/book-inputs";
import type { ReorderResult } from "@/contracts/books";
import type { Chapter } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { checkAfterEdit } from "@/server/corrections/check-after-edit";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { chapterSummaryView } from "./book-view";
import { revisionView } from "./list-revisions";
import { lockEditableBook } from "./lock-editable-book";
import { editTransactionOptions, recordRevision, totalWords, withEditRetry } from "./record-revision";
import { bookEditView } from "./update-book";

/** 400 on `chapterIds` unless the ids are exactly the book's chapters, each once, in some order. */
function assertPermutation(chapters: Chapter[], ids: string[]): void {
  const known = new Set(chapters.map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  const given = new Set(ids);
  const missing = chapters.filter((c) => !given.has(c.id)).map((c) => c.id);
  if (unknown.length > 0 || missing.length > 0 || ids.length !== chapters.length) {
    const problems = [
      missing.length ? `missing ${missing.length}` : null,
      unknown.length ? `${unknown.length} not in this book` : null,
    ].filter(Boolean);
    throw new AppError(
      "VALIDATION_FAILED",
      `chapterIds: list each of this book's ${chapters.length} chapters exactly once (${problems.join(", ")})`,
      { field: "chapterIds", details: { missing, unknown } },
    );
  }
}

/**
 * Gives the chapters orders 1..n following `ids` (which must be all of the book's chapters), safely under
 * the unique (bookId, order) key: each chapter first moves to its negative final order (no chapter is
 * negative, so no collision), then one statement flips every sign. Raw SQL leaves Chapter.updatedAt alone:
 * moving a chapter does not change its text, so an editor's expectedUpdatedAt stays valid.
 */
export async function applyChapterOrder(tx: DbTx, bookId: string, ids: string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx.$executeRaw`UPDATE "Chapter" SET "order" = ${-(index + 1)} WHERE "id" = ${id} AND "bookId" = ${bookId}`;
  }
  await tx.$executeRaw`UPDATE "Chapter" SET "order" = -"order" WHERE "bookId" = ${bookId} AND "order" < 0`;
}

/**
 * Puts a book's chapters in a new order (writers; not while it is being generated): `chapterIds` lists
 * every chapter once. In one transaction the orders change, Book.content is re-assembled, a revision is
 * recorded, the formats are marked stale and `chapters.reordered` is logged. The same order is a no-op.
 */
export async function reorderChapters(ctx: Ctx, bookId: string, input: ReorderChaptersInput): Promise<ReorderResult> {
  assertCan(ctx.actor, "book:update");
  const { chapterIds } = reorderChaptersInput.parse(input);
  const result = await withEditRetry(() =>
    ctx.db.$transaction(async (tx) => {
      const book = await lockEditableBook(tx, ctx.actor.organizationId, bookId, { requireContent: true });
      const chapters = await tx.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
      assertPermutation(chapters, chapterIds);
      const unchanged = chapters.every((c, i) => c.id === chapterIds[i] && c.order === i + 1);
      if (unchanged) {
        return { book: bookEditView(book), chapters: chapters.map(chapterSummaryView), revision: null };
      }
      await applyChapterOrder(tx, book.id, chapterIds);
      const moved = chapterIds.flatMap((id, index) => {
        const chapter = chapters.find((c) => c.id === id);
        return chapter && chapter.order !== index + 1
          ? [{ id, title: chapter.title, from: chapter.order, to: index + 1 }]
          : [];
      });
      const recorded = await recordRevision(tx, {
        book,
        authorId: ctx.actor.userId,
        wordsBefore: totalWords(chapters),
        changes: {
          kind: "chapters.reordered",
          fields: [],
          chapters: moved.map((m) => {
            const words = chapters.find((c) => c.id === m.id)?.wordCount ?? 0;
            return {
              id: m.id,
              order: m.to,
              from: m.from,
              title: m.title,
              fields: ["order"],
              wordsBefore: words,
              wordsAfter: words,
            };
          }),
        },
      });
      await recordActivity(tx, {
        action: "chapters.reordered",
        resource: "book",
        resourceId: book.id,
        organizationId: ctx.actor.organizationId,
        actorId: ctx.actor.userId,
        metadata: { moved, version: recorded.revision.version },
        ...ctx.meta,
      });
      return {
        book: bookEditView(recorded.book),
        chapters: recorded.chapters.map(chapterSummaryView),
        revision: revisionView(recorded.revision),
      };
    }, editTransactionOptions),
  );
  // No chapter text changed: the run re-reads nothing but runs the book-level checks (structure).
  if (result.revision) await checkAfterEdit(ctx, bookId, []);
  return result;
}
