import "server-only";
import { type UsageHistory, usageHistoryQuery } from "@/contracts/billing";
import type { z } from "zod";
import type { UsageMetricType } from "@/generated/prisma/enums";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { usagePeriod } from "./usage-period";

const metricTypes: UsageMetricType[] = ["BOOKS_CREATED", "STORAGE_USED", "API_CALLS"];

/**
 * GET /api/billing/usage?months=6: each metric per calendar month, oldest first, the current month last,
 * months without a row reported as 0 (a chart needs every point).
 */
export async function getUsageHistory(ctx: Ctx, input: z.input<typeof usageHistoryQuery>): Promise<UsageHistory> {
  assertCan(ctx.actor, "usage:read");
  const { months } = usageHistoryQuery.parse(input);
  const periods = Array.from({ length: months }, (_, i) => usagePeriod(new Date(), i - months + 1));
  const rows = await ctx.db.usageMetric.findMany({
    where: { organizationId: ctx.actor.organizationId, periodStart: { gte: periods[0]!.periodStart } },
    select: { metric: true, periodStart: true, value: true },
  });
  return {
    months: periods.map(({ periodStart, periodEnd }) => {
      const values = Object.fromEntries(
        metricTypes.map((metric) => [
          metric,
          Number(
            rows.find((r) => r.metric === metric && r.periodStart.getTime() === periodStart.getTime())?.value ?? 0,
          ),
        ]),
      ) as Record<UsageMetricType, number>;
      return { periodStart: periodStart.toISOString(), periodEnd: periodEnd.toISOString(), values };
    }),
  };
}
