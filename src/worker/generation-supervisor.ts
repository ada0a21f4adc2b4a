import "server-only";
import type PgBoss from "pg-boss";
import type { Db } from "@/server/db/client";
import { stopActiveRuns } from "@/server/generation/generation-run";
import type { PgListener } from "@/server/queue/pg-listener";
import { enqueueWith } from "@/server/queue/queue";
import { startQueueWakeup } from "@/server/queue/queue-wakeup";
import { requeueStalledJobs } from "@/server/generation/requeue-stalled-jobs";

export interface GenerationSupervisor {
  /** Hands this process's running books back (they resume elsewhere), stops the timers and the listener. */
  stop(): Promise<void>;
}

/**
 * Worker-side plumbing of the generation pipeline: wakes this process's pg-boss workers when a job is sent
 * (LISTEN/NOTIFY, for sub-100 ms pickup) and periodically re-queues jobs whose worker died.
 */
export function startGenerationSupervisor(options: {
  boss: PgBoss;
  db: Db;
  url: string;
  workerIds: Map<string, string[]>;
  leaseSeconds: number;
  log: (message: string) => void;
}): GenerationSupervisor {
  const { boss, db, log, leaseSeconds } = options;
  const wakeup: PgListener = startQueueWakeup(boss, options.url, options.workerIds, log);
  const enqueue = enqueueWith(boss);
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const count = await requeueStalledJobs(db, { leaseSeconds, enqueue });
      if (count > 0) log(`book.generate: re-queued ${count} stalled job(s)`);
    } catch (error) {
      log(`book.generate: stalled-job sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(sweep, Math.max(1000, Math.floor((leaseSeconds * 1000) / 2)));
  timer.unref();
  void sweep();
  return {
    async stop() {
      clearInterval(timer);
      const stopped = await stopActiveRuns();
      if (stopped > 0) log(`handing back ${stopped} running book(s)`);
      await wakeup.stop();
    },
  };
}
