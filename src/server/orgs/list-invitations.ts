import "server-only";
import type { Invitation } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { invitationSelect, invitationView } from "./org-views";

/** The active organization's invitations (pending first, newest first). */
export async function listInvitations(ctx: Ctx): Promise<Invitation[]> {
  assertCan(ctx.actor, "invitation:list");
  const invitations = await ctx.db.invitation.findMany({
    where: { organizationId: ctx.actor.organizationId },
    select: invitationSelect,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const now = new Date();
  return invitations
    .map((invitation) => invitationView(invitation, now))
    .sort((a, b) => Number(b.status === "PENDING") - Number(a.status === "PENDING"));
}
