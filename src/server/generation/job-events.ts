import "server-only";
import { databaseUrl } from "@/server/db/database-url";
import { listenToChannel, type PgListener } from "@/server/queue/pg-listener";
import { JOB_PROGRESS_CHANNEL } from "./record-progress";

type Listener = () => void;

interface Hub {
  listeners: Map<string, Set<Listener>>;
  connection?: PgListener;
}

const globalForHub = globalThis as unknown as { scriptoriumJobEvents?: Hub };

function hub(): Hub {
  globalForHub.scriptoriumJobEvents ??= { listeners: new Map() };
  return globalForHub.scriptoriumJobEvents;
}

/**
 * Calls `listener` whenever a job's progress is announced (pg_notify in record-progress). One LISTEN
 * connection per web process serves every open event stream; where notifications are not delivered (the
 * embedded database), streams still update through their polling fallback. Returns the unsubscribe.
 */
export function subscribeToJobEvents(jobId: string, listener: Listener): () => void {
  const h = hub();
  h.connection ??= listenToChannel(
    databaseUrl(),
    JOB_PROGRESS_CHANNEL,
    (payload) => {
      for (const fn of h.listeners.get(payload) ?? []) fn();
    },
    (message) => console.warn(`[job-events] ${message}`),
  );
  let set = h.listeners.get(jobId);
  if (!set) {
    set = new Set();
    h.listeners.set(jobId, set);
  }
  set.add(listener);
  return () => {
    const current = h.listeners.get(jobId);
    current?.delete(listener);
    if (current && current.size === 0) h.listeners.delete(jobId);
  };
}

/** Closes the shared LISTEN connection (tests, shutdown). */
export async function closeJobEvents(): Promise<void> {
  const h = hub();
  const connection = h.connection;
  h.connection = undefined;
  await connection?.stop();
}
