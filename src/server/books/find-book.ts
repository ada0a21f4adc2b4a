import "server-only";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** The book with this id in the organization, or 404 (never another tenant's book). */
export async function findBook(db: DbTx, organizationId: string, bookId: string) {
  const book = await db.book.findFirst({ where: { id: bookId, organizationId } });
  if (!book) throw notFound("Book");
  return book;
}

/** The most recent generation job of a book of the organization, or null. */
export async function latestJob(db: DbTx, organizationId: string, bookId: string) {
  return db.bookJob.findFirst({ where: { bookId, organizationId }, orderBy: { createdAt: "desc" } });
}

/** A book of the organization and its latest job; 404 for another tenant's book or a book without a job. */
export async function findBookAndLatestJob(db: DbTx, organizationId: string, bookId: string) {
  const book = await findBook(db, organizationId, bookId);
  const job = await latestJob(db, organizationId, book.id);
  if (!job) throw notFound("Job");
  return { book, job };
}
