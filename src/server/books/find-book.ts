import "server-only";
import { type Actor, bookScope } from "@/server/auth/permissions";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** Whose books a lookup may find: an actor (confined collaborators reach their one book) or an organization id. */
export type BookOwner = string | Pick<Actor, "organizationId" | "book">;

/** The lookup conditions for one book of an owner: never another tenant's, never another book for a confined actor. */
export function bookWhere(owner: BookOwner, bookId: string) {
  const scope = typeof owner === "string" ? { organizationId: owner } : bookScope(owner);
  return { AND: [{ id: bookId }, scope] };
}

/** The book with this id in the organization (and the actor's reach), or 404 (never another tenant's book). */
export async function findBook(db: DbTx, owner: BookOwner, bookId: string) {
  const book = await db.book.findFirst({ where: bookWhere(owner, bookId) });
  if (!book) throw notFound("Book");
  return book;
}

/** The most recent generation job of a book of the organization, or null. */
export async function latestJob(db: DbTx, organizationId: string, bookId: string) {
  return db.bookJob.findFirst({ where: { bookId, organizationId }, orderBy: { createdAt: "desc" } });
}

/** A book of the organization and its latest job; 404 for another tenant's book or a book without a job. */
export async function findBookAndLatestJob(db: DbTx, owner: BookOwner, bookId: string) {
  const book = await findBook(db, owner, bookId);
  const job = await latestJob(db, book.organizationId, book.id);
  if (!job) throw notFound("Job");
  return { book, job };
}
