import "server-only";
import { recordActorActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBookAndLatestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import { enqueueGeneration } from "./generation-queue";
import { asJson } from "./job-progress";
import { jobView } from "./job-view";
import { announceJobChange } from "./record-progress";

/**
 * Retries a FAILED job (writers): it goes back to PENDING and is queued; the pipeline keeps every chapter
 * already DONE and continues with the rest. A crew run starts over (a remote crew cannot resume).
 * Anything but FAILED answers 409 JOB_NOT_RETRYABLE.
 */
export async function retryJob(ctx: Ctx, bookId: string, options: { enqueue?: Enqueue } = {}) {
  assertCan(ctx.actor, "book:update");
  const { book, job } = await findBookAndLatestJob(ctx.db, ctx.actor, bookId);
  const updated = await ctx.db.$transaction(async (tx) => {
    const details = {
      ...((job.progressDetails as object | null) ?? {}),
      state: "PENDING",
      message: "Waiting for a worker",
      updatedAt: new Date().toISOString(),
    };
    const { count } = await tx.bookJob.updateMany({
      where: { id: job.id, status: "FAILED" },
      data: {
        status: "PENDING",
        error: null,
        errorCode: null,
        failedAt: null,
        completedAt: null,
        cancelRequestedAt: null,
        attempts: 0,
        progressDetails: asJson(details),
        ...(job.engine === "crewai" ? { externalJobId: null, webhookSecretHash: null } : {}),
      },
    });
    if (count === 0) return null;
    await tx.book.update({ where: { id: book.id }, data: { status: "GENERATING" } });
    await recordActorActivity(tx, ctx, {
      action: "job.retried",
      resource: "book",
      resourceId: book.id,
      metadata: { jobId: job.id, previousError: job.errorCode },
    });
    await announceJobChange(tx, job.id);
    return tx.bookJob.findUniqueOrThrow({ where: { id: job.id } });
  });
  if (!updated) throw new AppError("JOB_NOT_RETRYABLE", `Only a failed job can be retried (this one is ${job.status})`);
  try {
    await enqueueGeneration(updated.id, options.enqueue);
  } catch (error) {
    console.error(`[jobs] could not queue job ${updated.id}; the worker supervisor will pick it up:`, error);
  }
  return jobView(updated);
}
