import "server-only";
import { isEmbeddedDatabase } from "@/server/db/database-url";
import { env } from "@/server/env";
import { usesLocalOutbox } from "./send-email";

/**
 * Whether this deployment keeps a readable local outbox at all: never once real email (SMTP_URL) is
 * configured; otherwise per DEV_OUTBOX (`auto` = development or the embedded database, `on`, `off`).
 */
export function outboxExists(): boolean {
  if (!usesLocalOutbox()) return false;
  const mode = env().DEV_OUTBOX;
  if (mode !== "auto") return mode === "on";
  return env().NODE_ENV !== "production" || isEmbeddedDatabase();
}
