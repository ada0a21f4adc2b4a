import "server-only";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import type { Enqueue } from "@/server/queue/queue";
import { requeueJob } from "./requeue-job";

/**
 * Retries a FAILED job (writers): it goes back to PENDING and is queued; the pipeline keeps every chapter
 * already DONE and continues with the rest. A crew run starts over (a remote crew cannot resume).
 * Anything but FAILED answers 409 JOB_NOT_RETRYABLE.
 */
export function retryJob(ctx: Ctx, bookId: string, options: { enqueue?: Enqueue } = {}) {
  return requeueJob(
    ctx,
    bookId,
    {
      guard: () => ({ status: "FAILED" }),
      data: (job) => ({
        error: null,
        errorCode: null,
        failedAt: null,
        completedAt: null,
        cancelRequestedAt: null,
        attempts: 0,
        ...(job.engine === "crewai" ? { externalJobId: null, webhookSecretHash: null } : {}),
      }),
      bookGenerating: true,
      activity: (job) => ({ action: "job.retried", metadata: { jobId: job.id, previousError: job.errorCode } }),
      refusal: (job) =>
        new AppError("JOB_NOT_RETRYABLE", `Only a failed job can be retried (this one is ${job.status})`),
    },
    options,
  );
}
