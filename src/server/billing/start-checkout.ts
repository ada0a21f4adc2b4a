import "server-only";
import { randomUUID } from "node:crypto";
import { type CheckoutStarted, type StartCheckoutInput, startCheckoutInput } from "@/contracts/billing";
import { recordActivity } from "@/server/activity/record-activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { assertBillingOn } from "./effective-plan";
import { type PaystackClient, paystackClient, providerError } from "./paystack-client";
import { billingCurrency, paystackPlanCode, plans } from "./plans";

/** The page Paystack's checkout returns to (and where the browser lands after the callback). */
export const billingPagePath = "/app/settings/billing";

/**
 * OWNER picks a paid plan: records a BillingCheckout, initializes a Paystack transaction for the plan
 * (Paystack then creates the subscription on payment) and returns where to send the browser. The plan
 * changes only when Paystack confirms the payment (callback verify or charge.success webhook).
 */
export async function startCheckout(
  ctx: Ctx,
  input: StartCheckoutInput,
  paystack: () => PaystackClient = paystackClient,
): Promise<CheckoutStarted> {
  assertCan(ctx.actor, "billing:manage");
  assertBillingOn();
  const { plan } = startCheckoutInput.parse(input);
  const planCode = paystackPlanCode(plan);
  if (!planCode) {
    throw new AppError("BILLING_NOT_CONFIGURED", `The ${plans[plan].name} plan cannot be bought on this server yet`, {
      field: "plan",
    });
  }
  const organizationId = ctx.actor.organizationId;
  const subscription = await ctx.db.subscription.findUnique({ where: { organizationId } });
  if (subscription?.plan === plan && (subscription.status === "ACTIVE" || subscription.status === "ATTENTION")) {
    throw new AppError("CONFLICT", `This organization is already subscribed to ${plans[plan].name}`, { field: "plan" });
  }
  const user = ctx.actor.userId
    ? await ctx.db.user.findUnique({ where: { id: ctx.actor.userId }, select: { email: true } })
    : null;
  if (!user) throw new AppError("FORBIDDEN", "Only a signed-in owner can start a checkout");

  const reference = `scr-${randomUUID()}`;
  const appUrl = env().APP_URL.replace(/\/+$/, "");
  const checkout = await ctx.db.billingCheckout.create({
    data: {
      organizationId,
      reference,
      plan,
      amount: plans[plan].monthlyPrice,
      currency: billingCurrency(),
      createdById: ctx.actor.userId,
    },
  });
  let authorizationUrl: string;
  try {
    ({ authorizationUrl } = await paystack().initializeTransaction({
      email: user.email,
      amount: checkout.amount,
      currency: checkout.currency,
      reference,
      plan: planCode,
      // Paystack renews a subscription by charging the card of the first payment: other channels
      // (bank transfer, USSD, QR) would pay once and leave a subscription that cannot renew.
      channels: ["card"],
      callbackUrl: `${appUrl}/api/billing/callback`,
      metadata: {
        organizationId,
        plan,
        checkoutReference: reference,
        cancel_action: `${appUrl}${billingPagePath}?checkout=cancelled`,
      },
    }));
  } catch (error) {
    await ctx.db.billingCheckout.update({ where: { id: checkout.id }, data: { status: "FAILED" } });
    throw providerError(error, "start the checkout");
  }
  await ctx.db.$transaction(async (tx) => {
    await tx.billingCheckout.update({ where: { id: checkout.id }, data: { authorizationUrl } });
    await recordActivity(tx, {
      action: "billing.checkout_started",
      resource: "billing_checkout",
      resourceId: checkout.id,
      organizationId,
      actorId: ctx.actor.userId,
      metadata: { plan, reference, amount: checkout.amount, currency: checkout.currency },
      ...ctx.meta,
    });
  });
  return { authorizationUrl, reference, plan, amount: checkout.amount, currency: checkout.currency };
}
