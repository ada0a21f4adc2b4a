import "server-only";
import type { BookJob } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { RUNNING_STATUSES } from "./generation-run";
import { asJson } from "./job-progress";
import { notifyJobOutcome } from "./notify-job-outcome";
import { announceJobChange } from "./record-progress";

export interface JobFailure {
  error: string;
  errorCode: string;
  /** Fencing token of the run that failed (omitted when the job never started, e.g. cancelled while PENDING). */
  attempt?: number;
}

/**
 * Marks a job FAILED with a readable error (and its book), puts half-written chapters back to PENDING so a
 * retry rewrites only those, logs `job.failed` and notifies the requester, in one transaction. Returns
 * false when the job had already finished or was taken over by another run.
 */
export async function failJob(db: Db, job: Pick<BookJob, "id" | "bookId">, failure: JobFailure): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const current = await tx.bookJob.findUnique({ where: { id: job.id }, include: { book: true } });
    if (!current || current.status === "COMPLETED" || current.status === "FAILED") return false;
    if (failure.attempt !== undefined && current.attempts !== failure.attempt) return false;
    const now = new Date();
    const details = {
      ...((current.progressDetails as object | null) ?? {}),
      state: "FAILED",
      message: failure.error,
      currentChapter: null,
      updatedAt: now.toISOString(),
    };
    const { count } = await tx.bookJob.updateMany({
      where: {
        id: job.id,
        status: { notIn: ["COMPLETED", "FAILED"] },
        ...(failure.attempt !== undefined ? { attempts: failure.attempt } : {}),
      },
      data: {
        status: "FAILED",
        failedAt: now,
        error: failure.error.slice(0, 2000),
        errorCode: failure.errorCode,
        progressDetails: asJson(details),
      },
    });
    if (count === 0) return false;
    await tx.chapter.updateMany({
      where: { bookId: job.bookId, status: { in: ["WRITING", "FAILED"] } },
      data: { status: "PENDING" },
    });
    await tx.book.update({ where: { id: job.bookId }, data: { status: "FAILED" } });
    if (failure.errorCode !== "CANCELLED") {
      await recordActivity(tx, {
        action: "job.failed",
        resource: "book",
        resourceId: job.bookId,
        organizationId: current.organizationId,
        actorId: null,
        metadata: { jobId: job.id, errorCode: failure.errorCode, error: failure.error.slice(0, 500) },
      });
    }
    await notifyJobOutcome(tx, {
      outcome: "failed",
      bookId: job.bookId,
      bookTitle: current.book.title,
      organizationId: current.organizationId,
      requestedById: current.requestedById,
      error: failure.error,
      errorCode: failure.errorCode,
    });
    await announceJobChange(tx, job.id);
    return true;
  });
}

/**
 * Hands a running job back to the queue after a retryable failure or a worker shutdown: PENDING again, so
 * the next claim (pg-boss retry, or another worker) continues from the chapters already saved.
 */
export async function releaseJob(
  db: Db,
  jobId: string,
  attempt: number,
  note: { error?: string; errorCode?: string } = {},
) {
  return db.$transaction(async (tx) => {
    const current = await tx.bookJob.findUnique({ where: { id: jobId } });
    if (!current || current.attempts !== attempt || !RUNNING_STATUSES.includes(current.status)) return false;
    const details = {
      ...((current.progressDetails as object | null) ?? {}),
      state: "PENDING",
      message: note.error ? `Retrying: ${note.error}` : "Waiting for a worker",
      currentChapter: null,
      updatedAt: new Date().toISOString(),
    };
    const { count } = await tx.bookJob.updateMany({
      where: { id: jobId, attempts: attempt, status: { in: RUNNING_STATUSES } },
      data: {
        status: "PENDING",
        error: note.error?.slice(0, 2000) ?? null,
        errorCode: note.errorCode ?? null,
        progressDetails: asJson(details),
      },
    });
    if (count === 0) return false;
    await tx.chapter.updateMany({ where: { bookId: current.bookId, status: "WRITING" }, data: { status: "PENDING" } });
    await announceJobChange(tx, jobId);
    return true;
  });
}
