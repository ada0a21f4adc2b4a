import type { BookJob } from "@/generated/prisma/client";

/** A BookJob as the API returns it: never the webhook secret hash. */
export function jobView(job: BookJob) {
  return {
    id: job.id,
    bookId: job.bookId,
    status: job.status,
    engine: job.engine,
    externalJobId: job.externalJobId,
    progress: job.progress,
    progressDetails: job.progressDetails,
    tokenUsage: job.tokenUsage,
    error: job.error,
    errorCode: job.errorCode,
    attempts: job.attempts,
    cancelRequestedAt: job.cancelRequestedAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    failedAt: job.failedAt,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
export type JobView = ReturnType<typeof jobView>;

/** True once a job can no longer change by itself. */
export const isFinished = (status: BookJob["status"]) => status === "COMPLETED" || status === "FAILED";
