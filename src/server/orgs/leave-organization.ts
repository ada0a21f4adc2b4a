import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { lockOwners } from "./lock-owners";
import { deleteMembership } from "./remove-member";

/** The caller leaves the active organization; the last owner must hand over ownership first. */
export async function leaveOrganization(ctx: Ctx) {
  if (!ctx.actor.userId) throw new AppError("FORBIDDEN", "Only a person can leave an organization");
  const userId = ctx.actor.userId;
  await ctx.db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.actor.organizationId);
    const member = await tx.organizationMember.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: ctx.actor.organizationId, userId } },
    });
    if (member.role === "OWNER" && owners.length <= 1) {
      throw new AppError("LAST_OWNER", "You are the last owner: make someone else owner before leaving");
    }
    await deleteMembership(tx, member);
    await recordActivity(tx, {
      action: "member.left",
      resource: "member",
      resourceId: member.id,
      organizationId: ctx.actor.organizationId,
      actorId: userId,
      metadata: { role: member.role },
      ...ctx.meta,
    });
  });
}
