import "server-only";
import { z } from "zod";
import { type acceptedInvitationResponse, idSchema } from "@/contracts/organizations";
import { recordActivity } from "@/server/activity/record-activity";
import type { UserCtx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";

export const respondToInvitationInput = z.object({ invitationId: idSchema });

/** Loads a pending invitation addressed to the caller; past its date it is a 410 (the expiry job marks it). */
async function pendingInvitationFor(tx: DbTx, ctx: UserCtx, invitationId: string) {
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, email: ctx.user.email.toLowerCase() },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  });
  if (!invitation) throw notFound("Invitation");
  if (invitation.status !== "PENDING") {
    throw new AppError("INVITATION_NOT_PENDING", `This invitation was already ${invitation.status.toLowerCase()}`);
  }
  if (invitation.expiresAt < new Date()) {
    throw new AppError("INVITATION_EXPIRED", "This invitation has expired: ask for a new one");
  }
  return invitation;
}

/**
 * Accepts an invitation: the caller (whose verified email it is addressed to) joins with the invited
 * role, the organization becomes active on their session, and `member.joined` is logged — one transaction.
 */
export async function acceptInvitation(
  ctx: UserCtx & { sessionId?: string },
  input: z.input<typeof respondToInvitationInput>,
): Promise<z.output<typeof acceptedInvitationResponse>["organization"]> {
  const { invitationId } = respondToInvitationInput.parse(input);
  if (!ctx.user.emailVerified) throw new AppError("FORBIDDEN", "Verify your email address before joining");
  const outcome = await ctx.db.$transaction(async (tx) => {
    const invitation = await pendingInvitationFor(tx, ctx, invitationId);
    const existing = await tx.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: ctx.user.id } },
    });
    if (existing) {
      await tx.invitation.update({
        where: { id: invitation.id },
        data: { status: "ACCEPTED", respondedAt: new Date() },
      });
      return { error: new AppError("ALREADY_MEMBER", `You are already a member of ${invitation.organization.name}`) };
    }
    // The status guard makes a double click (or two tabs) accept once.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, status: "PENDING" },
      data: { status: "ACCEPTED", respondedAt: new Date() },
    });
    if (count === 0) throw new AppError("INVITATION_NOT_PENDING", "This invitation was already answered");
    const member = await tx.organizationMember.create({
      data: { organizationId: invitation.organizationId, userId: ctx.user.id, role: invitation.role },
    });
    if (ctx.sessionId) {
      await tx.session.update({
        where: { id: ctx.sessionId },
        data: { activeOrganizationId: invitation.organizationId },
      });
    }
    await recordActivity(tx, {
      action: "member.joined",
      resource: "member",
      resourceId: member.id,
      organizationId: invitation.organizationId,
      actorId: ctx.user.id,
      metadata: { invitationId: invitation.id, role: invitation.role, email: ctx.user.email },
      ...ctx.meta,
    });
    return { organization: { ...invitation.organization, role: invitation.role } };
  });
  if ("error" in outcome) throw outcome.error;
  return outcome.organization;
}

/** Declines an invitation addressed to the caller; logged in the inviting organization. */
export async function declineInvitation(ctx: UserCtx, input: z.input<typeof respondToInvitationInput>) {
  const { invitationId } = respondToInvitationInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    const invitation = await pendingInvitationFor(tx, ctx, invitationId);
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: "DECLINED", respondedAt: new Date() } });
    await recordActivity(tx, {
      action: "invitation.declined",
      resource: "invitation",
      resourceId: invitation.id,
      organizationId: invitation.organizationId,
      actorId: ctx.user.id,
      metadata: { email: invitation.email },
      ...ctx.meta,
    });
  });
}
