import "server-only";
import { recordActorActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import { findBookAndLatestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { failJob } from "./fail-job";
import { isFinished, jobView } from "./job-view";
import { announceJobChange } from "./record-progress";
import { stopCrewRunOfJob } from "./stop-crew-run";

/**
 * Cancels a book's generation (writers). Sets cancelRequestedAt; the running pipeline sees it at its next
 * heartbeat (about a second), aborts its engine calls and marks the job FAILED with errorCode CANCELLED.
 * A job no worker has started yet is marked FAILED at once. A CrewAI job's crew run is stopped on the
 * platform (POST /stop). Finished jobs answer 409 JOB_FINISHED.
 */
export async function cancelJob(ctx: Ctx, bookId: string) {
  assertCan(ctx.actor, "job:cancel");
  const { book, job } = await findBookAndLatestJob(ctx.db, ctx.actor, bookId);
  const requested = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.bookJob.updateMany({
      where: { id: job.id, status: { notIn: ["COMPLETED", "FAILED"] } },
      data: { cancelRequestedAt: new Date() },
    });
    if (count === 0) return false;
    await recordActorActivity(tx, ctx, {
      action: "job.cancelled",
      resource: "book",
      resourceId: book.id,
      metadata: { jobId: job.id, status: job.status },
    });
    await announceJobChange(tx, job.id);
    return true;
  });
  if (!requested) {
    throw new AppError("JOB_FINISHED", `This job has already ${job.status === "COMPLETED" ? "completed" : "failed"}`);
  }
  // Not started yet: no worker will see the flag (a claim requires cancelRequestedAt to be empty), so the
  // job is finished here.
  // Paused for the plan review: no worker holds it either.
  if ((await ctx.db.bookJob.count({ where: { id: job.id, status: { in: ["PENDING", "AWAITING_REVIEW"] } } })) > 0) {
    await failJob(ctx.db, job, { error: "Cancelled on request", errorCode: "CANCELLED" });
  }
  // A crew on CrewAI runs on the platform, not in our worker: aborting our poll would leave it writing and
  // spending, so it is stopped there too (best effort, bounded in time).
  await stopCrewRunOfJob(ctx.db, job);
  const current = await ctx.db.bookJob.findUniqueOrThrow({ where: { id: job.id } });
  return { ...jobView(current), cancelling: !isFinished(current.status) };
}
