import "server-only";
import { bookPermissionOverrides, type Collaborator } from "@/contracts/collaborators";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { findCollaborator } from "./find-collaborator";
import { shareBook } from "./share-book";

/**
 * Sends a pending or expired invitation again: a new link (the old one stops working) and 14 more days,
 * same role and permissions. An accepted collaborator has nothing to resend (409).
 */
export async function resendBookInvitation(
  ctx: Ctx,
  ids: { bookId: string; collaboratorId: string },
): Promise<Collaborator> {
  assertCan(ctx.actor, "collaborator:manage");
  const { row } = await findCollaborator(ctx.db, ctx, ids.bookId, ids.collaboratorId);
  if (row.status === "ACTIVE") {
    throw new AppError("INVITATION_NOT_PENDING", `${row.email} already accepted this invitation`);
  }
  // Stored overrides were validated when written; a malformed value falls back to the role's defaults.
  const stored = bookPermissionOverrides.safeParse(row.permissions);
  const permissions = stored.success ? stored.data : undefined;
  return shareBook(ctx, ids.bookId, { email: row.email, role: row.role, permissions });
}
