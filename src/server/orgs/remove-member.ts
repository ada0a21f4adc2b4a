import "server-only";
import { z } from "zod";
import { idSchema } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError, notFound } from "@/server/errors";
import { endMembership } from "./end-membership";
import { lockOwners } from "./lock-owners";

export const removeMemberInput = z.object({ memberId: idSchema });

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
    await endMembership(tx, ctx, member, owners, {
      action: "member.removed",
      lastOwnerMessage: "The last owner cannot be removed",
      metadata: { userId: member.userId, email: member.user.email, role: member.role },
    });
  });
}
