import "server-only";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { AppError } from "@/server/errors";
import { assertBillingOn } from "./effective-plan";
import { type PaystackClient, paystackClient, providerError } from "./paystack-client";

/** OWNER gets Paystack's hosted page to update the card or cancel (GET /subscription/:code/manage/link). */
export async function getManageLink(
  ctx: Ctx,
  paystack: () => PaystackClient = paystackClient,
): Promise<{ link: string }> {
  assertCan(ctx.actor, "billing:manage");
  assertBillingOn();
  const subscription = await ctx.db.subscription.findUnique({ where: { organizationId: ctx.actor.organizationId } });
  if (!subscription?.paystackSubscriptionCode) {
    throw new AppError("CONFLICT", "There is no Paystack subscription to manage yet");
  }
  try {
    return { link: await paystack().manageLink(subscription.paystackSubscriptionCode) };
  } catch (error) {
    throw providerError(error, "create the manage link");
  }
}
