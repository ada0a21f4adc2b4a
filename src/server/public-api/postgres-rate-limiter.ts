import { randomUUID } from "node:crypto";
import { monthlyPeriod } from "../books/count-usage";
import { type ApiSql, apiSql } from "./api-sql";
import { type RateLimiter, rateLimitResult, rateLimitWindow } from "./rate-limit-window";

const HIT_SQL = `
  WITH hit AS (
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "updatedAt")
    VALUES ($1, $2::timestamp, 1, now())
    ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1, "updatedAt" = now()
    RETURNING "count"
  ), meter AS (
    INSERT INTO "UsageMetric" ("id", "organizationId", "metric", "value", "periodStart", "periodEnd", "updatedAt")
    SELECT $3, $4::text, 'API_CALLS'::"UsageMetricType", 1, $5::timestamp, $6::timestamp, now()
    FROM hit WHERE $4::text IS NOT NULL AND hit."count" <= $7::int
    ON CONFLICT ("organizationId", "metric", "periodStart")
    DO UPDATE SET "value" = "UsageMetric"."value" + 1, "updatedAt" = now()
    RETURNING 1
  )
  SELECT "count" FROM hit`;

/**
 * PostgreSQL limiter: one statement increments the window's row atomically (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING count), so concurrent requests see distinct counts and exactly `limit` pass; the
 * same statement meters the call when it is allowed (one round trip for both).
 */
export function createPostgresRateLimiter(sql: ApiSql = apiSql()): RateLimiter {
  return {
    kind: "postgres",
    async hit(subject, limit, options = {}) {
      const now = options.now ?? new Date();
      const window = rateLimitWindow(subject, now);
      const period = monthlyPeriod(now);
      const rows = await sql<{ count: number }>(HIT_SQL, [
        window.key,
        window.start.toISOString(),
        randomUUID(),
        options.meter ?? null,
        period.periodStart.toISOString(),
        period.periodEnd.toISOString(),
        limit,
      ]);
      return rateLimitResult(Number(rows[0]!.count), limit, window.resetAt);
    },
    async close() {},
  };
}
