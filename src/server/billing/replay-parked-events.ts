import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";
import type { SupersededSubscription } from "./apply-checkout-payment";
import { applyPaystackEvent, type EventOutcome } from "./apply-paystack-event";

/** What a stored Paystack WebhookEvent row's payload holds. */
export interface StoredPaystackEvent {
  event: string;
  data: unknown;
  outcome: EventOutcome | "received";
  note?: string;
  customerCode?: string | null;
  replayedAt?: string;
}

/**
 * Re-applies the customer's parked events (ours, but received before whatever links them, e.g. a
 * subscription.create before the checkout callback), oldest first, until a pass changes nothing. Runs in
 * the transaction that made the link, under the billing lock, so an event is never applied twice.
 */
export async function replayParkedEvents(tx: DbTx, customerCode: string): Promise<SupersededSubscription[]> {
  const superseded: SupersededSubscription[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const parked = await tx.webhookEvent.findMany({
      where: {
        provider: "paystack",
        AND: [
          { payload: { path: ["outcome"], equals: "parked" } },
          { payload: { path: ["customerCode"], equals: customerCode } },
        ],
      },
      orderBy: [{ processedAt: "asc" }, { id: "asc" }],
    });
    let progress = false;
    for (const row of parked) {
      const stored = row.payload as unknown as StoredPaystackEvent;
      const result = await applyPaystackEvent(tx, stored.event, stored.data);
      if (result.outcome === "parked") continue;
      progress = true;
      if (result.superseded) superseded.push(result.superseded);
      const payload: StoredPaystackEvent = {
        ...stored,
        outcome: result.outcome,
        note: result.note,
        replayedAt: new Date().toISOString(),
      };
      await tx.webhookEvent.update({
        where: { id: row.id },
        data: { payload: payload as unknown as Prisma.InputJsonValue },
      });
    }
    if (!progress) break;
  }
  return superseded;
}
