import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { InvoiceStatus, SubscriptionStatus } from "@/generated/prisma/enums";
import { recordActivity } from "@/server/activity/record-activity";
import type { DbTx } from "@/server/db/client";
import { applyCheckoutPayment, type SupersededSubscription } from "./apply-checkout-payment";
import type { PaystackTransaction } from "./paystack-client";
import { billingCurrency, planForPaystackCode, plans } from "./plans";
import { addMonth, canMoveTo, fromPaystackStatus, isEnded, syncOrganizationPlan } from "./subscription-state";

/**
 * Applies one verified, not-yet-seen Paystack event to Subscription, Invoice, InvoiceItem and
 * Organization.plan inside the caller's transaction (which holds the billing lock).
 * - processed: the event changed (or confirmed) our state;
 * - ignored: not ours or stale (another product's plan, a superseded subscription, a settled checkout);
 * - parked: ours but not matchable yet (it arrived before the checkout that links it); it is replayed
 *   when that checkout or another event of the same customer is processed.
 */
export type EventOutcome = "processed" | "ignored" | "parked";

export interface EventResult {
  outcome: EventOutcome;
  note?: string;
  customerCode: string | null;
  superseded?: SupersededSubscription | null;
}

const customer = z.looseObject({ customer_code: z.string().min(1) });
const plan = z.looseObject({ plan_code: z.string().optional() });
const isoDate = z.string().nullish();

const subscriptionData = z.looseObject({
  subscription_code: z.string().min(1),
  email_token: z.string().nullish(),
  status: z.string().nullish(),
  next_payment_date: isoDate,
  createdAt: isoDate,
  created_at: isoDate,
  plan: plan.nullish(),
  customer: customer.nullish(),
});

const invoiceData = z.looseObject({
  invoice_code: z.string().min(1),
  amount: z.number().int().min(0),
  period_start: isoDate,
  period_end: isoDate,
  status: z.string().nullish(),
  paid: z.boolean().nullish(),
  paid_at: isoDate,
  subscription: z.looseObject({ subscription_code: z.string().min(1), next_payment_date: isoDate }),
  customer: customer.nullish(),
  transaction: z.looseObject({ reference: z.string().nullish(), currency: z.string().nullish() }).nullish(),
});

const chargeData = z.looseObject({
  reference: z.string().min(1),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  customer: customer.nullish(),
});

/** Events that billing acts on; any other event is acknowledged and ignored. */
export const handledEvents = [
  "charge.success",
  "subscription.create",
  "subscription.not_renew",
  "subscription.disable",
  "invoice.create",
  "invoice.update",
  "invoice.payment_failed",
] as const;

const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);
// A Paystack subscription created this long before our checkout was paid belongs to an earlier purchase.
const linkTolerationMs = 10 * 60_000;

/**
 * Every event Paystack documents (paystack.com/docs/payments/webhooks, "Supported events"). The ones billing
 * does not act on are still acknowledged with 200, or Paystack would retry them for 72 hours.
 */
export const documentedEvents = [
  ...handledEvents,
  "charge.dispute.create",
  "charge.dispute.remind",
  "charge.dispute.resolve",
  "customeridentification.failed",
  "customeridentification.success",
  "dedicatedaccount.assign.failed",
  "dedicatedaccount.assign.success",
  "paymentrequest.pending",
  "paymentrequest.success",
  "refund.failed",
  "refund.pending",
  "refund.processed",
  "refund.processing",
  "subscription.expiring_cards",
  "transfer.failed",
  "transfer.reversed",
  "transfer.success",
] as const;

/** Applies one Paystack event (see the module comment for the outcomes). */
export async function applyPaystackEvent(tx: DbTx, event: string, data: unknown): Promise<EventResult> {
  if (event === "subscription.expiring_cards") {
    // An array of { expiry_date, description, brand, subscription, customer }: Paystack emails the customers
    // itself, and the manage link lets them change the card; logged so support can follow up.
    const count = Array.isArray(data) ? data.length : 0;
    console.info(`[billing] Paystack reports ${count} subscription card(s) expiring this month`);
    return { outcome: "ignored", note: `expiring cards: ${count}`, customerCode: null };
  }
  if (event === "charge.success") return applyCharge(tx, data);
  if (event === "subscription.create" || event === "subscription.not_renew" || event === "subscription.disable") {
    return applySubscriptionEvent(tx, event, data);
  }
  if (event === "invoice.create" || event === "invoice.update" || event === "invoice.payment_failed") {
    return applyInvoiceEvent(tx, event, data);
  }
  if (!(documentedEvents as readonly string[]).includes(event)) {
    console.warn(`[billing] Paystack sent an event it does not document: ${event}`);
  }
  return { outcome: "ignored", note: "event not used by billing", customerCode: null };
}

async function applyCharge(tx: DbTx, raw: unknown): Promise<EventResult> {
  const parsed = chargeData.safeParse(raw);
  if (!parsed.success) return { outcome: "ignored", note: "malformed charge", customerCode: null };
  const customerCode = parsed.data.customer?.customer_code ?? null;
  const result = await applyCheckoutPayment(tx, parsed.data.reference, parsed.data as unknown as PaystackTransaction);
  if (!result) return { outcome: "ignored", note: "not a checkout (renewals come as invoice events)", customerCode };
  if (!result.applied) return { outcome: "ignored", note: `checkout already ${result.outcome}`, customerCode };
  return { outcome: "processed", note: `checkout ${result.outcome}`, customerCode, superseded: result.superseded };
}

async function applySubscriptionEvent(
  tx: DbTx,
  event: "subscription.create" | "subscription.not_renew" | "subscription.disable",
  raw: unknown,
): Promise<EventResult> {
  const parsed = subscriptionData.safeParse(raw);
  if (!parsed.success) return { outcome: "ignored", note: "malformed subscription", customerCode: null };
  const data = parsed.data;
  const customerCode = data.customer?.customer_code ?? null;
  const planCode = data.plan?.plan_code ?? null;
  if (!planForPaystackCode(planCode)) return { outcome: "ignored", note: "not a Scriptorium plan", customerCode };

  let subscription = await tx.subscription.findUnique({ where: { paystackSubscriptionCode: data.subscription_code } });
  if (!subscription && customerCode) {
    // Not linked yet: the checkout this customer just paid for this plan, if the subscription is that new.
    const candidate = await tx.subscription.findFirst({
      where: { paystackCustomerCode: customerCode, paystackPlanCode: planCode, paystackSubscriptionCode: null },
      orderBy: { updatedAt: "desc" },
    });
    const createdAt = toDate(data.createdAt ?? data.created_at);
    const paidAt = candidate?.currentPeriodStart;
    if (candidate && createdAt && paidAt && createdAt.getTime() >= paidAt.getTime() - linkTolerationMs) {
      subscription = candidate;
    }
  }
  if (!subscription) return { outcome: "parked", note: "no matching checkout yet", customerCode };

  // Paystack may answer subscription/disable with subscription.not_renew now and subscription.disable at
  // the period's end, or with subscription.disable straight away (even before our cancel has committed;
  // cancel-subscription marks cancelledAt first). A subscription the organization asked to stop was paid
  // until its period's end, so an early disable makes it NON_RENEWING: access ends with the period
  // (expire-lapsed-subscriptions), not now.
  const paidPeriodLeft = subscription.currentPeriodEnd && subscription.currentPeriodEnd.getTime() > Date.now();
  const asked = subscription.status === "NON_RENEWING" || subscription.cancelledAt !== null;
  const early = event === "subscription.disable" && asked && paidPeriodLeft && !isEnded(subscription.status);
  const next: SubscriptionStatus = early
    ? "NON_RENEWING"
    : event === "subscription.not_renew"
      ? "NON_RENEWING"
      : event === "subscription.disable"
        ? fromPaystackStatus(data.status) === "COMPLETED"
          ? "COMPLETED"
          : "CANCELLED"
        : (fromPaystackStatus(data.status) ?? "ACTIVE");

  const update: Prisma.SubscriptionUpdateInput = {};
  if (!subscription.paystackSubscriptionCode) update.paystackSubscriptionCode = data.subscription_code;
  if (!subscription.paystackEmailToken && data.email_token) update.paystackEmailToken = data.email_token;
  if (!subscription.paystackCustomerCode && customerCode) update.paystackCustomerCode = customerCode;
  const moves = canMoveTo(subscription.status, next);
  if (moves) {
    update.status = next;
    if (next === "NON_RENEWING" || isEnded(next)) update.cancelledAt = subscription.cancelledAt ?? new Date();
    if (isEnded(next) && subscription.currentPeriodEnd && subscription.currentPeriodEnd > new Date()) {
      update.currentPeriodEnd = new Date();
    }
  }
  const nextPayment = toDate(data.next_payment_date);
  if (event === "subscription.create" && nextPayment && !isEnded(subscription.status) && !isEnded(next)) {
    update.currentPeriodEnd = nextPayment;
  }
  if (Object.keys(update).length === 0) {
    if (early)
      return { outcome: "processed", note: "disabled before the period's end: plan kept until then", customerCode };
    return { outcome: "ignored", note: `stale: already ${subscription.status}`, customerCode };
  }
  const updated = await tx.subscription.update({ where: { id: subscription.id }, data: update });
  const { from, to } = await syncOrganizationPlan(tx, updated.organizationId, updated);
  if (moves && isEnded(next)) {
    await recordActivity(tx, {
      action: "billing.subscription_ended",
      resource: "subscription",
      resourceId: updated.id,
      organizationId: updated.organizationId,
      metadata: { status: next, plan: { from, to }, subscriptionCode: data.subscription_code },
    });
  }
  return { outcome: "processed", note: moves ? `status ${next}` : "linked", customerCode };
}

/**
 * The period an invoice pays for. Paystack's own invoice samples carry a `period_end` before their
 * `period_start` (PaystackOSS/doc-code-snippets, invoice.create and invoice.payment_failed), so the dates
 * are not trusted to be ordered: the period starts at `period_start` and ends at the first of `period_end`,
 * the subscription's `next_payment_date` or one month later that comes after the start. `latestDate` is
 * the later of the two raw dates, which orders invoices whatever their shape.
 */
function invoicePeriod(data: z.infer<typeof invoiceData>) {
  const start = toDate(data.period_start);
  const end = toDate(data.period_end);
  const latestDate = start && end ? new Date(Math.max(start.getTime(), end.getTime())) : (start ?? end);
  if (!start) return { periodStart: null, periodEnd: end, latestDate };
  const nextPayment = toDate(data.subscription.next_payment_date);
  const periodEnd = end && end > start ? end : nextPayment && nextPayment > start ? nextPayment : addMonth(start);
  return { periodStart: start, periodEnd, latestDate };
}

/** Paid and void invoices never change again; a failed one may still be paid; pending yields to any news. */
function mergeInvoiceStatus(current: InvoiceStatus | null, incoming: InvoiceStatus): InvoiceStatus {
  if (current === "PAID" || current === "VOID") return current;
  if (current === "FAILED" && incoming === "PENDING") return current;
  return incoming;
}

async function applyInvoiceEvent(
  tx: DbTx,
  event: "invoice.create" | "invoice.update" | "invoice.payment_failed",
  raw: unknown,
): Promise<EventResult> {
  const parsed = invoiceData.safeParse(raw);
  if (!parsed.success) return { outcome: "ignored", note: "malformed invoice", customerCode: null };
  const data = parsed.data;
  const customerCode = data.customer?.customer_code ?? null;
  const subscription = await tx.subscription.findUnique({
    where: { paystackSubscriptionCode: data.subscription.subscription_code },
  });
  if (!subscription) return { outcome: "parked", note: "subscription not linked yet", customerCode };

  // invoice.create may already be paid (Paystack charges, then reports): it is read like invoice.update.
  const incoming: InvoiceStatus =
    event === "invoice.payment_failed"
      ? "FAILED"
      : data.paid || data.status === "success"
        ? "PAID"
        : data.status === "failed"
          ? "FAILED"
          : "PENDING";
  const existing = await tx.invoice.findUnique({ where: { paystackInvoiceCode: data.invoice_code } });
  const status = mergeInvoiceStatus(existing?.status ?? null, incoming);
  const { periodStart, periodEnd, latestDate } = invoicePeriod(data);
  const paidAt = status === "PAID" ? (existing?.paidAt ?? toDate(data.paid_at) ?? new Date()) : null;
  const fields = {
    amount: data.amount,
    status,
    periodStart: periodStart ?? existing?.periodStart ?? null,
    periodEnd: periodEnd ?? existing?.periodEnd ?? null,
    paidAt,
    paystackReference: data.transaction?.reference ?? existing?.paystackReference ?? null,
  };
  const invoice = existing
    ? await tx.invoice.update({ where: { id: existing.id }, data: fields })
    : await tx.invoice.create({
        data: {
          organizationId: subscription.organizationId,
          subscriptionId: subscription.id,
          paystackInvoiceCode: data.invoice_code,
          currency: data.transaction?.currency ?? billingCurrency(),
          ...fields,
        },
      });
  if ((await tx.invoiceItem.count({ where: { invoiceId: invoice.id } })) === 0) {
    await tx.invoiceItem.create({
      data: {
        invoiceId: invoice.id,
        description: `${plans[subscription.plan].name} plan, monthly renewal`,
        amount: data.amount,
      },
    });
  }

  // The subscription follows the newest period's payment only: an old invoice's news cannot override it.
  // An invoice is news about the current renewal when its dates reach past the start of the period we
  // know of (the renewal is billed at that period's end); an older period's invoice ends where it starts.
  const latest = !subscription.currentPeriodStart || !latestDate || latestDate > subscription.currentPeriodStart;
  const update: Prisma.SubscriptionUpdateInput = {};
  if (status === "FAILED" && incoming === "FAILED" && latest && canMoveTo(subscription.status, "ATTENTION")) {
    update.status = "ATTENTION";
  }
  if (status === "PAID" && existing?.status !== "PAID" && latest) {
    if (subscription.status === "ATTENTION") update.status = "ACTIVE";
    if (periodStart && periodEnd && !isEnded(subscription.status)) {
      update.currentPeriodStart = periodStart;
      update.currentPeriodEnd = periodEnd;
    }
  }
  if (Object.keys(update).length > 0) {
    const updated = await tx.subscription.update({ where: { id: subscription.id }, data: update });
    await syncOrganizationPlan(tx, updated.organizationId, updated);
    if (update.status === "ATTENTION") {
      await recordActivity(tx, {
        action: "billing.payment_failed",
        resource: "invoice",
        resourceId: invoice.id,
        organizationId: subscription.organizationId,
        metadata: { invoiceCode: data.invoice_code, amount: data.amount },
      });
    }
  }
  return { outcome: "processed", note: `invoice ${status}`, customerCode };
}
