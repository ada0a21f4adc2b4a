import "server-only";
import { findBook } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** A collaborator row of a book the actor reaches, or 404 (another book's row is indistinguishable from none). */
export async function findCollaborator(tx: DbTx, ctx: Ctx, bookId: string, collaboratorId: string) {
  const book = await findBook(tx, ctx.actor, bookId);
  const row = await tx.bookCollaborator.findFirst({ where: { id: collaboratorId, bookId: book.id } });
  if (!row) throw notFound("Collaborator");
  return { book, row };
}
