import "server-only";
import { LostJobError, RUNNING_STATUSES, type GenerationRun } from "./generation-run";
import { announceJobChange } from "./record-progress";
import { chapterProgressOf } from "./write-chapters";

export const AWAITING_REVIEW_MESSAGE = "Waiting for your review of the outline and the book bible";

/**
 * "Review the plan" (Book.reviewPlan, off by default): after the outline and the bible are saved, the job
 * stops in AWAITING_REVIEW until a writer continues it (continue-job.ts). The status is neither running nor
 * finished, so no worker holds it, the stalled-job sweep leaves it alone and its lease ends with this run.
 * A job continued once (planApprovedAt) never pauses again, so a resume or a retry goes straight on.
 * Returns true when the job is now paused.
 */
export async function pauseForReview(run: GenerationRun): Promise<boolean> {
  const { db, job } = run;
  if (!run.book.reviewPlan || job.planApprovedAt) return false;
  // Fenced on the run's attempt, and not over a cancel asked meanwhile (that one ends the job instead).
  const { count } = await db.bookJob.updateMany({
    where: { id: job.id, attempts: run.attempt, status: { in: RUNNING_STATUSES }, cancelRequestedAt: null },
    data: { status: "AWAITING_REVIEW" },
  });
  if (count === 0) {
    const current = await db.bookJob.findUnique({ where: { id: job.id }, select: { cancelRequestedAt: true } });
    if (current?.cancelRequestedAt) {
      run.abort("cancelled");
      throw new Error("Cancelled before the plan review");
    }
    throw new LostJobError(`Job ${job.id} could not pause for review`);
  }
  run.status = "AWAITING_REVIEW";
  // The outline under review: the page lists the planned chapters with their budgets.
  await run.tracker.setChapters(chapterProgressOf(run.chapters));
  await run.tracker.setState("AWAITING_REVIEW", AWAITING_REVIEW_MESSAGE);
  await announceJobChange(db, job.id);
  return true;
}
