import "server-only";
import type PgBoss from "pg-boss";
import { StorageError } from "@/storage/storage-provider";
import { EngineError } from "@/engines/writing-engine";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { claimJob } from "./claim-job";
import { failJob, releaseJob } from "./fail-job";
import { finalizeBook } from "./finalize-book";
import { type GenerationDeps, type GenerationRun, LostJobError, openRun } from "./generation-run";
import { pauseForReview } from "./pause-for-review";
import { writeChapters } from "./write-chapters";
import { writeOutline } from "./write-outline";
import { writeWithCrewAi } from "./write-with-crewai";

/** What one `book.generate` message carries (see generation-queue.ts). */
export interface GenerateBookJobData {
  bookJobId: string;
}

/** Runs of one job that may end in an automatic retry; after that a retryable failure is final. */
export const MAX_AUTOMATIC_ATTEMPTS = 3;

export type GenerationOutcome = "completed" | "failed" | "cancelled" | "released" | "skipped" | "paused";

/** Thrown to make pg-boss retry the job later (after a retryable failure the job was released). */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
}

/**
 * The generation pipeline for one BookJob: claim it, write (or resume) the outline and the chapters,
 * finalize, notify. Idempotent and resumable: every step reads what is already saved and only does what
 * is missing, so a pg-boss retry, a duplicate message or a takeover after a killed worker continue the
 * book without rewriting finished chapters. Returns how the run ended; throws RetryLaterError when the
 * job was handed back for an automatic retry.
 */
export async function runGeneration(deps: GenerationDeps, input: GenerateBookJobData): Promise<GenerationOutcome> {
  const leaseSeconds = deps.leaseSeconds ?? env().GENERATION_LEASE_SECONDS;
  const job = await claimJob(deps.db, input.bookJobId, leaseSeconds);
  if (!job) return "skipped";
  const run = await openRun(deps, job);
  deps.log(`job ${job.id}: run ${run.attempt} started (${job.engine}, book ${job.bookId})`);
  try {
    if (run.engineError) throw run.engineError;
    if (job.engine === "crewai") {
      await writeWithCrewAi(run);
    } else {
      await writeOutline(run);
      if (await pauseForReview(run)) {
        deps.log(`job ${job.id}: paused for the plan review`);
        return "paused";
      }
      await writeChapters(run);
    }
    await finalizeBook(run);
    deps.log(`job ${job.id}: completed`);
    return "completed";
  } catch (error) {
    return await settleFailure(run, error);
  } finally {
    await run.stop();
  }
}

/** Turns a failure into the job's next state: cancelled, released for a retry, or FAILED with a readable error. */
async function settleFailure(run: GenerationRun, error: unknown): Promise<GenerationOutcome> {
  const { db, job, deps } = run;
  const reason = run.abortReason();
  if (error instanceof LostJobError || reason === "lost") {
    deps.log(`job ${job.id}: run ${run.attempt} stopped, the job was taken over, finished or deleted`);
    return "skipped";
  }
  if (reason === "cancelled") {
    await failJob(db, job, { error: "Cancelled on request", errorCode: "CANCELLED", attempt: run.attempt });
    deps.log(`job ${job.id}: cancelled`);
    return "cancelled";
  }
  if (reason === "stopping") {
    await releaseJob(db, job.id, run.attempt, {});
    deps.log(`job ${job.id}: handed back (worker stopping)`);
    return "released";
  }
  const retryable = error instanceof EngineError && error.retryable;
  if (retryable && run.attempt < MAX_AUTOMATIC_ATTEMPTS) {
    const released = await releaseJob(db, job.id, run.attempt, { error: error.message, errorCode: error.code });
    deps.log(`job ${job.id}: ${error.code} (${error.message}); will retry`);
    if (released) throw new RetryLaterError(`${error.code}: ${error.message}`);
    return "skipped";
  }
  const { message, code } = describeFailure(error);
  if (code === "INTERNAL") console.error(`job ${job.id}: generation failed:`, error);
  await failJob(db, job, { error: message, errorCode: code, attempt: run.attempt });
  deps.log(`job ${job.id}: failed (${code}: ${message})`);
  return "failed";
}

/** The message and code stored on a FAILED job: readable for engine and storage errors, generic otherwise. */
export function describeFailure(error: unknown): { message: string; code: string } {
  if (error instanceof EngineError) return { message: error.message, code: error.code };
  if (error instanceof AppError) return { message: error.message, code: error.code };
  if (error instanceof StorageError) {
    return { message: `The book could not be stored: ${error.message}`, code: `STORAGE_${error.code}` };
  }
  return { message: "An unexpected error stopped the generation; finished chapters are kept", code: "INTERNAL" };
}

/** pg-boss handler of the `book.generate` queue: one pipeline run per message. */
export async function runGenerationBatch(deps: GenerationDeps, batch: PgBoss.Job<object>[]): Promise<void> {
  for (const message of batch) {
    const data = message.data as Partial<GenerateBookJobData>;
    if (typeof data.bookJobId !== "string") {
      deps.log(`book.generate: ignoring message ${message.id} without a bookJobId`);
      continue;
    }
    await runGeneration(deps, { bookJobId: data.bookJobId });
  }
}
