import "server-only";
import {
  isFinishedJob,
  type Job,
  type ProgressDetails,
  type TokenUsageView,
  tokenUsageSchema,
} from "@/contracts/books";
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
    tokenUsage: tokenUsageView(job.tokenUsage),
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

/** BookJob.tokenUsage with its total (rows written before totals were stored lack it). */
export function tokenUsageView(raw: unknown): TokenUsageView | null {
  const parsed = tokenUsageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { promptTokens, completionTokens } = parsed.data;
  return { promptTokens, completionTokens, totalTokens: parsed.data.totalTokens ?? promptTokens + completionTokens };
}

/** True once a job can no longer change by itself. */
export const isFinished = isFinishedJob;
