import "server-only";
import type { BookCheckRun, BookJob } from "@/generated/prisma/client";
import type { ReviewFrame } from "@/contracts/comments";
import { assertCan } from "@/server/auth/permissions";
import { reviewState } from "@/server/comments/review-state";
import { checkRunView, isCheckActive } from "@/server/corrections/correction-view";
import { findBook, latestJob } from "@/server/books/find-book";
import type { Ctx } from "@/server/context";
import { notFound } from "@/server/errors";
import { subscribeToJobEvents } from "./job-events";
import { isFinished, jobView } from "./job-view";

export interface JobEventStreamOptions {
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** Polling fallback interval (default 1 s). */
  pollMs?: number;
  /** Interval of the keep-alive comment (default 15 s). */
  heartbeatMs?: number;
  /**
   * Also send `event: check` frames (`{ run }`, the corrections contract's CheckRun) whenever the book's
   * latest check run changes, and stay open while it is pending or running (the app's stream; API v1's job
   * stream stays about the job only).
   */
  includeChecks?: boolean;
  /**
   * Also send `event: review` frames (the comments contract's ReviewFrame) whenever the book's comments,
   * replies or suggestions from people change, and never end on the job's account: the reader keeps it open
   * while the book is on screen (issue 16).
   */
  includeReview?: boolean;
}

const encoder = new TextEncoder();

function checkKey(run: BookCheckRun): string {
  return [run.id, run.status, run.chaptersDone, run.progress, run.updatedAt.getTime()].join("|");
}

function changeKey(job: BookJob): string {
  const details = (job.progressDetails ?? {}) as { updatedAt?: string };
  return [
    job.status,
    job.progress,
    details.updatedAt ?? "",
    job.error ?? "",
    job.cancelRequestedAt?.getTime() ?? "",
  ].join("|");
}

/**
 * The live progress of a book's latest job as Server-Sent Events: the persisted snapshot at once (so a
 * reload or a second tab shows the same picture), then every change, woken by LISTEN/NOTIFY with a
 * polling fallback; keep-alive comments in between; the stream ends after the job completes or fails.
 * Access is checked before the stream starts, so refusals are ordinary JSON errors.
 */
export async function streamJobEvents(
  ctx: Ctx,
  bookId: string,
  options: JobEventStreamOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  assertCan(ctx.actor, "job:read");
  const book = await findBook(ctx.db, ctx.actor, bookId);
  const first = await latestJob(ctx.db, ctx.actor.organizationId, book.id);
  if (!first) throw notFound("Job");
  const jobId = first.id;
  const latestCheck = () =>
    ctx.db.bookCheckRun.findFirst({
      where: { bookId: book.id, organizationId: ctx.actor.organizationId },
      orderBy: { createdAt: "desc" },
    });
  const firstCheck = options.includeChecks ? await latestCheck() : null;
  if (options.includeReview) assertCan(ctx.actor, "comment:read");
  const latestReview = () => reviewState(ctx.db, ctx.actor.organizationId, book.id);
  const firstReview = options.includeReview ? await latestReview() : null;
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let cleanup = () => {};
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let lastKey = "";
      let lastCheckKey = "";
      let lastReviewKey = "";
      let jobFinished: string | null = null;
      let checkActive = false;
      let reading = false;
      let again = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
          cleanup();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the consumer.
        }
      };
      const emit = (job: BookJob) => {
        const key = changeKey(job);
        if (key === lastKey) return;
        lastKey = key;
        send(`id: ${encodeURIComponent(key)}\nevent: progress\ndata: ${JSON.stringify({ job: jobView(job) })}\n\n`);
        if (isFinished(job.status)) jobFinished = job.status;
      };
      const emitCheck = (run: BookCheckRun | null) => {
        checkActive = run !== null && isCheckActive(run);
        if (!run) return;
        const key = checkKey(run);
        if (key === lastCheckKey) return;
        lastCheckKey = key;
        send(`event: check\ndata: ${JSON.stringify({ run: checkRunView(run) })}\n\n`);
      };
      const emitReview = (state: ReviewFrame) => {
        const key = JSON.stringify(state);
        if (key === lastReviewKey) return;
        lastReviewKey = key;
        send(`event: review\ndata: ${key}\n\n`);
      };
      // The stream ends once the job has finished and no check of the book is pending or running (a review
      // stream stays open: comments may come at any time).
      const endIfDone = () => {
        if (jobFinished === null || checkActive || options.includeReview) return;
        send(`event: end\ndata: ${JSON.stringify({ status: jobFinished })}\n\n`);
        close();
      };
      const refresh = async () => {
        if (closed) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const job = await ctx.db.bookJob.findFirst({
              where: { id: jobId, organizationId: ctx.actor.organizationId },
            });
            if (!job) {
              send(`event: end\ndata: ${JSON.stringify({ status: "DELETED" })}\n\n`);
              close();
              return;
            }
            emit(job);
            if (options.includeChecks) emitCheck(await latestCheck());
            if (options.includeReview) emitReview(await latestReview());
            endIfDone();
          } while (again && !closed);
        } catch (error) {
          console.warn(`[job-events] refresh of job ${jobId} failed:`, error);
        } finally {
          reading = false;
        }
      };

      const unsubscribe = subscribeToJobEvents(jobId, () => void refresh());
      const poll = setInterval(() => void refresh(), pollMs);
      const ping = setInterval(() => send(": ping\n\n"), heartbeatMs);
      const onAbort = () => close();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      cleanup = () => {
        unsubscribe();
        clearInterval(poll);
        clearInterval(ping);
        options.signal?.removeEventListener("abort", onAbort);
      };
      send("retry: 2000\n\n");
      emit(first);
      if (options.includeChecks) emitCheck(firstCheck);
      if (firstReview) emitReview(firstReview);
      endIfDone();
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
