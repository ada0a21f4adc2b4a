import "server-only";
import type { DbTx } from "@/server/db/client";
import type { ProgressDetails } from "./job-progress";

/** Channel on which every progress write is announced (payload: the BookJob id), for the SSE route. */
export const JOB_PROGRESS_CHANNEL = "scriptorium_job_progress";

export interface RecordProgressOptions {
  /** New value of BookJob.progress (0–100); unchanged when omitted. */
  percent?: number;
  /**
   * Fencing token: only write while BookJob.attempts still equals this, so a worker whose lease was taken
   * over can no longer overwrite the new owner's progress.
   */
  attempt?: number;
}

/**
 * Merges a progress patch into BookJob.progressDetails (shallow JSONB merge, so a webhook and the worker
 * can each write their part) and NOTIFYs listeners in the same statement. Finished jobs are never touched.
 * Returns false when nothing was written (job finished, deleted, or taken over).
 */
export async function recordProgress(
  db: DbTx,
  bookJobId: string,
  patch: Partial<ProgressDetails>,
  options: RecordProgressOptions = {},
): Promise<boolean> {
  const details = JSON.stringify({ ...patch, updatedAt: new Date().toISOString() });
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH updated AS (
      UPDATE "BookJob"
      SET "progressDetails" = COALESCE("progressDetails", '{}'::jsonb) || ${details}::jsonb,
          "progress" = COALESCE(${options.percent ?? null}::int, "progress"),
          "updatedAt" = ${new Date()}
      WHERE "id" = ${bookJobId}
        AND "status" NOT IN ('COMPLETED', 'FAILED')
        AND (${options.attempt ?? null}::int IS NULL OR "attempts" = ${options.attempt ?? null}::int)
      RETURNING "id"
    )
    SELECT "id", pg_notify(${JOB_PROGRESS_CHANNEL}, "id")::text AS notified FROM updated`;
  return rows.length > 0;
}

/** Announces a job change that did not go through recordProgress (status transitions, cancellation). */
export async function announceJobChange(db: DbTx, bookJobId: string): Promise<void> {
  await db.$queryRaw`SELECT pg_notify(${JOB_PROGRESS_CHANNEL}, ${bookJobId})::text AS notified`;
}
