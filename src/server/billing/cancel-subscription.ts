import "server-only";
import type { BillingSubscription } from "@/contracts/billing";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertBillingOn } from "./effective-plan";
import { type PaystackClient, PaystackError, paystackClient, providerError } from "./paystack-client";
import { lockBilling, syncOrganizationPlan } from "./subscription-state";
import { subscriptionView } from "./subscription-view";

/**
 * Finds the Paystack subscription code when subscription.create has not linked it yet (it may be late):
 * asks Paystack for the subscriptions of this customer's numeric id on this plan's numeric id (the list's
 * filters take ids, not codes), and links only one that provably belongs to this organization: same
 * customer code, same plan code, active, and created no earlier than our checkout was paid.
 */
async function linkSubscription(ctx: Ctx, paystack: () => PaystackClient) {
  const subscription = await ctx.db.subscription.findUnique({ where: { organizationId: ctx.actor.organizationId } });
  if (!subscription || subscription.paystackSubscriptionCode || !subscription.paystackCustomerCode) return subscription;
  const { paystackCustomerCode: customerCode, paystackPlanCode: planCode } = subscription;
  if (!planCode) return subscription;
  const client = paystack();
  const customer = await client.fetchCustomer(customerCode);
  const plan = (await client.listPlans()).find((p) => p.plan_code === planCode);
  if (customer.customer_code !== customerCode || typeof plan?.id !== "number") return subscription;
  const found = await client.listSubscriptions({ customer: customer.id, plan: plan.id });
  const paidAt = subscription.currentPeriodStart?.getTime() ?? 0;
  const match = found.find(
    (s) =>
      s.customer?.customer_code === customerCode &&
      s.plan?.plan_code === planCode &&
      s.status === "active" &&
      new Date(s.createdAt ?? s.created_at ?? 0).getTime() >= paidAt - 10 * 60_000,
  );
  if (!match) return subscription;
  return ctx.db.$transaction(async (tx) => {
    await lockBilling(tx);
    const taken = await tx.subscription.findUnique({ where: { paystackSubscriptionCode: match.subscription_code } });
    if (taken) return tx.subscription.findUnique({ where: { organizationId: ctx.actor.organizationId } });
    return tx.subscription.update({
      where: { id: subscription.id },
      data: { paystackSubscriptionCode: match.subscription_code, paystackEmailToken: match.email_token ?? null },
    });
  });
}

/**
 * The email token that subscription/disable needs. subscription.create may come without one (Paystack's
 * own sample has none), so it is fetched from GET /subscription/:code, which always carries it, and kept.
 */
async function emailTokenOf(
  ctx: Ctx,
  subscription: { id: string; paystackSubscriptionCode: string; paystackEmailToken: string | null },
  paystack: () => PaystackClient,
): Promise<string | null> {
  if (subscription.paystackEmailToken) return subscription.paystackEmailToken;
  const fetched = await paystack().fetchSubscription(subscription.paystackSubscriptionCode);
  const token = fetched.subscription_code === subscription.paystackSubscriptionCode ? fetched.email_token : null;
  if (!token) return null;
  await ctx.db.subscription.updateMany({
    where: { id: subscription.id, paystackSubscriptionCode: subscription.paystackSubscriptionCode },
    data: { paystackEmailToken: token },
  });
  return token;
}

/**
 * OWNER cancels the paid plan: Paystack's subscription/disable stops renewals. The subscription becomes
 * NON_RENEWING and the organization keeps its plan until the paid period ends; Paystack's
 * subscription.disable then moves it to CANCELLED and the organization to FREE (downgrade rules in
 * docs/decisions/0005-plan-limits.md).
 */
export async function cancelSubscription(
  ctx: Ctx,
  paystack: () => PaystackClient = paystackClient,
): Promise<BillingSubscription> {
  assertCan(ctx.actor, "billing:manage");
  assertBillingOn();
  let subscription: Awaited<ReturnType<typeof linkSubscription>>;
  try {
    subscription = await linkSubscription(ctx, paystack);
  } catch (error) {
    throw providerError(error, "look up the subscription");
  }
  if (!subscription || (subscription.status !== "ACTIVE" && subscription.status !== "ATTENTION")) {
    throw new AppError("CONFLICT", "There is no active subscription to cancel");
  }
  const code = subscription.paystackSubscriptionCode;
  let token: string | null = null;
  try {
    token = code ? await emailTokenOf(ctx, { ...subscription, paystackSubscriptionCode: code }, paystack) : null;
  } catch (error) {
    throw providerError(error, "look up the subscription");
  }
  if (!code || !token) {
    throw new AppError("CONFLICT", "Paystack is still setting up this subscription; try again in a minute");
  }
  // Marked before the call: Paystack may send subscription.disable straight away, and its handler must
  // know the organization asked for it (and so keeps the paid period). Unmarked if Paystack refuses.
  const marked = await ctx.db.subscription.updateMany({
    where: { id: subscription.id, cancelledAt: null },
    data: { cancelledAt: new Date() },
  });
  try {
    await paystack().disableSubscription(code, token);
  } catch (error) {
    if (marked.count > 0) {
      await ctx.db.subscription.updateMany({
        where: { id: subscription.id, status: { in: ["ACTIVE", "ATTENTION"] } },
        data: { cancelledAt: null },
      });
    }
    if (error instanceof PaystackError && error.kind === "rejected") {
      throw new AppError("CONFLICT", `Paystack refused to cancel: ${error.message}`);
    }
    throw providerError(error, "cancel the subscription");
  }
  return ctx.db.$transaction(async (tx: DbTx) => {
    await lockBilling(tx);
    const current = await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    const stillOurs = current.paystackSubscriptionCode === code;
    // NON_RENEWING already: Paystack's immediate subscription.disable got here first; the request is still logged.
    if (
      !stillOurs ||
      (current.status !== "ACTIVE" && current.status !== "ATTENTION" && current.status !== "NON_RENEWING")
    ) {
      return subscriptionView(current);
    }
    const periodOver = !current.currentPeriodEnd || current.currentPeriodEnd <= new Date();
    const updated =
      current.status === "NON_RENEWING"
        ? current
        : await tx.subscription.update({
            where: { id: current.id },
            data: { status: periodOver ? "CANCELLED" : "NON_RENEWING", cancelledAt: current.cancelledAt ?? new Date() },
          });
    const { from, to } = await syncOrganizationPlan(tx, updated.organizationId, updated);
    await recordActivity(tx, {
      action: "billing.cancel_requested",
      resource: "subscription",
      resourceId: updated.id,
      organizationId: updated.organizationId,
      actorId: ctx.actor.userId,
      metadata: {
        plan: { from, to },
        status: updated.status,
        accessUntil: updated.currentPeriodEnd?.toISOString() ?? null,
      },
      ...ctx.meta,
    });
    return subscriptionView(updated);
  });
}
