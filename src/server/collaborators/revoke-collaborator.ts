import "server-only";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { findCollaborator } from "./find-collaborator";

/**
 * Removes a collaborator or withdraws an invitation: the row is deleted, so its link and its access end at
 * once (the next request finds no ACTIVE row). Logged as `collaborator.revoked`.
 */
export async function revokeCollaborator(ctx: Ctx, ids: { bookId: string; collaboratorId: string }): Promise<void> {
  assertCan(ctx.actor, "collaborator:manage");
  await ctx.db.$transaction(async (tx) => {
    const { book, row } = await findCollaborator(tx, ctx, ids.bookId, ids.collaboratorId);
    await tx.bookCollaborator.delete({ where: { id: row.id } });
    await recordActivity(tx, {
      action: "collaborator.revoked",
      resource: "book",
      resourceId: book.id,
      organizationId: book.organizationId,
      actorId: ctx.actor.userId,
      metadata: { collaboratorId: row.id, email: row.email, role: row.role, status: row.status },
      ...ctx.meta,
    });
  });
}
