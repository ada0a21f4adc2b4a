import "server-only";
import type { DbTx } from "@/server/db/client";
import { EMAIL_RECIPIENT_WINDOW_MS } from "@/server/email/send-throttled-email";
import { SIGN_IN_WINDOW_MS } from "./sign-in-throttle";

/**
 * Deletes the AuthThrottle counters (sign-in failures, emails per recipient) that can no longer refuse
 * anything: their window is over and any lock has expired, so the next attempt would start from one anyway.
 * Without it every address and email ever tried keeps a row. Run by the worker's cron; returns the count.
 */
export async function purgeAuthThrottles(client: DbTx, now = new Date()): Promise<number> {
  const longestWindowMs = Math.max(SIGN_IN_WINDOW_MS, EMAIL_RECIPIENT_WINDOW_MS);
  const { count } = await client.authThrottle.deleteMany({
    where: {
      windowStart: { lt: new Date(now.getTime() - longestWindowMs) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return count;
}
