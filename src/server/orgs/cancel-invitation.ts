import "server-only";
import { z } from "zod";
import { assertCan } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import { AppError, notFound } from "@/server/errors";
import { idSchema } from "@/contracts/organizations";

export const cancelInvitationInput = z.object({ invitationId: idSchema });

/** Cancels a pending invitation of the active organization (OWNER/ADMIN). */
export async function cancelInvitation(ctx: Ctx, input: z.input<typeof cancelInvitationInput>) {
  assertCan(ctx.actor, "invitation:cancel");
  const { invitationId } = cancelInvitationInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organizationId: ctx.actor.organizationId },
    });
    if (!invitation) throw notFound("Invitation");
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, status: "PENDING" },
      data: { status: "CANCELED", respondedAt: new Date() },
    });
    if (count === 0)
      throw new AppError("INVITATION_NOT_PENDING", `This invitation is already ${invitation.status.toLowerCase()}`);
    await recordActivity(tx, {
      action: "invitation.canceled",
      resource: "invitation",
      resourceId: invitation.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { email: invitation.email, role: invitation.role },
      ...ctx.meta,
    });
  });
}
