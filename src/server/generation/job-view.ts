import "server-only";
import { isFinishedJob, type Job, type ProgressDetails } from "@/contracts/books";
import type { BookJob } from "@/generated/prisma/client";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A BookJob as the API returns it (the contract's wire shape): never the webhook secret hash. */
export function jobView(job: BookJob): Job {
  return {
    id: job.id,
    bookId: job.bookId,
    status: job.status,
    engine: job.engine,
    externalJobId: job.externalJobId,
    progress: job.progress,
    // Written only from a ProgressDetails (job-progress.ts: initialProgress, the tracker) through asJson.
    progressDetails: job.progressDetails as ProgressDetails | null,
    tokenUsage: job.tokenUsage,
    error: job.error,
    errorCode: job.errorCode,
    attempts: job.attempts,
    cancelRequestedAt: iso(job.cancelRequestedAt),
    startedAt: iso(job.startedAt),
    completedAt: iso(job.completedAt),
    failedAt: iso(job.failedAt),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}
export type JobView = Job;

/** True once a job can no longer change by itself. */
export const isFinished = isFinishedJob;
