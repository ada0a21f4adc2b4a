import type { Subscription } from "@/generated/prisma/client";

/** What clients see of a subscription (no Paystack customer codes or email tokens). */
export function subscriptionView(subscription: Subscription) {
  return {
    plan: subscription.plan,
    status: subscription.status,
    currentPeriodStart: subscription.currentPeriodStart,
    currentPeriodEnd: subscription.currentPeriodEnd,
    cancelledAt: subscription.cancelledAt,
    /** True once Paystack's subscription is linked: cancel and the manage link work. */
    manageable: Boolean(subscription.paystackSubscriptionCode && subscription.paystackEmailToken),
  };
}
