import "server-only";
import { Redis } from "ioredis";
import { RATE_LIMIT_WINDOW_MS, type RateLimiter, rateLimitResult, rateLimitWindow } from "./rate-limit-window";

/**
 * Redis limiter: INCR on the window's key is atomic, so concurrent requests get distinct counts; the key
 * expires one window after its end, so Redis cleans up after itself. Allowed calls are metered through
 * `meter` (API_CALLS lives in PostgreSQL with the rest of usage).
 */
export function createRedisRateLimiter(
  url: string,
  options: { meter?: (organizationId: string, now: Date) => Promise<void>; prefix?: string } = {},
): RateLimiter {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  const prefix = options.prefix ?? "scriptorium:ratelimit:";
  return {
    kind: "redis",
    async hit(subject, limit, hitOptions = {}) {
      const now = hitOptions.now ?? new Date();
      const window = rateLimitWindow(subject, now);
      const key = `${prefix}${window.key}`;
      const replies = await redis
        .multi()
        .incr(key)
        .pexpire(key, 2 * RATE_LIMIT_WINDOW_MS)
        .exec();
      const [error, count] = replies?.[0] ?? [new Error("Redis returned no reply"), null];
      if (error) throw error;
      const result = rateLimitResult(Number(count), limit, window.resetAt);
      if (result.allowed && hitOptions.meter && options.meter) await options.meter(hitOptions.meter, now);
      return result;
    },
    async close() {
      await redis.quit();
    },
  };
}
