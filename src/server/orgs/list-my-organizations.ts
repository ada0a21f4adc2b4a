import "server-only";
import type { MyOrganization } from "@/contracts/organizations";
import type { UserCtx } from "@/server/context";

/** The organizations the caller belongs to, with their role in each. */
export async function listMyOrganizations(ctx: UserCtx): Promise<MyOrganization[]> {
  const memberships = await ctx.db.organizationMember.findMany({
    where: { userId: ctx.user.id },
    include: { organization: { select: { id: true, name: true, slug: true, plan: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}
