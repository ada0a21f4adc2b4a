import "server-only";
import type { BillingSubscription } from "@/contracts/billing";
import type { Subscription } from "@/generated/prisma/client";

/** What clients see of a subscription (no Paystack customer codes or email tokens). */
export function subscriptionView(subscription: Subscription): BillingSubscription {
  return {
    plan: subscription.plan,
    status: subscription.status,
    currentPeriodStart: subscription.currentPeriodStart?.toISOString() ?? null,
    currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
    cancelledAt: subscription.cancelledAt?.toISOString() ?? null,
    /** True once Paystack's subscription is linked: cancel (which fetches a missing email token) and the manage link work. */
    manageable: Boolean(subscription.paystackSubscriptionCode),
  };
}
