import "server-only";
import type { Member } from "@/contracts/organizations";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { memberView } from "./org-views";

/** Members of the active organization with their user profile, owners first. */
export async function listMembers(ctx: Ctx): Promise<Member[]> {
  assertCan(ctx.actor, "member:list");
  const members = await ctx.db.organizationMember.findMany({
    where: { organizationId: ctx.actor.organizationId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, image: true } },
    },
    orderBy: [{ createdAt: "asc" }],
  });
  const rank = { OWNER: 0, ADMIN: 1, MEMBER: 2, GUEST: 3 } as const;
  return members.sort((a, b) => rank[a.role] - rank[b.role]).map(memberView);
}
