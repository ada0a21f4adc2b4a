import "server-only";
import type { MyOrganization } from "@/contracts/organizations";
import { effectivePlansOf } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";

/** The organizations the caller belongs to, with their role in each and their effective plan. */
export async function listMyOrganizations(ctx: UserCtx): Promise<MyOrganization[]> {
  const memberships = await ctx.db.organizationMember.findMany({
    where: { userId: ctx.user.id },
    include: { organization: { select: { id: true, name: true, slug: true, plan: true } } },
    orderBy: { createdAt: "asc" },
  });
  const plans = await effectivePlansOf(
    ctx.db,
    memberships.map((m) => m.organization),
  );
  return memberships.map((m) => ({
    ...m.organization,
    plan: plans.get(m.organization.id)?.plan ?? m.organization.plan,
    role: m.role,
  }));
}
