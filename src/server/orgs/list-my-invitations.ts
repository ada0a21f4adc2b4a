import type { UserCtx } from "@/server/context";
import { notFound } from "@/server/errors";

const invitationView = {
  id: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  organization: { select: { id: true, name: true, slug: true } },
  inviter: { select: { name: true, email: true } },
} as const;

/** Pending, unexpired invitations addressed to the caller's email. */
export async function listMyInvitations(ctx: UserCtx) {
  return ctx.db.invitation.findMany({
    where: { email: ctx.user.email.toLowerCase(), status: "PENDING", expiresAt: { gt: new Date() } },
    select: invitationView,
    orderBy: { createdAt: "desc" },
  });
}

/** One invitation, only to the person it is addressed to (anyone else gets 404, never its details). */
export async function getMyInvitation(ctx: UserCtx, invitationId: string) {
  const invitation = await ctx.db.invitation.findFirst({
    where: { id: invitationId, email: ctx.user.email.toLowerCase() },
    select: invitationView,
  });
  if (!invitation) throw notFound("Invitation");
  const expired = invitation.status === "PENDING" && invitation.expiresAt < new Date();
  return { ...invitation, status: expired ? ("EXPIRED" as const) : invitation.status };
}
