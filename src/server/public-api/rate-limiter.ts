import "server-only";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { createPostgresRateLimiter } from "./postgres-rate-limiter";
import type { RateLimiter } from "./rate-limit-window";
import { recordApiCall } from "./record-api-call";
import { createRedisRateLimiter } from "./redis-rate-limiter";

const globalForLimiter = globalThis as unknown as { scriptoriumRateLimiter?: RateLimiter };

/** The process-wide limiter: Redis when REDIS_URL is set, PostgreSQL otherwise. */
export function rateLimiter(): RateLimiter {
  globalForLimiter.scriptoriumRateLimiter ??= env().REDIS_URL
    ? createRedisRateLimiter(env().REDIS_URL!, {
        meter: (organizationId, now) => recordApiCall(db(), organizationId, now),
      })
    : createPostgresRateLimiter();
  return globalForLimiter.scriptoriumRateLimiter;
}
