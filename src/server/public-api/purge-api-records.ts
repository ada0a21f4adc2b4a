import "server-only";
import type { DbTx } from "@/server/db/client";
import { RATE_LIMIT_WINDOW_MS } from "./rate-limit-window";

/**
 * Deletes rate-limit buckets of finished windows (kept one extra window for the headers of late requests)
 * and expired Idempotency-Key records. Run by the worker's cron; returns how many rows went.
 */
export async function purgeApiRecords(
  client: DbTx,
  now = new Date(),
): Promise<{ buckets: number; idempotencyKeys: number }> {
  const [buckets, idempotencyKeys] = await Promise.all([
    client.rateLimitBucket.deleteMany({
      where: { windowStart: { lt: new Date(now.getTime() - 2 * RATE_LIMIT_WINDOW_MS) } },
    }),
    client.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return { buckets: buckets.count, idempotencyKeys: idempotencyKeys.count };
}
