import "server-only";
import { z } from "zod";
import { idSchema, type MemberRecord, orgRoleSchema } from "@/contracts/organizations";
import { assertCan, assignableRoles } from "@/server/auth/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Ctx } from "@/server/context";
import { AppError, notFound } from "@/server/errors";
import { lockOwners } from "./lock-owners";
import { memberRecordView } from "./org-views";

export const changeMemberRoleInput = z.object({ memberId: idSchema, role: orgRoleSchema });

/**
 * Changes a member's role. Admins manage admins, members and guests; only owners touch owners or grant
 * OWNER; the last owner can never be demoted. Logged as `member.role_changed`.
 */
export async function changeMemberRole(ctx: Ctx, input: z.input<typeof changeMemberRoleInput>): Promise<MemberRecord> {
  assertCan(ctx.actor, "member:update_role");
  const { memberId, role } = changeMemberRoleInput.parse(input);
  const member = await ctx.db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.actor.organizationId);
    const member = await tx.organizationMember.findFirst({
      where: { id: memberId, organizationId: ctx.actor.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("Member");
    const allowed = assignableRoles(ctx.actor.orgRole);
    if (!allowed.includes(role)) {
      throw new AppError("FORBIDDEN", `Your role cannot grant ${role}`, { field: "role" });
    }
    if (member.role === "OWNER" && ctx.actor.orgRole !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an owner can change an owner's role", { field: "role" });
    }
    if (member.role === role) return member;
    if (member.role === "OWNER" && owners.length <= 1) {
      throw new AppError("LAST_OWNER", "The organization needs at least one owner: promote someone else first", {
        field: "role",
      });
    }
    const updated = await tx.organizationMember.update({ where: { id: member.id }, data: { role } });
    await recordActivity(tx, {
      action: "member.role_changed",
      resource: "member",
      resourceId: member.id,
      organizationId: ctx.actor.organizationId,
      actorId: ctx.actor.userId,
      metadata: { userId: member.userId, email: member.user.email, from: member.role, to: role },
      ...ctx.meta,
    });
    return updated;
  });
  return memberRecordView(member);
}
