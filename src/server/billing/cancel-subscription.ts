import "server-only";
import type { BillingSubscription } from "@/contracts/billing";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type PaystackClient, PaystackError, paystackClient, providerError } from "./paystack-client";
import { lockBilling, syncOrganizationPlan } from "./subscription-state";
import { subscriptionView } from "./subscription-view";

/**
 * Finds the Paystack subscription code and email token when subscription.create has not linked them yet
 * (it may be late): asks Paystack for this customer's active subscription on the plan.
 */
async function linkSubscription(ctx: Ctx, paystack: () => PaystackClient) {
  const subscription = await ctx.db.subscription.findUnique({ where: { organizationId: ctx.actor.organizationId } });
  if (!subscription || subscription.paystackSubscriptionCode || !subscription.paystackCustomerCode) return subscription;
  const found = await paystack().listSubscriptions({
    customer: subscription.paystackCustomerCode,
    plan: subscription.paystackPlanCode ?? undefined,
  });
  const paidAt = subscription.currentPeriodStart?.getTime() ?? 0;
  const match = found.find(
    (s) => s.status === "active" && new Date(s.createdAt ?? s.created_at ?? 0).getTime() >= paidAt - 10 * 60_000,
  );
  if (!match) return subscription;
  return ctx.db.$transaction(async (tx) => {
    await lockBilling(tx);
    const taken = await tx.subscription.findUnique({ where: { paystackSubscriptionCode: match.subscription_code } });
    if (taken) return tx.subscription.findUnique({ where: { organizationId: ctx.actor.organizationId } });
    return tx.subscription.update({
      where: { id: subscription.id },
      data: { paystackSubscriptionCode: match.subscription_code, paystackEmailToken: match.email_token },
    });
  });
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
  let subscription: Awaited<ReturnType<typeof linkSubscription>>;
  try {
    subscription = await linkSubscription(ctx, paystack);
  } catch (error) {
    throw providerError(error, "look up the subscription");
  }
  if (!subscription || (subscription.status !== "ACTIVE" && subscription.status !== "ATTENTION")) {
    throw new AppError("CONFLICT", "There is no active subscription to cancel");
  }
  const { paystackSubscriptionCode: code, paystackEmailToken: token } = subscription;
  if (!code || !token) {
    throw new AppError("CONFLICT", "Paystack is still setting up this subscription; try again in a minute");
  }
  try {
    await paystack().disableSubscription(code, token);
  } catch (error) {
    if (error instanceof PaystackError && error.kind === "rejected") {
      throw new AppError("CONFLICT", `Paystack refused to cancel: ${error.message}`);
    }
    throw providerError(error, "cancel the subscription");
  }
  return ctx.db.$transaction(async (tx: DbTx) => {
    await lockBilling(tx);
    const current = await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    if (current.paystackSubscriptionCode !== code || (current.status !== "ACTIVE" && current.status !== "ATTENTION")) {
      return subscriptionView(current);
    }
    const periodOver = !current.currentPeriodEnd || current.currentPeriodEnd <= new Date();
    const updated = await tx.subscription.update({
      where: { id: current.id },
      data: { status: periodOver ? "CANCELLED" : "NON_RENEWING", cancelledAt: new Date() },
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
