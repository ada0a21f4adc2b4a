import "server-only";
import type { ChapterDetail } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { chapterView } from "./book-view";
import { findBook } from "./find-book";
import { editingState } from "./list-chapters";

/** One chapter of a book of the organization, with its text (its updatedAt is the edit's expectedUpdatedAt). */
export async function getChapter(ctx: Ctx, input: { bookId: string; chapterId: string }): Promise<ChapterDetail> {
  assertCan(ctx.actor, "book:read");
  const book = await findBook(ctx.db, ctx.actor, input.bookId);
  const chapter = await ctx.db.chapter.findFirst({ where: { id: input.chapterId, bookId: book.id } });
  if (!chapter) throw notFound("Chapter");
  return {
    book: { id: book.id, title: book.title, updatedAt: book.updatedAt.toISOString() },
    editing: await editingState(ctx, book),
    chapter: chapterView(chapter),
  };
}
