import "server-only";
import { env } from "@/server/env";
import { defineQueue } from "@/server/queue/define-queue";
import type { Enqueue } from "@/server/queue/queue";
import type { QueuePolicy } from "@/server/queue/queue-setup";
import { type GenerateBookJobData, runGenerationBatch } from "./run-generation";

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

export const generateBookQueue = defineQueue<GenerateBookJobData>({
  name: GENERATE_BOOK_QUEUE,
  options: generateBookQueueOptions,
  // Read when the worker registers the queue, not when a web process imports this file to send.
  workers: () => env().GENERATION_PARALLEL_BOOKS,
  handler: (jobs, deps) => runGenerationBatch(deps, jobs),
});

/** Queues the generation of a BookJob (no-op when one is already waiting for it). */
export async function enqueueGeneration(bookJobId: string, via?: Enqueue): Promise<string | null> {
  return generateBookQueue.send({ bookJobId }, { singletonKey: bookJobId }, via);
}
