import type PgBoss from "pg-boss";
import { enqueue, ensureQueue, getQueue } from "../jobs/queue";

/** The queue of "render every format of this book" jobs (sent by the pipeline's FINALIZING step and by Regenerate). */
export const EXPORT_FORMATS_QUEUE = "book.export-formats";

/**
 * "stately" with the book id as singleton key: at most one render waiting and one running per book, so
 * repeated clicks collapse and two renders of one book never race. Retries cover storage outages.
 */
export const exportFormatsQueueOptions = {
  policy: "stately",
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 30 * 60,
} satisfies Omit<PgBoss.Queue, "name">;

export interface ExportFormatsJobData {
  bookId: string;
  organizationId: string;
}

export type SendJob = (name: string, data: object, options?: PgBoss.SendOptions) => Promise<string | null>;

/** Queues the rendering of a book's formats (null when one is already waiting for this book). */
export async function enqueueExportFormats(
  data: ExportFormatsJobData,
  send: SendJob = enqueue,
): Promise<string | null> {
  if (send === enqueue) {
    // The policy must exist before the first send creates the queue without it.
    await ensureQueue(await getQueue(), EXPORT_FORMATS_QUEUE, {
      name: EXPORT_FORMATS_QUEUE,
      ...exportFormatsQueueOptions,
    });
  }
  return send(
    EXPORT_FORMATS_QUEUE,
    { bookId: data.bookId, organizationId: data.organizationId },
    { singletonKey: data.bookId },
  );
}
