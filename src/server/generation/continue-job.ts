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
 * Continues a job paused for the plan review (writers): it goes back to PENDING with planApprovedAt set and
 * is queued; the pipeline finds the saved outline and the (possibly edited) bible and writes the chapters.
 * Anything but AWAITING_REVIEW (or a job whose cancel was asked) answers 409 JOB_NOT_AWAITING_REVIEW.
 */
export async function continueJob(ctx: Ctx, bookId: string, options: { enqueue?: Enqueue } = {}) {
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
      where: { id: job.id, status: "AWAITING_REVIEW", cancelRequestedAt: null },
      data: { status: "PENDING", planApprovedAt: new Date(), progressDetails: asJson(details) },
    });
    if (count === 0) return null;
    await recordActorActivity(tx, ctx, {
      action: "job.continued",
      resource: "book",
      resourceId: book.id,
      metadata: { jobId: job.id },
    });
    await announceJobChange(tx, job.id);
    return tx.bookJob.findUniqueOrThrow({ where: { id: job.id } });
  });
  if (!updated) {
    throw new AppError(
      "JOB_NOT_AWAITING_REVIEW",
      `Only a job waiting for the plan review can be continued (this one is ${job.status})`,
    );
  }
  try {
    await enqueueGeneration(updated.id, options.enqueue);
  } catch (error) {
    // PENDING jobs are queued again by the stalled-job sweep, so a lost send only delays the book.
    console.error(`[jobs] could not queue job ${updated.id}; the worker supervisor will pick it up:`, error);
  }
  return jobView(updated);
}
