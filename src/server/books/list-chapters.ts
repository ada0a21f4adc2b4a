import "server-only";
import type { ChapterList, EditingState } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { chapterSummaryView } from "./book-view";
import { findBook, latestJob } from "./find-book";
import { editBlocker } from "./lock-editable-book";
import { latestRevisionVersion } from "./record-revision";

/** Whether the book can be edited now, and if not why: BOOK_BUSY (generating) or NOT_GENERATED. */
export async function editingState(
  ctx: Ctx,
  book: Parameters<typeof editBlocker>[0] & { id: string },
): Promise<EditingState> {
  const job = await latestJob(ctx.db, ctx.actor.organizationId, book.id);
  const reason = editBlocker(book, job?.status ?? null);
  return { allowed: reason === null, reason };
}

/** The chapters of a book in reading order (without their text), whether it can be edited, and its version. */
export async function listChapters(ctx: Ctx, bookId: string): Promise<ChapterList> {
  assertCan(ctx.actor, "book:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const [chapters, editing, version] = await Promise.all([
    ctx.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } }),
    editingState(ctx, book),
    latestRevisionVersion(ctx.db, book.id),
  ]);
  return {
    book: { id: book.id, title: book.title, updatedAt: book.updatedAt.toISOString(), formatsStale: book.formatsStale },
    version,
    editing,
    chapters: chapters.map(chapterSummaryView),
  };
}
