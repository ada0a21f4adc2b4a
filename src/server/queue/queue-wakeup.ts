import "server-only";
import type PgBoss from "pg-boss";
import { listenToChannel, type PgListener } from "./pg-listener";

/**
 * pg-boss workers poll (at best every 0.5 s, 2 s by default), which would make a new book wait before it
 * starts. Every send also NOTIFYs this channel with the queue name; workers LISTEN and are woken at once.
 * Polling stays the fallback (e.g. on the embedded database, where NOTIFY delivery is not guaranteed).
 */
export const QUEUE_WAKEUP_CHANNEL = "scriptorium_queue";

/** Tells listening workers that `queue` has a new job (through pg-boss's own connection pool). */
export async function notifyQueue(boss: PgBoss, queue: string): Promise<void> {
  await boss.getDb().executeSql("SELECT pg_notify($1, $2)", [QUEUE_WAKEUP_CHANNEL, queue]);
}

/** Wakes the given pg-boss workers whenever a job is sent to their queue; returns the listener to stop. */
export function startQueueWakeup(
  boss: PgBoss,
  url: string,
  workerIdsByQueue: Map<string, string[]>,
  log?: (message: string) => void,
): PgListener {
  return listenToChannel(
    url,
    QUEUE_WAKEUP_CHANNEL,
    (queue) => {
      for (const id of workerIdsByQueue.get(queue) ?? []) boss.notifyWorker(id);
    },
    log,
  );
}
