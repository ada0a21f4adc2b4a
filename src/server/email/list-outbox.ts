import type { Db } from "@/server/db/client";
import { assertCanReadOutbox, type OutboxViewer } from "./outbox-access";

/** Emails in the local outbox (newest first), optionally for one address, for those allowed to read it. */
export async function listOutbox(db: Db, viewer: OutboxViewer, to?: string | null) {
  assertCanReadOutbox(viewer);
  return db.outboxEmail.findMany({
    where: to ? { to: to.trim().toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
