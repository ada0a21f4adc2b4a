// Queue set-up (create, update, schedule) that is safe when several processes run it at the same moment:
// replicas are deployed together, and the web process creates a queue before its first send.
//
// pg-boss 10's create_queue() inserts the queue row, then adds foreign keys to its queue table and attaches
// a new partition to its job table, all without a lock of its own: two processes creating queues at once
// deadlock (40P01) and PostgreSQL aborts one of them. Those steps are idempotent, so the aborted one is
// simply run again. A lock would not do on the embedded database (PGlite is one session shared by every
// connection, so advisory locks exclude nobody there), while a retry works the same on both.
// pg-boss's own start() needs nothing more: it installs its schema under its own transaction-level advisory
// lock and ignores the "already exists" of the processes that lost that race (tests/worker/concurrent-start
// makes four workers do it at once); only the queue it creates there for cron may be lost to a deadlock,
// so the worker sets that one up again (register-handlers.ts).
import "server-only";
import type PgBoss from "pg-boss";

/** A queue's policy, retries and expiry (pg-boss's queue options without the name). */
export type QueuePolicy = Omit<PgBoss.Queue, "name">;

/**
 * SQLSTATEs another process's concurrent set-up can cause: the deadlock victim (40P01), a unique violation
 * on a catalog or queue row it inserted first (23505), a serialization failure (40001). Anything else is a
 * real error and is thrown at once.
 */
const CONCURRENT_SETUP_CODES = new Set(["40P01", "23505", "40001"]);

export function isConcurrentSetupConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONCURRENT_SETUP_CODES.has(code);
}

export interface RetryOptions {
  /** Tries in all (default 8). */
  attempts?: number;
  /** First backoff in ms, doubled per attempt and jittered so the processes do not collide again (default 50). */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs an idempotent set-up step, again after a conflict with another process's set-up. */
export async function retryConcurrentSetup<T>(step: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 8, delayMs = 50, sleep = wait } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts || !isConcurrentSetupConflict(error)) throw error;
      const backoff = delayMs * 2 ** (attempt - 1);
      await sleep(backoff / 2 + Math.random() * backoff);
    }
  }
}

/** Creates the queue with its policy when it does not exist yet (an existing queue is left as it is). */
export async function createQueueSafely(boss: PgBoss, name: string, policy?: QueuePolicy): Promise<void> {
  await retryConcurrentSetup(() => boss.createQueue(name, policy ? { name, ...policy } : undefined));
}

/** Creates the queue and applies its policy to it even when it already existed (the worker, on every start). */
export async function setUpQueue(boss: PgBoss, name: string, policy?: QueuePolicy): Promise<void> {
  await createQueueSafely(boss, name, policy);
  if (policy) await retryConcurrentSetup(() => boss.updateQueue(name, { name, ...policy }));
}
