import "server-only";
import type { Db } from "@/server/db/client";
import { type PaystackClient, paystackClient } from "./paystack-client";

/**
 * After a Paystack subscription is linked to ours, makes sure we hold its email token (subscription/disable
 * needs it). subscription.create may carry none (Paystack's own sample has none), so the token is fetched
 * from GET /subscription/:code, which always has it. Runs after the webhook's or callback's transaction
 * committed; a failure is only logged, since cancel and plan changes fetch a missing token again.
 */
export async function fillMissingEmailTokens(
  db: Db,
  customerCode: string | null | undefined,
  paystack: () => PaystackClient = paystackClient,
): Promise<void> {
  if (!customerCode) return;
  const missing = await db.subscription.findMany({
    where: { paystackCustomerCode: customerCode, paystackSubscriptionCode: { not: null }, paystackEmailToken: null },
    select: { id: true, paystackSubscriptionCode: true },
  });
  for (const subscription of missing) {
    const code = subscription.paystackSubscriptionCode;
    if (!code) continue;
    try {
      const fetched = await paystack().fetchSubscription(code);
      if (fetched.subscription_code !== code || !fetched.email_token) continue;
      // Only while the row still holds this code (a newer checkout may have replaced it meanwhile).
      await db.subscription.updateMany({
        where: { id: subscription.id, paystackSubscriptionCode: code, paystackEmailToken: null },
        data: { paystackEmailToken: fetched.email_token },
      });
    } catch (error) {
      console.error(`[billing] could not fetch the email token of subscription ${code}:`, error);
    }
  }
}
