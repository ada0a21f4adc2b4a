import "server-only";
import type { MentionablePerson } from "@/contracts/comments";
import type { DbTx } from "@/server/db/client";

/**
 * The people who can see a book, so can be @mentioned on it: the members of its organization and its ACTIVE
 * collaborators, by name. (Who of them may *read* the book is the permission matrix's decision; every member
 * role and every collaborator role reads.)
 */
export async function bookAudience(
  db: DbTx,
  book: { id: string; organizationId: string },
): Promise<MentionablePerson[]> {
  const [members, collaborators] = await Promise.all([
    db.organizationMember.findMany({
      where: { organizationId: book.organizationId },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.bookCollaborator.findMany({
      where: { bookId: book.id, status: "ACTIVE" },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  const byId = new Map<string, MentionablePerson>();
  // A collaborator still invited by email (no account yet) has no user: nobody to mention.
  for (const { user } of [...members, ...collaborators]) if (user) byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/**
 * The book's writers, told about new comments and suggestions: its creator and its ACTIVE EDITOR and ADMIN
 * collaborators (the organization's other members follow the book in the app, not by mail).
 */
export async function bookWriters(db: DbTx, book: { id: string; createdById: string | null }): Promise<string[]> {
  const collaborators = await db.bookCollaborator.findMany({
    where: { bookId: book.id, status: "ACTIVE", role: { in: ["EDITOR", "ADMIN"] } },
    select: { userId: true },
  });
  const ids = new Set(collaborators.flatMap((c) => (c.userId ? [c.userId] : [])));
  if (book.createdById) ids.add(book.createdById);
  return [...ids];
}
