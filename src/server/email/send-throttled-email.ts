import "server-only";
import { createHash } from "node:crypto";
import type { DbTx } from "@/server/db/client";
import { env } from "@/server/env";
import type { LinkEmailKind } from "./email-templates";
import { type EmailMessage, sendEmail } from "./send-email";

export const EMAIL_RECIPIENT_WINDOW_MS = 60 * 60_000;

export type ThrottledSend = { sent: true } | { sent: false; retryAt: Date };

/**
 * Sends a verification, reset, invitation or "account exists" email unless its recipient already got
 * EMAIL_RECIPIENT_LIMIT of that kind this hour, so nobody can flood an inbox through our forms. The count
 * lives in AuthThrottle (`email:<kind>:<sha256 of the address>`, one atomic upsert), so it holds across
 * processes; inside a transaction it commits or rolls back with the caller's change.
 */
export async function sendThrottledEmail(db: DbTx, kind: LinkEmailKind, message: EmailMessage): Promise<ThrottledSend> {
  const now = new Date();
  const windowCutoff = new Date(now.getTime() - EMAIL_RECIPIENT_WINDOW_MS);
  const recipient = createHash("sha256").update(message.to.trim().toLowerCase()).digest("hex");
  const rows = await db.$queryRaw<{ failures: number; windowStart: Date }[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "updatedAt")
    VALUES (${`email:${kind}:${recipient}`}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowCutoff} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowCutoff} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
      "updatedAt" = ${now}
    RETURNING "failures", "windowStart"`;
  const { failures, windowStart } = rows[0]!;
  if (failures > env().EMAIL_RECIPIENT_LIMIT) {
    return { sent: false, retryAt: new Date(windowStart.getTime() + EMAIL_RECIPIENT_WINDOW_MS) };
  }
  await sendEmail(db, message);
  return { sent: true };
}
