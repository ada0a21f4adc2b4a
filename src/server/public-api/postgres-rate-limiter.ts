import "server-only";
import { randomUUID } from "node:crypto";
import { monthlyPeriod } from "@/server/books/count-usage";
import { type ApiSql, apiSql } from "./api-sql";
import { type RateLimiter, rateLimitResult, rateLimitWindow } from "./rate-limit-window";

/**
 * The counting half of a statement, shared by the plain limiter below and the API-key statement of
 * api-context.ts (key lookup + counting in one round trip). It reads a preceding CTE
 * `subject(bucket text, "limit" int, meter text, n int)` of zero rows (nothing is counted) or one row
 * counting `n` requests at once, and takes $1 the window start, $2 a fresh UsageMetric id, $3/$4 the
 * metering period.
 *
 * `hit` adds n to the window's row atomically (INSERT … ON CONFLICT DO UPDATE … RETURNING count), so
 * concurrent statements see distinct counts: the n requests hold counts count-n+1 … count, and exactly
 * `limit` requests of a window pass. `meter` adds the allowed ones among them (those whose count is within
 * the limit) to `subject.meter`'s API_CALLS, in the same statement.
 */
export const COUNTING_CTES = `
  hit AS (
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "updatedAt")
    SELECT subject.bucket, $1::timestamp, subject.n, now() FROM subject
    ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitBucket"."count" + EXCLUDED."count", "updatedAt" = now()
    RETURNING "count"
  ), allowed AS (
    SELECT subject.meter, LEAST(subject.n, GREATEST(0, subject."limit" - (hit."count" - subject.n))) AS calls
    FROM subject, hit
  ), meter AS (
    INSERT INTO "UsageMetric" ("id", "organizationId", "metric", "value", "periodStart", "periodEnd", "updatedAt")
    SELECT $2, allowed.meter, 'API_CALLS'::"UsageMetricType", allowed.calls, $3::timestamp, $4::timestamp, now()
    FROM allowed WHERE allowed.meter IS NOT NULL AND allowed.calls > 0
    ON CONFLICT ("organizationId", "metric", "periodStart")
    DO UPDATE SET "value" = "UsageMetric"."value" + EXCLUDED."value", "updatedAt" = now()
    RETURNING 1
  )`;

/** The values of COUNTING_CTES' $1–$4 for a request at `now`. */
export function countingParams(now: Date): [string, string, string, string] {
  const period = monthlyPeriod(now);
  return [
    rateLimitWindow("", now).start.toISOString(),
    randomUUID(),
    period.periodStart.toISOString(),
    period.periodEnd.toISOString(),
  ];
}

const HIT_SQL = `
  WITH subject AS (SELECT $5::text AS bucket, $6::int AS "limit", $7::text AS meter, 1 AS n),
  ${COUNTING_CTES}
  SELECT "count" FROM hit`;

/**
 * PostgreSQL limiter: one statement counts the request in its window's row and, when it is allowed,
 * meters it (see COUNTING_CTES).
 */
export function createPostgresRateLimiter(sql: ApiSql = apiSql()): RateLimiter {
  return {
    kind: "postgres",
    async hit(subject, limit, options = {}) {
      const now = options.now ?? new Date();
      const window = rateLimitWindow(subject, now);
      const rows = await sql<{ count: number }>(
        HIT_SQL,
        [...countingParams(now), window.key, limit, options.meter ?? null],
        "scriptorium_rate_limit_hit",
      );
      return rateLimitResult(Number(rows[0]!.count), limit, window.resetAt);
    },
    async close() {},
  };
}
