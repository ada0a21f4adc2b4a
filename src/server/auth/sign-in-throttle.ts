import type { DbTx } from "../db/client";
import { env } from "../env";

const WINDOW_MINUTES = 15;
/** An IP may fail more often than one account (shared NATs), but not without bound. */
const IP_FAILURE_FACTOR = 4;

export const throttleKeys = (email: string | undefined, ip: string | null) => ({
  account: email ? `account:${email.trim().toLowerCase()}` : null,
  ip: ip ? `ip:${ip}` : null,
});

/** Returns the moment a locked key unlocks, or null when sign-in may be attempted now. */
export async function signInLockedUntil(db: DbTx, keys: (string | null)[], now = new Date()): Promise<Date | null> {
  const present = keys.filter((k): k is string => Boolean(k));
  if (present.length === 0) return null;
  const rows = await db.authThrottle.findMany({ where: { key: { in: present }, lockedUntil: { gt: now } } });
  const latest = rows.reduce<Date | null>(
    (acc, r) => (r.lockedUntil && (!acc || r.lockedUntil > acc) ? r.lockedUntil : acc),
    null,
  );
  return latest;
}

/**
 * Counts one failed sign-in for the account and the IP, atomically (one upsert per key, safe under
 * concurrency), and locks a key once it reaches its limit within the window.
 */
export async function recordSignInFailure(
  db: DbTx,
  keys: { account: string | null; ip: string | null },
  now = new Date(),
) {
  const { SIGN_IN_MAX_FAILURES, SIGN_IN_LOCK_MINUTES } = env();
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + SIGN_IN_LOCK_MINUTES * 60_000);
  const limits: [string | null, number][] = [
    [keys.account, SIGN_IN_MAX_FAILURES],
    [keys.ip, SIGN_IN_MAX_FAILURES * IP_FAILURE_FACTOR],
  ];
  for (const [key, limit] of limits) {
    if (!key) continue;
    await db.$executeRaw`
      INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
      VALUES (${key}, 1, ${now}, ${limit <= 1 ? lockUntil : null}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
        "lockedUntil" = CASE
          WHEN (CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "AuthThrottle"."failures" + 1 END) >= ${limit}
          THEN ${lockUntil} ELSE "AuthThrottle"."lockedUntil" END,
        "updatedAt" = ${now}`;
  }
}

/** Forgets an account's failures after a successful sign-in (the IP's count is left to expire). */
export async function clearSignInFailures(db: DbTx, accountKey: string | null): Promise<void> {
  if (accountKey) await db.authThrottle.deleteMany({ where: { key: accountKey } });
}
