import "server-only";
import { randomUUID } from "node:crypto";
import type { UsageMetricType } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";

/** The calendar month (UTC) containing `now`: usage is counted per monthly period. */
export function monthlyPeriod(now: Date): { periodStart: Date; periodEnd: Date } {
  return {
    periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    periodEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

/**
 * Adds `amount` to an organization's usage metric for the current monthly period, as one atomic
 * INSERT … ON CONFLICT DO UPDATE, so concurrent books never lose a count. Call it with the transaction
 * client of the change being counted.
 */
export async function countUsage(
  tx: DbTx,
  organizationId: string,
  metric: UsageMetricType,
  amount = 1,
  now = new Date(),
): Promise<void> {
  const { periodStart, periodEnd } = monthlyPeriod(now);
  await tx.$executeRaw`
    INSERT INTO "UsageMetric" ("id", "organizationId", "metric", "value", "periodStart", "periodEnd", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${organizationId}, ${metric}::"UsageMetricType", ${amount}, ${periodStart}, ${periodEnd}, ${now}, ${now})
    ON CONFLICT ("organizationId", "metric", "periodStart")
    DO UPDATE SET "value" = "UsageMetric"."value" + EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`;
}
