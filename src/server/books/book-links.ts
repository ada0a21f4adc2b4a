import "server-only";
import type { DbTx } from "@/server/db/client";
import { bookPath } from "@/lib/book-paths";

type LinkedBook = { id: string; organizationId: string };

/**
 * The path of a book for each of these people, for the links notifications and emails carry: a member of the
 * book's organization opens it in the organization's app, anyone else (a collaborator from outside it) under
 * /shared, where no organization is needed. One query, whatever the number of people.
 */
export async function bookLinksFor(
  tx: DbTx,
  book: LinkedBook,
  userIds: readonly string[],
): Promise<(userId: string) => string> {
  const members = await tx.organizationMember.findMany({
    where: { organizationId: book.organizationId, userId: { in: [...userIds] } },
    select: { userId: true },
  });
  const memberIds = new Set(members.map((m) => m.userId));
  return (userId) => bookPath(memberIds.has(userId) ? "app" : "shared", book.id);
}

/** The path of a book for one person (see bookLinksFor). */
export async function bookLinkFor(tx: DbTx, book: LinkedBook, userId: string): Promise<string> {
  return (await bookLinksFor(tx, book, [userId]))(userId);
}
