import { z } from "zod";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";

/** Gate of the platform console: only SUPER_ADMIN users pass. */
export function assertSuperAdmin(ctx: UserCtx): void {
  if (ctx.user.role !== "SUPER_ADMIN") throw new AppError("FORBIDDEN", "This console is for platform administrators");
}

export const pageInput = (raw: { cursor?: string | null; limit?: string | number | null }) => ({
  cursor: raw.cursor || undefined,
  limit: Math.min(200, Math.max(1, Number(raw.limit) || 50)),
});

/** The raw page parameters of the console's lists (read leniently by pageInput). */
export const adminPageQuery = z.object({ cursor: z.string().optional(), limit: z.string().optional() });
