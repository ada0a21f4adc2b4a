import { z } from "zod";
import { isoDate } from "./common";

/** GET /api/dev/outbox query: one recipient's emails only. */
export const outboxQuery = z.object({ to: z.string().optional() });

export const outboxEmailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  createdAt: isoDate,
});
export type OutboxEmail = z.infer<typeof outboxEmailSchema>;

/** GET /api/dev/outbox: the latest 100, newest first. */
export const outboxResponse = z.object({ emails: z.array(outboxEmailSchema) });
