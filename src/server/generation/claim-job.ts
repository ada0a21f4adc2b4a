import "server-only";
import type { BookJob } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { failJob } from "./fail-job";
import { RUNNING_STATUSES } from "./generation-run";

/**
 * Takes ownership of a job for one run, with conditional updates instead of locks (they work the same on
 * PostgreSQL and on the embedded PGlite): a PENDING job starts its outline; a running job is taken over
 * only when its worker missed the lease (killed, frozen). Each claim increments BookJob.attempts, which
 * then fences every write of the run. Returns null when another run owns the job or it is finished.
 */
export async function claimJob(
  db: Db,
  bookJobId: string,
  leaseSeconds: number,
  now = new Date(),
): Promise<BookJob | null> {
  const fresh = await db.bookJob.updateMany({
    where: { id: bookJobId, status: "PENDING", cancelRequestedAt: null },
    data: { status: "GENERATING_OUTLINE", attempts: { increment: 1 }, updatedAt: now },
  });
  let claimed = fresh.count > 0;
  if (!claimed) {
    const stale = await db.bookJob.updateMany({
      where: {
        id: bookJobId,
        status: { in: RUNNING_STATUSES },
        updatedAt: { lt: new Date(now.getTime() - leaseSeconds * 1000) },
      },
      data: { attempts: { increment: 1 }, updatedAt: now },
    });
    claimed = stale.count > 0;
  }
  if (!claimed) {
    // Cancelled while waiting (e.g. after a retryable failure handed it back): finish it as cancelled.
    const waiting = await db.bookJob.findFirst({
      where: { id: bookJobId, status: "PENDING", cancelRequestedAt: { not: null } },
    });
    if (waiting) await failJob(db, waiting, { error: "Cancelled on request", errorCode: "CANCELLED" });
    return null;
  }
  await db.bookJob.updateMany({ where: { id: bookJobId, startedAt: null }, data: { startedAt: now } });
  return db.bookJob.findUnique({ where: { id: bookJobId } });
}
