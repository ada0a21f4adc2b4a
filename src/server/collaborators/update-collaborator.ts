import "server-only";
import type { z } from "zod";
import { type Collaborator, updateCollaboratorBody } from "@/contracts/collaborators";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { collaboratorSelect, collaboratorView } from "./collaborator-views";
import { findCollaborator } from "./find-collaborator";

/**
 * Changes a collaborator's role and/or per-person permissions (pending invitations too: the link grants the
 * new role). Permissions sent replace those stored, key by key. Logged as `collaborator.role_changed`.
 */
export async function updateCollaborator(
  ctx: Ctx,
  ids: { bookId: string; collaboratorId: string },
  input: z.input<typeof updateCollaboratorBody>,
): Promise<Collaborator> {
  assertCan(ctx.actor, "collaborator:manage");
  const { role, permissions } = updateCollaboratorBody.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const { book, row } = await findCollaborator(tx, ctx, ids.bookId, ids.collaboratorId);
    const stored = typeof row.permissions === "object" && row.permissions !== null ? row.permissions : {};
    const updated = await tx.bookCollaborator.update({
      where: { id: row.id },
      data: {
        ...(role ? { role } : {}),
        ...(permissions ? { permissions: { ...stored, ...permissions } as Prisma.InputJsonObject } : {}),
      },
      select: collaboratorSelect,
    });
    await recordActivity(tx, {
      action: "collaborator.role_changed",
      resource: "book",
      resourceId: book.id,
      organizationId: book.organizationId,
      actorId: ctx.actor.userId,
      metadata: {
        collaboratorId: row.id,
        email: row.email,
        from: row.role,
        to: updated.role,
        permissions: permissions ?? null,
      },
      ...ctx.meta,
    });
    return collaboratorView(updated);
  });
}
