import "server-only";
import type { Actor } from "@/server/auth/permissions";
import { bookWhere } from "@/server/books/find-book";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

/**
 * The book with this id in the actor's organization, or 404: a book of another organization is
 * indistinguishable from one that does not exist, and a collaborator confined to one book finds no other.
 */
export async function findOrgBook(db: DbTx, actor: Actor, bookId: string) {
  const book = await db.book.findFirst({
    where: bookWhere(actor, bookId),
    select: { id: true, organizationId: true, title: true, content: true, formatsStale: true },
  });
  if (!book) throw notFound("Book");
  return book;
}
