import "server-only";
import type { MyInvitation } from "@/contracts/organizations";
import type { UserCtx } from "@/server/context";
import { notFound } from "@/server/errors";
import { invitationSelect, myInvitationView } from "./org-views";

const myInvitationSelect = {
  ...invitationSelect,
  organization: { select: { id: true, name: true, slug: true } },
} as const;

/** Pending, unexpired invitations addressed to the caller's email. */
export async function listMyInvitations(ctx: UserCtx): Promise<MyInvitation[]> {
  const invitations = await ctx.db.invitation.findMany({
    where: { email: ctx.user.email.toLowerCase(), status: "PENDING", expiresAt: { gt: new Date() } },
    select: myInvitationSelect,
    orderBy: { createdAt: "desc" },
  });
  return invitations.map(myInvitationView);
}

/** One invitation, only to the person it is addressed to (anyone else gets 404, never its details). */
export async function getMyInvitation(ctx: UserCtx, invitationId: string): Promise<MyInvitation> {
  const invitation = await ctx.db.invitation.findFirst({
    where: { id: invitationId, email: ctx.user.email.toLowerCase() },
    select: myInvitationSelect,
  });
  if (!invitation) throw notFound("Invitation");
  return myInvitationView(invitation);
}
