import "server-only";
import type { Db } from "@/server/db/client";
import { type CheckoutPaymentResult, applyCheckoutPayment, disableSuperseded } from "./apply-checkout-payment";
import { type PaystackClient, type PaystackTransaction, paystackClient, providerError } from "./paystack-client";
import { fillMissingEmailTokens } from "./fill-missing-email-tokens";
import { replayParkedEvents } from "./replay-parked-events";

/**
 * The callback after Paystack's hosted checkout: verifies the transaction with Paystack (never trusting
 * the browser) and settles the checkout. Safe to call any number of times, by anyone holding the reference.
 */
export async function confirmCheckout(
  db: Db,
  reference: string,
  paystack: () => PaystackClient = paystackClient,
): Promise<CheckoutPaymentResult | null> {
  const checkout = await db.billingCheckout.findUnique({ where: { reference } });
  if (!checkout) return null;
  if (checkout.status === "PAID" || checkout.status === "MISMATCH") {
    const outcome = checkout.status === "PAID" ? "PAID" : "FAILED";
    return { outcome, applied: false, organizationId: checkout.organizationId, plan: checkout.plan, superseded: null };
  }
  let transaction: PaystackTransaction;
  try {
    transaction = await paystack().verifyTransaction(reference);
  } catch (error) {
    throw providerError(error, "verify the payment");
  }
  const result = await db.$transaction(async (tx) => {
    const settled = await applyCheckoutPayment(tx, reference, transaction);
    if (settled?.applied && settled.customerCode) await replayParkedEvents(tx, settled.customerCode);
    return settled;
  });
  if (result?.applied) {
    await disableSuperseded(result.superseded, paystack);
    await fillMissingEmailTokens(db, result.customerCode, paystack);
  }
  return result;
}
