import "server-only";
import type { DbTx } from "@/server/db/client";
import { announceJobChange } from "@/server/generation/record-progress";

/**
 * Wakes the book's open event streams (they listen on its latest job's channel) so a new comment, reply,
 * resolution or suggestion reaches the people who have the book open at once; the streams' polling catches
 * it too where notifications are not delivered. Sent in the caller's transaction: delivered on commit.
 */
export async function announceReviewChange(tx: DbTx, organizationId: string, bookId: string): Promise<void> {
  const job = await tx.bookJob.findFirst({
    where: { bookId, organizationId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (job) await announceJobChange(tx, job.id);
}
