import { type PaystackWebhookAnswer, paystackWebhookAnswerSchema } from "@/contracts/webhooks";
import { assertPaystackSender } from "@/server/billing/assert-paystack-sender";
import { processPaystackWebhook } from "@/server/billing/process-paystack-webhook";
import { db } from "@/server/db/client";
import { jsonRoute } from "@/server/http/json-route";
import { PAYSTACK_WEBHOOK_LIMIT_BYTES, readBodyBytes } from "@/server/http/read-body";

// The signature covers the exact bytes Paystack sent, so the body is read raw (capped), never re-serialized
// (and whatever its Content-Type: no cookie authenticates this route, the signature does).
export const POST = jsonRoute(
  { response: paystackWebhookAnswerSchema, anyContentType: true },
  async (request): Promise<PaystackWebhookAnswer> => {
    assertPaystackSender(request.headers);
    const rawBody = await readBodyBytes(request, PAYSTACK_WEBHOOK_LIMIT_BYTES);
    const result = await processPaystackWebhook(db(), rawBody, request.headers.get("x-paystack-signature"));
    return { received: true, outcome: result.outcome };
  },
);
