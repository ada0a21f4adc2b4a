import { env } from "@/server/env";

/** The local outbox replaces real email whenever no SMTP server is configured. */
export function outboxEnabled(): boolean {
  return !env().SMTP_URL;
}
