import "server-only";
import { createHash } from "node:crypto";
import type { DbTx } from "@/server/db/client";
import { env } from "@/server/env";

/**
 * Sign-in throttling after OWASP's authentication guidance (decision 0010). Three counters, each a row
 * of AuthThrottle counting attempts in a 15-minute window:
 * - `pair` (account + client IP): SIGN_IN_MAX_FAILURES failures lock that account *from that IP* for
 *   SIGN_IN_LOCK_MINUTES. Someone failing from another address never locks the owner out.
 * - `ip` (client IP, every account): IP_FAILURE_FACTOR times as many, then the IP is locked for every
 *   account; this bounds password spraying per real client (shared NATs get the headroom).
 * - `account` (every IP): never locks. Past ACCOUNT_SLOWDOWN_FACTOR times the limit, each attempt on the
 *   account waits ACCOUNT_SLOWDOWN_MS first, which slows a distributed attack and only delays the owner.
 *
 * An attempt is counted *before* the password is checked (one atomic upsert per counter), so concurrent
 * attempts cannot all slip under a limit; attempts that turn out not to be wrong passwords are given back.
 */
/** Failures older than this no longer count: the next attempt starts a fresh window. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const IP_FAILURE_FACTOR = 4;
export const ACCOUNT_SLOWDOWN_FACTOR = 10;
export const ACCOUNT_SLOWDOWN_MS = 2000;

export interface SignInThrottleKeys {
  account: string | null;
  pair: string | null;
  ip: string;
}

/** Emails are stored hashed: the table needs no personal data, and a huge email cannot bloat the key. */
const emailDigest = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

/** The counters of a sign-in attempt; an unknown IP shares one bucket rather than escaping the limits. */
export function throttleKeys(email: unknown, ip: string | null): SignInThrottleKeys {
  const address = ip ?? "unknown";
  const digest = typeof email === "string" && email.trim() !== "" ? emailDigest(email) : null;
  return {
    account: digest ? `account:${digest}` : null,
    pair: digest ? `pair:${digest}:${address}` : null,
    ip: `ip:${address}`,
  };
}

interface CounterRow {
  failures: number;
  lockedUntil: Date | null;
}

/**
 * Counts one attempt on `key` and returns its state. A key past `limit` attempts in its window is locked
 * until `now + lock`; while locked, attempts are refused and not counted (so they cannot extend the lock).
 * A null limit never locks.
 */
async function countAttempt(db: DbTx, key: string, limit: number | null, now: Date): Promise<CounterRow> {
  const windowCutoff = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + env().SIGN_IN_LOCK_MINUTES * 60_000);
  // `fresh`: the previous lock ran out, or the window did: the count starts again at 1.
  const rows = await db.$queryRaw<CounterRow[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, ${limit !== null && limit < 1 ? lockUntil : null}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE
        WHEN "AuthThrottle"."lockedUntil" > ${now} THEN "AuthThrottle"."failures"
        WHEN "AuthThrottle"."lockedUntil" IS NOT NULL OR "AuthThrottle"."windowStart" < ${windowCutoff} THEN 1
        ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE
        WHEN "AuthThrottle"."lockedUntil" > ${now} THEN "AuthThrottle"."windowStart"
        WHEN "AuthThrottle"."lockedUntil" IS NOT NULL OR "AuthThrottle"."windowStart" < ${windowCutoff} THEN ${now}
        ELSE "AuthThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN "AuthThrottle"."lockedUntil" > ${now} THEN "AuthThrottle"."lockedUntil"
        WHEN ${limit}::int IS NULL THEN NULL
        WHEN (CASE
          WHEN "AuthThrottle"."lockedUntil" IS NOT NULL OR "AuthThrottle"."windowStart" < ${windowCutoff} THEN 1
          ELSE "AuthThrottle"."failures" + 1 END) > ${limit}::int THEN ${lockUntil}
        ELSE NULL END,
      "updatedAt" = ${now}
    RETURNING "failures", "lockedUntil"`;
  return rows[0]!;
}

export interface SignInAttempt {
  /** Set when the attempt is refused: the latest unlock time among the locked counters. */
  lockedUntil: Date | null;
  /** Wait this long before checking the password (the account is under a distributed attack). */
  slowDownMs: number;
}

/** Counts a sign-in attempt on its pair, IP and account counters (before the password is checked). */
export async function reserveSignInAttempt(
  db: DbTx,
  keys: SignInThrottleKeys,
  now = new Date(),
): Promise<SignInAttempt> {
  const max = env().SIGN_IN_MAX_FAILURES;
  const ip = await countAttempt(db, keys.ip, max * IP_FAILURE_FACTOR, now);
  const pair = keys.pair ? await countAttempt(db, keys.pair, max, now) : null;
  const account = keys.account ? await countAttempt(db, keys.account, null, now) : null;
  const locks = [ip.lockedUntil, pair?.lockedUntil].filter((d): d is Date => Boolean(d && d > now));
  const lockedUntil = locks.reduce<Date | null>((latest, d) => (!latest || d > latest ? d : latest), null);
  const slowDownMs = account && account.failures > max * ACCOUNT_SLOWDOWN_FACTOR ? ACCOUNT_SLOWDOWN_MS : 0;
  return { lockedUntil, slowDownMs };
}

/**
 * The attempt was not a wrong password (signed in, unverified email, malformed request): give back what
 * it reserved. A successful sign-in also forgets the pair's failures, which only the owner can do; the
 * IP and account counts are never cleared by a success (an attacker could sign in to their own account
 * between guesses).
 */
export async function releaseSignInAttempt(db: DbTx, keys: SignInThrottleKeys, signedIn: boolean): Promise<void> {
  const give = [keys.ip, keys.account, signedIn ? null : keys.pair].filter((k): k is string => Boolean(k));
  await db.$executeRaw`
    UPDATE "AuthThrottle" SET "failures" = GREATEST("failures" - 1, 0)
    WHERE "key" = ANY(${give}::text[]) AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())`;
  if (signedIn && keys.pair) await db.authThrottle.deleteMany({ where: { key: keys.pair } });
}
