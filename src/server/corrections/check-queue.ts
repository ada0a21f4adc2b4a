import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { defineQueue, type QueueHandlerDeps } from "@/server/queue/define-queue";
import type { Enqueue } from "@/server/queue/queue";
import type { QueuePolicy } from "@/server/queue/queue-setup";
import { recordCheckRequest } from "./request-book-check";
import { processBookChecks } from "./run-book-check";

/** The queue of book checks; one pg-boss job means "work the pending check runs of this book". */
export const BOOK_CHECK_QUEUE = "book.check";

/**
 * "short" with the book id as singleton key: at most one job waiting per book (the pending BookCheckRun
 * row collects every request made meanwhile). A job that finds another worker running this book's check
 * throws, and pg-boss tries it again a little later, so a book's checks never run twice at once.
 */
export const bookCheckQueueOptions = {
  policy: "short",
  retryLimit: 30,
  retryDelay: 10,
  retryBackoff: false,
  expireInSeconds: 60 * 60,
} satisfies QueuePolicy;

const jobData = z.object({
  bookId: z.string().min(1).max(64),
  /** A request made by another job (the end of a generation): recorded as a run when the job starts. */
  request: z.object({ requestedById: z.string().max(64).nullable(), full: z.boolean() }).optional(),
});
export type BookCheckJobData = z.infer<typeof jobData>;

export const bookCheckQueue = defineQueue<BookCheckJobData>({
  name: BOOK_CHECK_QUEUE,
  options: bookCheckQueueOptions,
  handler: (jobs, deps) => runBookCheckJobs(deps, jobs),
});

/** The `book.check` handler. */
export async function runBookCheckJobs(deps: QueueHandlerDeps, jobs: PgBoss.Job<object>[]): Promise<void> {
  for (const job of jobs) {
    const parsed = jobData.safeParse(job.data);
    if (!parsed.success) {
      deps.log(`book.check ${job.id}: invalid data ${JSON.stringify(job.data)}`);
      continue;
    }
    const { bookId, request } = parsed.data;
    if (request) {
      const book = await deps.db.book.findUnique({ where: { id: bookId }, select: { organizationId: true } });
      if (!book) continue;
      await deps.db.$transaction((tx) =>
        recordCheckRequest(tx, { bookId, organizationId: book.organizationId, trigger: "GENERATION", ...request }),
      );
    }
    const outcome = await processBookChecks({ db: deps.db, log: deps.log }, bookId);
    if (outcome === "busy") throw new Error(`book.check ${parsed.data.bookId}: another worker is checking this book`);
  }
}

/** Queues the check of a book (null when a job is already waiting for it: it will take the pending run). */
export function enqueueBookCheck(bookId: string, via?: Enqueue): Promise<string | null> {
  return bookCheckQueue.send({ bookId }, { singletonKey: bookId }, via);
}

/**
 * The check that follows a completed generation: a job carrying the request, recorded as a run by the
 * worker that takes it (its own singleton key, so a job already waiting for the book does not swallow it).
 */
export function queueCheckAfterGeneration(
  book: { bookId: string; requestedById: string | null },
  via?: Enqueue,
): Promise<string | null> {
  return bookCheckQueue.send(
    { bookId: book.bookId, request: { requestedById: book.requestedById, full: true } },
    { singletonKey: `${book.bookId}:generated` },
    via,
  );
}
