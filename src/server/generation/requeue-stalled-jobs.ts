import "server-only";
import type { Db } from "@/server/db/client";
import type { Enqueue } from "@/server/queue/queue";
import { enqueueGeneration } from "./generation-queue";
import { RUNNING_STATUSES } from "./generation-run";

/** A PENDING job older than this is queued again (its message may have been lost); retries back off meanwhile. */
export const PENDING_REQUEUE_SECONDS = 120;

/**
 * The safety net of the pipeline, run periodically by every worker: a job whose worker stopped checking in
 * (killed, frozen, lost its database) is queued again, and the next claim takes it over and resumes it; a
 * PENDING job whose queue message never arrived is queued again too. Sending twice is harmless: the queue
 * keeps one waiting message per job and the claim lets one run at a time. Returns how many were queued.
 */
export async function requeueStalledJobs(
  db: Db,
  options: { leaseSeconds: number; enqueue?: Enqueue; now?: Date },
): Promise<number> {
  const now = (options.now ?? new Date()).getTime();
  const stalled = await db.bookJob.findMany({
    where: {
      OR: [
        { status: { in: RUNNING_STATUSES }, updatedAt: { lt: new Date(now - options.leaseSeconds * 1000) } },
        {
          status: "PENDING",
          updatedAt: { lt: new Date(now - Math.max(PENDING_REQUEUE_SECONDS, options.leaseSeconds * 2) * 1000) },
        },
      ],
    },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: 100,
  });
  for (const job of stalled) await enqueueGeneration(job.id, options.enqueue);
  return stalled.length;
}
