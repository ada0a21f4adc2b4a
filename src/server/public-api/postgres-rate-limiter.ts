import { randomUUID } from "node:crypto";
import { type Db, db } from "../db/client";
import { type RateLimiter, rateLimitResult, rateLimitWindow } from "./rate-limit-window";
import { monthlyPeriod } from "../books/count-usage";

/**
 * PostgreSQL limiter: one statement increments the window's row atomically (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING count), so concurrent requests see distinct counts and exactly `limit` pass; the
 * same statement meters the call when it is allowed (one round trip for both).
 */
export function createPostgresRateLimiter(client: Db = db()): RateLimiter {
  return {
    kind: "postgres",
    async hit(subject, limit, options = {}) {
      const now = options.now ?? new Date();
      const window = rateLimitWindow(subject, now);
      const period = monthlyPeriod(now);
      const meterOrg = options.meter ?? null;
      const rows = await client.$queryRaw<{ count: number }[]>`
        WITH hit AS (
          INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "updatedAt")
          VALUES (${window.key}, ${window.start.toISOString()}::timestamp, 1, now())
          ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1, "updatedAt" = now()
          RETURNING "count"
        ), meter AS (
          INSERT INTO "UsageMetric" ("id", "organizationId", "metric", "value", "periodStart", "periodEnd", "updatedAt")
          SELECT ${randomUUID()}, ${meterOrg}, 'API_CALLS'::"UsageMetricType", 1,
                 ${period.periodStart.toISOString()}::timestamp, ${period.periodEnd.toISOString()}::timestamp, now()
          FROM hit WHERE ${meterOrg}::text IS NOT NULL AND hit."count" <= ${limit}
          ON CONFLICT ("organizationId", "metric", "periodStart")
          DO UPDATE SET "value" = "UsageMetric"."value" + 1, "updatedAt" = now()
          RETURNING 1
        )
        SELECT "count" FROM hit`;
      return rateLimitResult(Number(rows[0]!.count), limit, window.resetAt);
    },
    async close() {},
  };
}
