import "server-only";
import type { RevisionText } from "@/contracts/books";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { findBook } from "./find-book";
import { revisionPeople, revisionView } from "./list-revisions";

/** One revision of a book of the organization, with the whole book's Markdown as it was then. */
export async function getRevision(ctx: Ctx, input: { bookId: string; revisionId: string }): Promise<RevisionText> {
  assertCan(ctx.actor, "revision:read");
  const book = await findBook(ctx.db, ctx.actor, input.bookId);
  const row = await ctx.db.bookRevision.findFirst({
    where: { id: input.revisionId, bookId: book.id },
    include: revisionPeople,
  });
  if (!row) throw notFound("Revision");
  const { author, namedBy, ...revision } = row;
  return { revision: { ...revisionView(revision, author, namedBy), content: revision.content } };
}
