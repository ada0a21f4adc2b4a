import "server-only";
import type { BookDetail } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { jobView } from "@/server/generation/job-view";
import { bookView, chapterView } from "./book-view";
import { findBook, latestJob } from "./find-book";

/** A book of the organization with its chapters (in order) and its latest generation job. */
export async function getBook(ctx: Ctx, bookId: string): Promise<BookDetail> {
  assertCan(ctx.actor, "book:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const [chapters, job] = await Promise.all([
    ctx.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } }),
    latestJob(ctx.db, ctx.actor.organizationId, book.id),
  ]);
  return { book: bookView(book), chapters: chapters.map(chapterView), job: job ? jobView(job) : null };
}
