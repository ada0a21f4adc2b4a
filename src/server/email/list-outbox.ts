import type { Db } from "../db/client";
import { AppError } from "../errors";
import { isEmbeddedDatabase } from "../db/database-url";
import { env } from "../env";
import { usesLocalOutbox } from "./send-email";

/**
 * The outbox holds sign-in and reset links, so it is readable only where that is safe: in development
 * and in the single-machine embedded default, or when explicitly turned on.
 */
export function outboxIsReadable(): boolean {
  const mode = env().DEV_OUTBOX;
  if (mode !== "auto") return mode === "on" && usesLocalOutbox();
  return usesLocalOutbox() && (env().NODE_ENV !== "production" || isEmbeddedDatabase());
}

/** Emails in the local outbox (newest first), optionally for one address; 404 where it must not be readable. */
export async function listOutbox(db: Db, to?: string | null) {
  if (!outboxIsReadable()) throw new AppError("NOT_FOUND", "The local outbox is not available here");
  return db.outboxEmail.findMany({
    where: to ? { to: to.trim().toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
