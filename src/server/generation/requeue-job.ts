import "server-only";
import type { ActivityAction } from "@/contracts/activity";
import type { BookJob, Prisma } from "@/generated/prisma/client";
import { recordActorActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBookAndLatestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import type { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import { enqueueGeneration } from "./generation-queue";
import { asJson } from "./job-progress";
import { jobView } from "./job-view";
import { announceJobChange } from "./record-progress";

/** What distinguishes one way of sending a book's latest job back to the queue (retry, continue). */
export interface Requeue {
  /** The state the job must be in (checked in the update itself, so two clicks cannot both win). */
  guard: (job: BookJob) => Prisma.BookJobWhereInput;
  /** Columns to reset or set besides status PENDING and the "waiting for a worker" progress. */
  data: (job: BookJob) => Prisma.BookJobUpdateManyMutationInput;
  /** The book goes back to GENERATING (a failed book); a paused one already is. */
  bookGenerating: boolean;
  activity: (job: BookJob) => { action: ActivityAction; metadata: Prisma.InputJsonValue };
  /** The 409 answered when the guard does not hold. */
  refusal: (job: BookJob) => AppError;
}

/**
 * Sends a book's latest job back to PENDING (writers) in one transaction with its activity row and the
 * live announcement, then queues it. A lost send only delays the book: PENDING jobs are queued again by
 * the stalled-job sweep.
 */
export async function requeueJob(ctx: Ctx, bookId: string, how: Requeue, options: { enqueue?: Enqueue } = {}) {
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
      where: { id: job.id, ...how.guard(job) },
      data: { ...how.data(job), status: "PENDING", progressDetails: asJson(details) },
    });
    if (count === 0) return null;
    if (how.bookGenerating) await tx.book.update({ where: { id: book.id }, data: { status: "GENERATING" } });
    await recordActorActivity(tx, ctx, { ...how.activity(job), resource: "book", resourceId: book.id });
    await announceJobChange(tx, job.id);
    return tx.bookJob.findUniqueOrThrow({ where: { id: job.id } });
  });
  if (!updated) throw how.refusal(job);
  try {
    await enqueueGeneration(updated.id, options.enqueue);
  } catch (error) {
    console.error(`[jobs] could not queue job ${updated.id}; the worker supervisor will pick it up:`, error);
  }
  return jobView(updated);
}
