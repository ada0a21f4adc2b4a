import "server-only";
import type { DbTx } from "@/server/db/client";

/** Marks every PENDING invitation whose expiry has passed as EXPIRED; returns how many changed. */
export async function expireInvitations(db: DbTx, now: Date = new Date()): Promise<number> {
  // One set-based UPDATE: safe to run from several workers at once, and a no-op when nothing is due.
  const { count } = await db.invitation.updateMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
  return count;
}
