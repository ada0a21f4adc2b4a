import "server-only";
import type { Plan } from "@/generated/prisma/enums";
import { recordActivity } from "@/server/activity/record-activity";
import type { DbTx } from "@/server/db/client";
import { type PaystackClient, type PaystackTransaction, paystackClient } from "./paystack-client";
import { paystackPlanCode, plans } from "./plans";
import { addMonth, lockBilling, syncOrganizationPlan } from "./subscription-state";

/** A previous Paystack subscription replaced by a new checkout: it must be disabled so it never renews. */
export interface SupersededSubscription {
  code: string;
  /** Null when subscription.create carried none: disableSuperseded fetches it from Paystack. */
  emailToken: string | null;
}

export type CheckoutOutcome = "PAID" | "FAILED" | "PENDING";

export interface CheckoutPaymentResult {
  outcome: CheckoutOutcome;
  /** False when the checkout had already been settled (by the callback or a webhook): nothing changed. */
  applied: boolean;
  organizationId: string;
  plan: Plan;
  superseded: SupersededSubscription | null;
  /** The Paystack customer who paid (events parked for them can now be matched). */
  customerCode?: string | null;
  note?: string;
}

const planCodeOf = (t: PaystackTransaction): string | null => {
  if (typeof t.plan === "string" && t.plan) return t.plan;
  if (t.plan && typeof t.plan === "object" && typeof t.plan.plan_code === "string") return t.plan.plan_code;
  if (t.plan_object && typeof t.plan_object.plan_code === "string") return t.plan_object.plan_code;
  return null;
};

/**
 * Settles a checkout from Paystack's account of its transaction (GET /transaction/verify or a signed
 * charge.success), inside the caller's transaction, exactly once: under the billing lock, the flip to PAID
 * is the dedupe. A successful payment must be for this checkout's plan, currency and at least its price before
 * the organization gets the plan; the subscription is ACTIVE from here and its Paystack code arrives with
 * subscription.create (callers then replay events parked because they arrived before this).
 */
export async function applyCheckoutPayment(
  tx: DbTx,
  reference: string,
  transaction: PaystackTransaction,
): Promise<CheckoutPaymentResult | null> {
  await lockBilling(tx);
  const checkout = await tx.billingCheckout.findUnique({ where: { reference } });
  if (!checkout) return null;
  const base = { organizationId: checkout.organizationId, plan: checkout.plan, superseded: null };
  // PAID and MISMATCH are final. FAILED is not: the customer may retry on the same hosted page and pay.
  if (checkout.status === "PAID" || checkout.status === "MISMATCH") {
    return { ...base, outcome: checkout.status === "PAID" ? "PAID" : "FAILED", applied: false };
  }
  if (transaction.status !== "success") {
    // "abandoned" on verify only means the customer has not paid yet; the page may still be open.
    const final = transaction.status === "failed" || transaction.status === "reversed";
    if (!final) return { ...base, outcome: checkout.status === "FAILED" ? "FAILED" : "PENDING", applied: false };
    if (checkout.status === "FAILED") return { ...base, outcome: "FAILED", applied: false };
    await tx.billingCheckout.update({ where: { reference }, data: { status: "FAILED", verifiedAt: new Date() } });
    return { ...base, outcome: "FAILED", applied: true, note: `payment ${transaction.status}` };
  }

  const expectedPlanCode = paystackPlanCode(checkout.plan);
  const problems = [
    transaction.reference !== reference && "reference",
    transaction.currency !== checkout.currency && "currency",
    transaction.amount < checkout.amount && "amount",
    (!expectedPlanCode || planCodeOf(transaction) !== expectedPlanCode) && "plan",
  ].filter(Boolean);
  if (problems.length > 0) {
    // Paid, but not for what this checkout sells (tampered or misconfigured): never grant the plan.
    await tx.billingCheckout.update({ where: { reference }, data: { status: "MISMATCH", verifiedAt: new Date() } });
    console.error(`[billing] checkout ${reference} paid with mismatched ${problems.join(", ")}; plan not granted`);
    return { ...base, outcome: "FAILED", applied: true, note: `mismatched ${problems.join(", ")}` };
  }

  const paidAt = new Date(transaction.paid_at ?? transaction.paidAt ?? Date.now());
  const customerCode = transaction.customer?.customer_code ?? null;
  await tx.billingCheckout.update({ where: { reference }, data: { status: "PAID", verifiedAt: new Date() } });
  const previous = await tx.subscription.findUnique({ where: { organizationId: checkout.organizationId } });
  const superseded =
    previous?.paystackSubscriptionCode && (previous.status === "ACTIVE" || previous.status === "ATTENTION")
      ? { code: previous.paystackSubscriptionCode, emailToken: previous.paystackEmailToken }
      : null;
  const fields = {
    plan: checkout.plan,
    status: "ACTIVE" as const,
    paystackCustomerCode: customerCode,
    paystackPlanCode: expectedPlanCode,
    paystackSubscriptionCode: null,
    paystackEmailToken: null,
    currentPeriodStart: paidAt,
    currentPeriodEnd: addMonth(paidAt),
    cancelledAt: null,
  };
  const subscription = await tx.subscription.upsert({
    where: { organizationId: checkout.organizationId },
    create: { organizationId: checkout.organizationId, ...fields },
    update: fields,
  });
  const { from } = await syncOrganizationPlan(tx, checkout.organizationId, subscription);
  const invoice = await tx.invoice.create({
    data: {
      organizationId: checkout.organizationId,
      subscriptionId: subscription.id,
      paystackReference: reference,
      amount: transaction.amount,
      currency: transaction.currency,
      status: "PAID",
      periodStart: fields.currentPeriodStart,
      periodEnd: fields.currentPeriodEnd,
      paidAt,
    },
  });
  await tx.invoiceItem.create({
    data: {
      invoiceId: invoice.id,
      description: `${plans[checkout.plan].name} plan, first month`,
      amount: transaction.amount,
    },
  });
  await recordActivity(tx, {
    action: "billing.subscription_activated",
    resource: "subscription",
    resourceId: subscription.id,
    organizationId: checkout.organizationId,
    actorId: checkout.createdById,
    metadata: {
      plan: { from, to: checkout.plan },
      reference,
      amount: transaction.amount,
      currency: transaction.currency,
    },
  });
  return { ...base, outcome: "PAID", applied: true, superseded, customerCode };
}

/**
 * Disables a subscription that a newer checkout replaced, after the change committed. A failure is logged
 * loudly: the old subscription would renew once more, and its later events are ignored as stale.
 */
export async function disableSuperseded(
  superseded: SupersededSubscription | null,
  paystack: () => PaystackClient = paystackClient,
): Promise<void> {
  if (!superseded) return;
  try {
    const client = paystack();
    const token = superseded.emailToken ?? (await client.fetchSubscription(superseded.code)).email_token;
    if (!token) throw new Error("Paystack returned no email_token for it");
    await client.disableSubscription(superseded.code, token);
  } catch (error) {
    console.error(`[billing] could not disable superseded subscription ${superseded.code}:`, error);
  }
}
