import "server-only";
import type { OrgRole } from "@/contracts/organizations";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";

type Membership = { id: string; userId: string; organizationId: string; role: OrgRole };

/**
 * Ends a membership, removed by a manager or left by its member, inside the caller's transaction. `owners`
 * comes from lockOwners, so the last owner can never go. The sessions that had this organization active
 * lose it, and the change is logged in the organization.
 */
export async function endMembership(
  tx: DbTx,
  ctx: Ctx,
  member: Membership,
  owners: string[],
  log: { action: "member.removed" | "member.left"; lastOwnerMessage: string; metadata: Prisma.InputJsonValue },
): Promise<void> {
  if (member.role === "OWNER" && owners.length <= 1) throw new AppError("LAST_OWNER", log.lastOwnerMessage);
  await tx.organizationMember.delete({ where: { id: member.id } });
  await tx.session.updateMany({
    where: { userId: member.userId, activeOrganizationId: member.organizationId },
    data: { activeOrganizationId: null },
  });
  await recordActivity(tx, {
    action: log.action,
    resource: "member",
    resourceId: member.id,
    organizationId: member.organizationId,
    actorId: ctx.actor.userId,
    metadata: log.metadata,
    ...ctx.meta,
  });
}
