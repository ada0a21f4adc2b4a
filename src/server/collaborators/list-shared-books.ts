import "server-only";
import type { z } from "zod";
import type { sharedBooksResponse } from "@/contracts/collaborators";
import type { UserCtx } from "@/server/context";
import { collaboratorSelect, sharedBookView } from "./collaborator-views";

const sharedSelect = {
  ...collaboratorSelect,
  book: { select: { title: true, organization: { select: { name: true } } } },
} as const;

/**
 * The caller's "Shared with me" shelf: the books shared with them (ACTIVE, by account) and the invitations
 * waiting for them (PENDING, by their email, not expired). Nothing else of the books' organizations.
 */
export async function listSharedBooks(ctx: UserCtx): Promise<z.output<typeof sharedBooksResponse>> {
  const [books, invitations] = await Promise.all([
    ctx.db.bookCollaborator.findMany({
      where: { userId: ctx.user.id, status: "ACTIVE" },
      orderBy: [{ acceptedAt: "desc" }, { id: "asc" }],
      select: sharedSelect,
    }),
    ctx.db.bookCollaborator.findMany({
      where: { email: ctx.user.email.toLowerCase(), status: "PENDING", expiresAt: { gt: new Date() } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: sharedSelect,
    }),
  ]);
  return { books: books.map(sharedBookView), invitations: invitations.map(sharedBookView) };
}
