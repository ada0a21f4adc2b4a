import type PgBoss from "pg-boss";
import { enqueue } from "./queue";
import type { QueuePolicy } from "./queue-setup";

/** The queue of book generations; one pg-boss job carries one BookJob id. */
export const GENERATE_BOOK_QUEUE = "book.generate";
/**
 * "short" policy: at most one queued (not yet started) job per singleton key (the BookJob id), so sending
 * the same book twice is a no-op. Running the same book twice at once is prevented by the BookJob lease
 * (see run-generation.ts), not by pg-boss, so a worker killed mid-book never blocks the queue.
 * The expiry is long because one pg-boss job runs a whole book; crashed workers are detected by the lease.
 */
export const generateBookQueueOptions = {
  policy: "short",
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 6 * 60 * 60,
} satisfies QueuePolicy;

export interface GenerateBookJobData {
  bookJobId: string;
}

/**
 * Sends any job to a queue, creating the queue with `policy` if it does not exist yet; the pipeline takes
 * it as a dependency so tests can observe sends.
 */
export type Enqueue = (
  name: string,
  data: object,
  options?: PgBoss.SendOptions,
  policy?: QueuePolicy,
) => Promise<string | null>;

/** Queues the generation of a BookJob (no-op when one is already waiting for it). */
export async function enqueueGeneration(bookJobId: string, send: Enqueue = enqueue): Promise<string | null> {
  const data: GenerateBookJobData = { bookJobId };
  return send(GENERATE_BOOK_QUEUE, data, { singletonKey: bookJobId }, generateBookQueueOptions);
}
