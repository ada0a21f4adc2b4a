import { z } from "zod";

// What the app answers the services that call it back (Paystack, a CrewAI crew). They read only the
// status; the body says what became of the delivery, for their logs and ours.

/** POST /api/webhooks/paystack */
export const paystackWebhookAnswerSchema = z.object({
  received: z.literal(true),
  outcome: z.enum(["processed", "ignored", "parked", "duplicate"]),
});
export type PaystackWebhookAnswer = z.infer<typeof paystackWebhookAnswerSchema>;

/** POST /api/webhooks/crewai/:jobId */
export const crewAiWebhookAnswerSchema = z.object({
  ok: z.literal(true),
  status: z.enum(["processed", "duplicate"]),
  kind: z.enum(["task", "step", "crew"]),
});
export type CrewAiWebhookAnswer = z.infer<typeof crewAiWebhookAnswerSchema>;
