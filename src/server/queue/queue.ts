import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl, isEmbeddedDatabase } from "@/server/db/database-url";
import { createQueueSafely, type QueuePolicy } from "./queue-setup";
import { notifyQueue } from "./queue-wakeup";

/**
 * Sends a job to a queue, creating the queue with `policy` first if it does not exist yet. The one
 * function type for sending: use cases take it as a dependency (tests pass a recorder), the web process
 * uses `enqueue`, the worker `enqueueWith(itsOwnBoss)`.
 */
export type Enqueue = (
  name: string,
  data: object,
  options?: PgBoss.SendOptions,
  policy?: QueuePolicy,
) => Promise<string | null>;

const globalForQueue = globalThis as unknown as {
  scriptoriumQueue?: Promise<PgBoss>;
  scriptoriumQueues?: Set<string>;
};

/**
 * The web process's shared pg-boss instance, started on first use (survives Next.js dev hot reloads).
 * It only sends: maintenance and cron scheduling run in the worker.
 */
export function getQueue(): Promise<PgBoss> {
  globalForQueue.scriptoriumQueue ??= startQueue().catch((error: unknown) => {
    // Let the next call retry instead of caching a failed start forever.
    globalForQueue.scriptoriumQueue = undefined;
    throw error;
  });
  return globalForQueue.scriptoriumQueue;
}

/**
 * Sending on a given pg-boss instance. The queue is created first (pg-boss 10 rejects sends to a queue
 * that does not exist) with `policy`: the first send must not create the queue without the policy the
 * worker gives it. Listening workers are woken at once rather than at their next poll (see queue-wakeup.ts).
 */
export function enqueueWith(boss: PgBoss | (() => Promise<PgBoss>)): Enqueue {
  return async (name, data, options = {}, policy) => {
    const instance = typeof boss === "function" ? await boss() : boss;
    await ensureQueue(instance, name, policy);
    const id = await instance.send(name, data, options);
    if (id) await notifyQueue(instance, name);
    return id;
  };
}

/** Sends on the web process's shared pg-boss (the default sender of every queue). */
export const enqueue: Enqueue = enqueueWith(getQueue);

/**
 * Creates a queue once per process (createQueue is idempotent, but costs a round trip), safely when other
 * processes create queues at the same moment (see queue-setup.ts).
 */
export async function ensureQueue(boss: PgBoss, name: string, policy?: QueuePolicy): Promise<void> {
  globalForQueue.scriptoriumQueues ??= new Set();
  if (globalForQueue.scriptoriumQueues.has(name)) return;
  await createQueueSafely(boss, name, policy);
  globalForQueue.scriptoriumQueues.add(name);
}

async function startQueue(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    // The embedded socket serves a bounded number of connections: stay small there.
    max: isEmbeddedDatabase() ? 2 : 5,
    application_name: "scriptorium-web",
    supervise: false,
    schedule: false,
  });
  boss.on("error", (error) => console.error("[queue] pg-boss error:", error));
  await boss.start();
  return boss;
}
