import type PgBoss from "pg-boss";
import pg from "pg";
import { ensureQueue } from "./queue";
import type { QueuePolicy } from "./queue-setup";

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

export interface PgListener {
  stop(): Promise<void>;
}

/**
 * LISTENs on `channel` with a dedicated connection and calls `onMessage(payload)` per notification;
 * reconnects after a lost connection (with a short backoff) until stopped.
 */
export function listenToChannel(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  log: (message: string) => void = () => {},
): PgListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, application_name: `scriptorium-listen-${channel}` });
    const retry = () => {
      if (stopped || client !== next) return;
      client = undefined;
      next.removeAllListeners();
      next.end().catch(() => {});
      failures += 1;
      retryTimer = setTimeout(connect, Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
      retryTimer.unref();
    };
    client = next;
    next.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload ?? "");
    });
    next.on("error", (error) => {
      log(`LISTEN ${channel}: ${error.message}`);
      retry();
    });
    next.on("end", retry);
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      failures = 0;
    } catch (error) {
      log(`LISTEN ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
      retry();
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on("error", () => {});
        await current.end().catch(() => {});
      }
    },
  };
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

/** An enqueue function on a given pg-boss instance (the worker's own), waking listening workers on send. */
export function enqueueWith(boss: PgBoss) {
  return async (
    name: string,
    data: object,
    options: PgBoss.SendOptions = {},
    policy?: QueuePolicy,
  ): Promise<string | null> => {
    await ensureQueue(boss, name, policy);
    const id = await boss.send(name, data, options);
    if (id) await notifyQueue(boss, name);
    return id;
  };
}
