import "server-only";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { endMembership } from "./end-membership";
import { lockOwners } from "./lock-owners";

/** The caller leaves the active organization; the last owner must hand over ownership first. */
export async function leaveOrganization(ctx: Ctx) {
  if (!ctx.actor.userId) throw new AppError("FORBIDDEN", "Only a person can leave an organization");
  const userId = ctx.actor.userId;
  await ctx.db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.actor.organizationId);
    const member = await tx.organizationMember.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: ctx.actor.organizationId, userId } },
    });
    await endMembership(tx, ctx, member, owners, {
      action: "member.left",
      lastOwnerMessage: "You are the last owner: make someone else owner before leaving",
      metadata: { role: member.role },
    });
  });
}
