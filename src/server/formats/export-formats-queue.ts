import type { Enqueue } from "@/server/jobs/generation-queue";
import { enqueue } from "@/server/jobs/queue";
import type { QueuePolicy } from "@/server/jobs/queue-setup";

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

export type SendJob = Enqueue;

/** Queues the rendering of a book's formats (null when one is already waiting for this book). */
export async function enqueueExportFormats(
  data: ExportFormatsJobData,
  send: SendJob = enqueue,
): Promise<string | null> {
  return send(
    EXPORT_FORMATS_QUEUE,
    { bookId: data.bookId, organizationId: data.organizationId },
    { singletonKey: data.bookId },
    exportFormatsQueueOptions,
  );
}
