import { z } from "zod";
import { confirmCheckout } from "@/server/billing/confirm-checkout";
import { billingPagePath } from "@/server/billing/start-checkout";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { handleRoute, parseQuery } from "@/server/http/handle-route";

const callbackQuery = z
  .object({ reference: z.string().min(1).max(200).optional(), trxref: z.string().min(1).max(200).optional() })
  .refine((q) => q.reference || q.trxref, { message: "reference is required", path: ["reference"] });

// Paystack sends the browser here after the hosted checkout (?trxref=…&reference=…). The payment is
// verified with Paystack, never taken from the URL; a provider outage leaves it pending for the webhook.
export const GET = handleRoute(
  async (request) => {
    const query = parseQuery(request, callbackQuery);
    const reference = (query.reference ?? query.trxref)!;
    let outcome: string;
    try {
      const result = await confirmCheckout(db(), reference);
      outcome = result ? result.outcome.toLowerCase() : "unknown";
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "PAYMENT_PROVIDER_ERROR") throw error;
      console.error(`[billing] callback could not verify ${reference}:`, error.message);
      outcome = "pending";
    }
    const target = new URL(`${billingPagePath}?checkout=${outcome}`, env().APP_URL);
    return Response.redirect(target, 303);
  },
  { contract: { kind: "redirect" } },
);
