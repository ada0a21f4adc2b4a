import "server-only";
import type { OutboxEmail } from "@/contracts/outbox";
import type { Db } from "@/server/db/client";
import { assertCanReadOutbox, type OutboxViewer } from "./outbox-access";

/** Emails in the local outbox (newest first), optionally for one address, for those allowed to read it. */
export async function listOutbox(db: Db, viewer: OutboxViewer, to?: string | null): Promise<OutboxEmail[]> {
  assertCanReadOutbox(viewer);
  const emails = await db.outboxEmail.findMany({
    where: to ? { to: to.trim().toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return emails.map((email) => ({ ...email, createdAt: email.createdAt.toISOString() }));
}
