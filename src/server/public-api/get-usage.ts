import "server-only";
import { assertCan } from "@/server/auth/permissions";
import { effectivePlanOf } from "@/server/billing/effective-plan";
import { usagePeriod } from "@/server/billing/usage-period";
import type { Ctx } from "@/server/context";

/** The organization's usage this month (books created, storage, API calls) and its plan. */
export async function getUsage(ctx: Ctx, now = new Date()) {
  assertCan(ctx.actor, "usage:read");
  const { periodStart, periodEnd } = usagePeriod(now);
  const [organization, rows] = await Promise.all([
    effectivePlanOf(ctx.db, ctx.actor.organizationId, now),
    ctx.db.usageMetric.findMany({
      where: { organizationId: ctx.actor.organizationId, periodStart },
      select: { metric: true, value: true },
    }),
  ]);
  const metrics = { BOOKS_CREATED: 0, STORAGE_USED: 0, API_CALLS: 0 };
  for (const row of rows) metrics[row.metric] = Number(row.value);
  return {
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    plan: organization.plan, // the effective plan: paid or granted, the higher
    metrics,
  };
}
