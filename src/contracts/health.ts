import { z } from "zod";

/** GET /api/health: 200 while the database answers, 503 with DATABASE_UNAVAILABLE otherwise. */
export const healthResponse = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.literal("DATABASE_UNAVAILABLE") }) }),
]);
