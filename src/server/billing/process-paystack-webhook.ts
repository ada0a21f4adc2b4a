import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { validationError } from "@/server/http/handle-route";
import { disableSuperseded, type SupersededSubscription } from "./apply-checkout-payment";
import { fillMissingEmailTokens } from "./fill-missing-email-tokens";
import { applyPaystackEvent, type EventOutcome } from "./apply-paystack-event";
import { replayParkedEvents, type StoredPaystackEvent } from "./replay-parked-events";
import { lockBilling } from "./subscription-state";
import { verifyPaystackSignature } from "./verify-paystack-signature";

// `data` is an object for most events but an array for subscription.expiring_cards (Paystack's webhook
// samples, PaystackOSS/doc-code-snippets): both are accepted, or Paystack would retry the event for 72 hours.
const envelope = z.object({
  event: z.string().min(1).max(100),
  data: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
});

const text = (value: unknown) => (typeof value === "string" && value ? value : null);
const nested = (value: unknown, key: string) =>
  value && typeof value === "object" ? text((value as Record<string, unknown>)[key]) : null;

/**
 * The exactly-once key of an event. Paystack sends no event id, so it is the event name plus the object it
 * is about: the transaction reference, the subscription code, or the invoice code (and, for
 * invoice.update, the invoice status, since one invoice is legitimately updated from pending to paid).
 */
export function paystackEventKey(
  event: string,
  data: Record<string, unknown> | unknown[],
  rawBody: Uint8Array,
): string {
  const id = Array.isArray(data)
    ? null
    : event.startsWith("invoice.")
      ? text(data.invoice_code) &&
        `${data.invoice_code}${event === "invoice.update" ? `:${data.paid === true ? "success" : (text(data.status) ?? "")}` : ""}`
      : event.startsWith("subscription.")
        ? text(data.subscription_code)
        : (text(data.reference) ?? nested(data, "code") ?? (data.id === undefined ? null : String(data.id)));
  return `${event}:${id ?? `sha256-${createHash("sha256").update(rawBody).digest("hex")}`}`;
}

export interface WebhookResult {
  outcome: EventOutcome | "duplicate";
  event: string;
  eventKey: string;
}

/**
 * Handles one delivery of POST /api/webhooks/paystack: 401 INVALID_SIGNATURE unless the raw body is
 * signed with our secret key (nothing is stored), then records the event and its effect in one
 * transaction, so a retried or replayed delivery finds its key taken and changes nothing.
 */
export async function processPaystackWebhook(
  db: Db,
  rawBody: Uint8Array,
  signature: string | null,
): Promise<WebhookResult> {
  const secretKey = env().PAYSTACK_SECRET_KEY;
  if (!secretKey) throw new AppError("BILLING_NOT_CONFIGURED", "Billing is not configured on this server");
  if (!verifyPaystackSignature(rawBody, signature, secretKey)) {
    throw new AppError("INVALID_SIGNATURE", "The x-paystack-signature header does not sign this body");
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    throw new AppError("INVALID_JSON", "The webhook body is not valid JSON");
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  const { event, data } = parsed.data;
  const eventKey = paystackEventKey(event, data, rawBody);

  const superseded: SupersededSubscription[] = [];
  let customerCode: string | null = null;
  const outcome = await db.$transaction(
    async (tx) => {
      await lockBilling(tx);
      const stored: StoredPaystackEvent = { event, data, outcome: "received" };
      const inserted = await tx.webhookEvent.createMany({
        data: [{ provider: "paystack", eventKey, payload: stored as unknown as Prisma.InputJsonValue }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return "duplicate" as const;
      const result = await applyPaystackEvent(tx, event, data);
      if (result.superseded) superseded.push(result.superseded);
      const payload: StoredPaystackEvent = {
        ...stored,
        outcome: result.outcome,
        note: result.note,
        customerCode: result.customerCode,
      };
      await tx.webhookEvent.update({
        where: { provider_eventKey: { provider: "paystack", eventKey } },
        data: { payload: payload as unknown as Prisma.InputJsonValue },
      });
      if (result.outcome === "processed") customerCode = result.customerCode;
      if (result.outcome === "processed" && result.customerCode) {
        superseded.push(...(await replayParkedEvents(tx, result.customerCode)));
      }
      return result.outcome;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  for (const old of superseded) await disableSuperseded(old);
  await fillMissingEmailTokens(db, customerCode);
  return { outcome, event, eventKey };
}
