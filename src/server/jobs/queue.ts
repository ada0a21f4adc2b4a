import PgBoss from "pg-boss";
import { databaseUrl, isEmbeddedDatabase } from "@/server/db/database-url";
import { createQueueSafely, type QueuePolicy } from "./queue-setup";
import { notifyQueue } from "./queue-wakeup";

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
 * Sends a job, creating its queue first (pg-boss 10 rejects sends to a queue that does not exist) with
 * `policy`: the first send must not create the queue without the policy the worker gives it.
 */
export async function enqueue(
  name: string,
  data: object,
  options: PgBoss.SendOptions = {},
  policy?: QueuePolicy,
): Promise<string | null> {
  const boss = await getQueue();
  await ensureQueue(boss, name, policy);
  const id = await boss.send(name, data, options);
  // Wake idle workers now rather than at their next poll (pickup latency; see queue-wakeup.ts).
  if (id) await notifyQueue(boss, name);
  return id;
}

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
