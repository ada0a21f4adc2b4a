import "server-only";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import { requeueJob } from "./requeue-job";

/**
 * Continues a job paused for the plan review (writers): it goes back to PENDING with planApprovedAt set and
 * is queued; the pipeline finds the saved outline and the (possibly edited) bible and writes the chapters.
 * Anything but AWAITING_REVIEW (or a job whose cancel was asked) answers 409 JOB_NOT_AWAITING_REVIEW.
 */
export function continueJob(ctx: Ctx, bookId: string, options: { enqueue?: Enqueue } = {}) {
  return requeueJob(
    ctx,
    bookId,
    {
      guard: () => ({ status: "AWAITING_REVIEW", cancelRequestedAt: null }),
      data: () => ({ planApprovedAt: new Date() }),
      bookGenerating: false,
      activity: (job) => ({ action: "job.continued", metadata: { jobId: job.id } }),
      refusal: (job) =>
        new AppError(
          "JOB_NOT_AWAITING_REVIEW",
          `Only a job waiting for the plan review can be continued (this one is ${job.status})`,
        ),
    },
    options,
  );
}
