import "server-only";
import type { Book, BookJob, Chapter } from "@/generated/prisma/client";
import type { JobStatus } from "@/generated/prisma/enums";
import type { BookBible } from "@/engines/long-form/bible";
import { type ChatModel, isChatModel } from "@/engines/long-form/chat-model";
import type { Outline, TokenUsage, WritingEngine } from "@/engines/writing-engine";
import type { BookBrief } from "@/engines/writing-engine";
import { briefFromBook } from "@/server/books/book-view";
import { engineInfo, engineSettingsFor, resolveEngine } from "@/server/books/engine-config";
import { isEngineId } from "@/engines/registry";
import type { Db, DbTx } from "@/server/db/client";
import { env } from "@/server/env";
import type { Enqueue } from "@/server/queue/queue";
import { initialProgress, type ProgressDetails } from "./job-progress";
import { ProgressTracker } from "./progress-tracker";
import { announceJobChange, recordProgress } from "./record-progress";

/** What the generation pipeline needs; the worker passes its db and log, tests may tune the rest. */
export interface GenerationDeps {
  db: Db;
  log: (message: string) => void;
  /** Chapters written at the same time (default GENERATION_CONCURRENCY). */
  concurrency?: number;
  /** Seconds without a heartbeat after which another worker may take the job over (GENERATION_LEASE_SECONDS). */
  leaseSeconds?: number;
  /** How often the run checks in and looks for a cancellation (default 1 s). */
  heartbeatMs?: number;
  /** Minimum time between two progress writes (default 500 ms). */
  progressThrottleMs?: number;
  /** Public base URL engine webhooks are sent to (default APP_URL). */
  webhookBaseUrl?: string;
  /** Queue sender (default: the shared pg-boss). */
  enqueue?: Enqueue;
  /**
   * How a chat engine controls chapter length (default GENERATION_LENGTH_CONTROL, "sections"): "sections"
   * plans each chapter into sections with a book bible and writes them to their budgets; "single" asks once
   * per chapter (the baseline). Engines without raw chat calls (demo, CrewAI) ignore it.
   */
  lengthControl?: LengthControl;
  /** Longest section in words (default GENERATION_SECTION_WORDS, 800). */
  sectionWords?: number;
}

export type LengthControl = "single" | "sections";

export const RUNNING_STATUSES: JobStatus[] = ["GENERATING_OUTLINE", "WRITING_CHAPTERS", "FINALIZING"];

/** Thrown when the run no longer owns its job: taken over after a missed lease, deleted, or finished. */
export class LostJobError extends Error {
  constructor(message = "The job is no longer owned by this run") {
    super(message);
    this.name = "LostJobError";
  }
}

export type AbortReason = "cancelled" | "lost" | "stopping";

/** One execution of a job by one worker: the fencing token `attempt`, the engine, progress and the abort signal. */
export interface GenerationRun {
  deps: GenerationDeps;
  db: Db;
  job: BookJob;
  /** BookJob.attempts as claimed by this run: every write is fenced on it. */
  attempt: number;
  book: Book;
  brief: BookBrief;
  engine: WritingEngine;
  /** The settings the engine was built from (e.g. the crew's polling interval). */
  engineSettings: Record<string, unknown>;
  /** The job status as this run last set it. */
  status: JobStatus;
  /** Set when the engine could not be built (settings changed since the book was created). */
  engineError?: unknown;
  tracker: ProgressTracker;
  signal: AbortSignal;
  /** Why the signal fired, once it has. */
  abortReason(): AbortReason | undefined;
  abort(reason: AbortReason): void;
  /** Filled by writeOutline: the saved chapters and the outline the chapter prompts carry. */
  chapters: Chapter[];
  outline: Outline;
  /** Set by writeOutline when the run writes with sections: the book's bible (Book.bible). */
  bible: BookBible | null;
  /** Moves the job from one of `from` to `to` (fenced); throws LostJobError when it does not own it any more. */
  transition(from: JobStatus[], to: JobStatus, message?: string | null): Promise<void>;
  stop(): Promise<void>;
}

/** Every running job in this process, so a shutting-down worker can hand them back at once. */
const activeRuns = new Set<GenerationRun>();

/** Stops every run of this process (graceful worker shutdown); their jobs are released for another worker. */
export async function stopActiveRuns(): Promise<number> {
  const runs = [...activeRuns];
  for (const run of runs) run.abort("stopping");
  return runs.length;
}

/**
 * Adds token usage to BookJob.tokenUsage atomically (concurrent chapters each add theirs): every step,
 * retry and continuation of the job lands here, with the running total.
 */
export function addTokenUsage(db: DbTx, bookJobId: string, usage: TokenUsage | undefined) {
  const prompt = usage?.promptTokens ?? 0;
  const completion = usage?.completionTokens ?? 0;
  return db.$executeRaw`
    UPDATE "BookJob" SET "tokenUsage" = jsonb_build_object(
      'promptTokens', COALESCE(("tokenUsage"->>'promptTokens')::bigint, 0) + ${prompt}::bigint,
      'completionTokens', COALESCE(("tokenUsage"->>'completionTokens')::bigint, 0) + ${completion}::bigint,
      'totalTokens', COALESCE(("tokenUsage"->>'promptTokens')::bigint, 0) + ${prompt}::bigint
        + COALESCE(("tokenUsage"->>'completionTokens')::bigint, 0) + ${completion}::bigint)
    WHERE "id" = ${bookJobId}`;
}

/** The run's engine as a chat model when it writes with sections (setting and engine allow it), else null. */
export function sectionWriter(run: Pick<GenerationRun, "deps" | "engine">): (WritingEngine & ChatModel) | null {
  const mode = run.deps.lengthControl ?? env().GENERATION_LENGTH_CONTROL;
  if (mode !== "sections" || !run.engine || !isChatModel(run.engine)) return null;
  return run.engine;
}

/** Sets up a claimed job's run: engine, progress tracker, heartbeat with cancellation check. */
export async function openRun(deps: GenerationDeps, job: BookJob): Promise<GenerationRun> {
  const { db } = deps;
  const book = await db.book.findUniqueOrThrow({ where: { id: job.bookId } });
  const org = await db.organization.findUniqueOrThrow({
    where: { id: job.organizationId },
    select: { id: true, engineSettings: true, engineSecretEncrypted: true },
  });
  const controller = new AbortController();
  let reason: AbortReason | undefined;
  const abort = (why: AbortReason) => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort(why);
  };
  const attempt = job.attempts;
  const existing = (job.progressDetails ?? null) as Partial<ProgressDetails> | null;
  const info = engineInfo(job.engine);
  const tracker = new ProgressTracker(
    (details, percent) => recordProgress(db, job.id, details, { percent, attempt }),
    { ...initialProgress(info, book.targetWords ?? 0), ...(existing ?? {}), engine: info, state: job.status },
    deps.progressThrottleMs,
  );

  // resolveEngine may throw ENGINE_NOT_CONFIGURED (e.g. a key removed since the book was created): kept
  // and rethrown by the pipeline, which turns it into a FAILED job with a readable error.
  let engine: WritingEngine | undefined;
  let engineError: unknown;
  const engineSettings = isEngineId(job.engine) ? engineSettingsFor(org, job.engine) : {};
  try {
    engine = resolveEngine(org, job.engine);
  } catch (error) {
    engineError = error;
  }

  const leaseMs = (deps.leaseSeconds ?? env().GENERATION_LEASE_SECONDS) * 1000;
  const heartbeatMs = deps.heartbeatMs ?? Math.min(1000, Math.floor(leaseMs / 3));
  let beating = false;
  const heartbeat = setInterval(async () => {
    if (beating || controller.signal.aborted) return;
    beating = true;
    try {
      const rows = await db.$queryRaw<{ cancelRequestedAt: Date | null }[]>`
        UPDATE "BookJob" SET "updatedAt" = ${new Date()}
        WHERE "id" = ${job.id} AND "attempts" = ${attempt}
          AND "status" IN ('GENERATING_OUTLINE', 'WRITING_CHAPTERS', 'FINALIZING')
        RETURNING "cancelRequestedAt"`;
      if (rows.length === 0) abort("lost");
      else if (rows[0]?.cancelRequestedAt) abort("cancelled");
    } catch (error) {
      deps.log(`job ${job.id}: heartbeat failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      beating = false;
    }
  }, heartbeatMs);
  heartbeat.unref?.();

  const run: GenerationRun = {
    deps,
    db,
    job,
    attempt,
    book,
    brief: briefFromBook(book),
    // Undefined only together with engineError, which the pipeline checks before using the engine.
    engine: engine as WritingEngine,
    engineSettings,
    status: job.status,
    engineError,
    tracker,
    signal: controller.signal,
    abortReason: () => reason,
    abort,
    chapters: [],
    outline: { chapters: [] },
    bible: null,
    async transition(from, to, message = null) {
      const { count } = await db.bookJob.updateMany({
        where: { id: job.id, attempts: attempt, status: { in: from } },
        data: { status: to },
      });
      if (count === 0) throw new LostJobError(`Job ${job.id} is no longer in ${from.join("/")}`);
      run.status = to;
      await tracker.setState(to, message);
      await announceJobChange(db, job.id);
    },
    async stop() {
      clearInterval(heartbeat);
      activeRuns.delete(run);
      await tracker.close();
    },
  };
  activeRuns.add(run);
  return run;
}
