import { z } from "zod";
import { idSchema } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { lockOwners } from "./lock-owners";

export const removeMemberInput = z.object({ memberId: idSchema });

/** Deletes a membership and clears it as the active organization of that user's sessions. */
export async function deleteMembership(tx: DbTx, member: { id: string; userId: string; organizationId: string }) {
  await tx.organizationMember.delete({ where: { id: member.id } });
  await tx.session.updateMany({
    where: { userId: member.userId, activeOrganizationId: member.organizationId },
    data: { activeOrganizationId: null },
  });
}

/** Removes another member (OWNER/ADMIN; admins cannot remove owners; never the last owner). */
export async function removeMember(ctx: Ctx, input: z.input<typeof removeMemberInput>) {
  assertCan(ctx.actor, "member:remove");
  const { memberId } = removeMemberInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.actor.organizationId);
    const member = await tx.organizationMember.findFirst({
      where: { id: memberId, organizationId: ctx.actor.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("Member");
    if (member.role === "OWNER" && ctx.actor.orgRole !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an owner can remove an owner");
    }
    if (member.role === "OWNER" && owners.length <= 1) {
      throw new AppError("LAST_OWNER", "The last owner cannot be removed");
    }
    await deleteMembership(tx, member);
    await recordActivity(tx, {
      action: "member.removed",
      resource: "member",
      resourceId: member.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { userId: member.userId, email: member.user.email, role: member.role },
      ...ctx.meta,
    });
  });
}
