import "server-only";
import { defineQueue } from "@/server/queue/define-queue";
import type { Enqueue } from "@/server/queue/queue";
import type { QueuePolicy } from "@/server/queue/queue-setup";
import { runExportFormats } from "./run-export-formats";

/** The queue of "render every format of this book" jobs (sent by the pipeline's FINALIZING step and by Regenerate). */
export const EXPORT_FORMATS_QUEUE = "book.export-formats";

/**
 * "short" with the book id as singleton key: at most one render waiting per book, so repeated clicks
 * collapse. Not "stately": in pg-boss 10 a waiting job whose twin is still active makes every fetch on
 * the queue fail (unique-index violation on activation) until the twin ends, which would stall every
 * organization's exports behind one book. A render that overlaps another of the same book is safe:
 * each format commits on its own and a file stored from older content is marked stale.
 */
export const exportFormatsQueueOptions = {
  policy: "short",
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 30 * 60,
} satisfies QueuePolicy;

export interface ExportFormatsJobData {
  bookId: string;
  organizationId: string;
}

export const exportFormatsQueue = defineQueue<ExportFormatsJobData>({
  name: EXPORT_FORMATS_QUEUE,
  options: exportFormatsQueueOptions,
  handler: (jobs, deps) => runExportFormats(deps, jobs),
});

/** Queues the rendering of a book's formats (null when one is already waiting for this book). */
export async function enqueueExportFormats(data: ExportFormatsJobData, via?: Enqueue): Promise<string | null> {
  return exportFormatsQueue.send(
    { bookId: data.bookId, organizationId: data.organizationId },
    { singletonKey: data.bookId },
    via,
  );
}
