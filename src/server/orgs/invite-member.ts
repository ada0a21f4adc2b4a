import "server-only";
import type { z } from "zod";
import { type InvitationRecord, inviteMemberBody } from "@/contracts/organizations";
import { assertCan, assignableRoles } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import { linkEmail } from "@/server/email/email-templates";
import { sendThrottledEmail } from "@/server/email/send-throttled-email";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { invitationRecordView } from "./org-views";

export const INVITATION_TTL_DAYS = 7;

/**
 * Invites someone by email with a role (OWNER/ADMIN). Inviting an address that already has a pending
 * invitation renews it (new role and expiry) and sends the email again. Logged as `member.invited`.
 */
export async function inviteMember(ctx: Ctx, input: z.input<typeof inviteMemberBody>): Promise<InvitationRecord> {
  assertCan(ctx.actor, "member:invite");
  const { email, role } = inviteMemberBody.parse(input);
  if (!assignableRoles(ctx.actor.orgRole).includes(role)) {
    throw new AppError("FORBIDDEN", `Your role cannot invite someone as ${role}`, { field: "role" });
  }
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600_000);
  const invitation = await ctx.db.$transaction(async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: ctx.actor.organizationId } });
    const alreadyMember = await tx.organizationMember.findFirst({
      where: { organizationId: organization.id, user: { email } },
      select: { id: true },
    });
    if (alreadyMember) throw new AppError("ALREADY_MEMBER", `${email} is already a member`, { field: "email" });
    const pending = await tx.invitation.findFirst({
      where: { organizationId: organization.id, email, status: "PENDING" },
    });
    const invitation = pending
      ? await tx.invitation.update({
          where: { id: pending.id },
          data: { role, expiresAt, inviterId: ctx.actor.userId },
        })
      : await tx.invitation.create({
          data: { organizationId: organization.id, email, role, expiresAt, inviterId: ctx.actor.userId },
        });
    const inviter = ctx.actor.userId
      ? await tx.user.findUnique({ where: { id: ctx.actor.userId }, select: { name: true, locale: true } })
      : null;
    const url = `${env().APP_URL}/invitations/${invitation.id}`;
    const delivery = await sendThrottledEmail(
      tx,
      "invite",
      linkEmail("invite", email, url, {
        locale: inviter?.locale,
        vars: { org: organization.name, inviter: inviter?.name ?? organization.name, role },
      }),
    );
    // Thrown inside the transaction, so the invitation is not created or renewed either.
    if (!delivery.sent) {
      const minutes = Math.max(1, Math.ceil((delivery.retryAt.getTime() - Date.now()) / 60_000));
      throw new AppError(
        "RATE_LIMITED",
        `${email} has received too many invitation emails; try again in ${minutes} minute(s)`,
        { field: "email", details: { retryAt: delivery.retryAt.toISOString() } },
      );
    }
    await recordActivity(tx, {
      action: "member.invited",
      resource: "invitation",
      resourceId: invitation.id,
      organizationId: organization.id,
      actorId: ctx.actor.userId,
      metadata: { email, role, renewed: Boolean(pending) },
      ...ctx.meta,
    });
    return invitation;
  });
  return invitationRecordView(invitation);
}
