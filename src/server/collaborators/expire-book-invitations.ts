import "server-only";
import type { DbTx } from "@/server/db/client";

/** Marks every PENDING book invitation past its 14 days as EXPIRED; returns how many changed. */
export async function expireBookInvitations(db: DbTx, now: Date = new Date()): Promise<number> {
  // One set-based UPDATE, like expireInvitations: safe from several workers, a no-op when nothing is due.
  const { count } = await db.bookCollaborator.updateMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
  return count;
}
