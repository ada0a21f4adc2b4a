import "server-only";
import type { z } from "zod";
import type { adminOrganizationsPage } from "@/contracts/admin";
import { activeGrantWhere, combinePlans } from "@/server/billing/effective-plan";
import type { UserCtx } from "@/server/context";
import { assertSuperAdmin, pageInput } from "./assert-super-admin";
import { planGrantView, planGrantViewSelect } from "./plan-grant-view";

/**
 * Every organization on the platform with member and book counts, its effective plan, its paid plan and
 * its active grant with who granted it (SUPER_ADMIN only).
 */
export async function listAllOrganizations(
  ctx: UserCtx,
  raw: { cursor?: string | null; limit?: string | null },
): Promise<z.output<typeof adminOrganizationsPage>> {
  assertSuperAdmin(ctx);
  const { cursor, limit } = pageInput(raw);
  const now = new Date();
  const rows = await ctx.db.organization.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      plan: true,
      createdAt: true,
      _count: { select: { members: true, books: true } },
      planGrants: {
        where: activeGrantWhere(now),
        orderBy: { createdAt: "desc" },
        take: 1,
        select: planGrantViewSelect,
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map(({ _count, createdAt, planGrants, plan, ...o }) => {
    const grant = planGrants[0] ?? null;
    const effective = combinePlans(plan, grant && { ...grant, grantedById: grant.grantedBy?.id ?? null });
    return {
      ...o,
      plan: effective.plan,
      paidPlan: plan,
      grant: grant ? planGrantView(grant) : null,
      createdAt: createdAt.toISOString(),
      memberCount: _count.members,
      bookCount: _count.books,
    };
  });
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
