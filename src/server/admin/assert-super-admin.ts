import "server-only";
import type { UserCtx } from "@/server/context";
import { AppError } from "@/server/errors";

/** Gate of the platform console: only SUPER_ADMIN users pass. */
export function assertSuperAdmin(ctx: UserCtx): void {
  if (ctx.user.role !== "SUPER_ADMIN") throw new AppError("FORBIDDEN", "This console is for platform administrators");
}

/** The console's page parameters read leniently: a missing or bad limit is 50, capped at 200. */
export const pageInput = (raw: { cursor?: string | null; limit?: string | number | null }) => ({
  cursor: raw.cursor || undefined,
  limit: Math.min(200, Math.max(1, Number(raw.limit) || 50)),
});
