import "server-only";
import { type ListRevisionsInput, listRevisionsInput } from "@/contracts/book-inputs";
import type { Revision, RevisionChanges, RevisionPage } from "@/contracts/books";
import { type BookRevision, Prisma } from "@/generated/prisma/client";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { findBook } from "./find-book";

/** A revision as the history lists it (no content: GET the revision for its text). */
type Person = { id: string; name: string };

/** The people a revision names, as list and get include them. */
export const revisionPeople = {
  author: { select: { id: true, name: true } },
  namedBy: { select: { id: true, name: true } },
} as const;

export function revisionView(
  revision: BookRevision,
  author: Person | null = null,
  namedBy: Person | null = null,
): Revision {
  return {
    id: revision.id,
    bookId: revision.bookId,
    version: revision.version,
    // Written only by recordRevision and finalize-book, each an object with a `kind`.
    changes: revision.changes as RevisionChanges | null,
    authorId: revision.authorId,
    author,
    characters: revision.content.length,
    createdAt: revision.createdAt.toISOString(),
    name: revision.name,
    note: revision.note,
    namedBy: revision.name ? namedBy : null,
    namedAt: revision.namedAt?.toISOString() ?? null,
  };
}

/**
 * A book's revisions, newest version first ("1.10" after "1.9": versions compare numerically, so the order
 * is the order of the edits even when two committed in the same millisecond); paginated by version.
 */
export async function listRevisions(ctx: Ctx, bookId: string, input: ListRevisionsInput = {}): Promise<RevisionPage> {
  assertCan(ctx.actor, "revision:read");
  const { cursor, limit } = listRevisionsInput.parse(input);
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const [major, minor] = (cursor ?? "").split(".").map(Number);
  const before = cursor
    ? Prisma.sql`AND (split_part("version", '.', 1)::int, split_part("version", '.', 2)::int) < (${major ?? 0}::int, ${minor ?? 0}::int)`
    : Prisma.empty;
  const page = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "BookRevision"
    WHERE "bookId" = ${book.id} AND "version" ~ '^[0-9]+[.][0-9]+$' ${before}
    ORDER BY split_part("version", '.', 1)::int DESC, split_part("version", '.', 2)::int DESC
    LIMIT ${limit + 1}`;
  const ids = page.slice(0, limit).map((r) => r.id);
  const rows = await ctx.db.bookRevision.findMany({
    where: { id: { in: ids } },
    include: revisionPeople,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { author, namedBy, ...revision } = row;
    return [revisionView(revision, author, namedBy)];
  });
  return { items, nextCursor: page.length > limit ? (items[items.length - 1]?.version ?? null) : null };
}
