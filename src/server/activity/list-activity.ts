import "server-only";
import type { z } from "zod";
import { type ActivityPage, listActivityQuery } from "@/contracts/activity";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";

/** The active organization's audit log, newest first, filtered and cursor-paginated (OWNER/ADMIN). */
export async function listActivity(ctx: Ctx, input: z.input<typeof listActivityQuery>): Promise<ActivityPage> {
  assertCan(ctx.actor, "activity:read");
  const { action, actorId, resource, cursor, limit } = listActivityQuery.parse(input);
  const rows = await ctx.db.activityLog.findMany({
    where: {
      organizationId: ctx.actor.organizationId,
      ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
      ...(actorId ? { actorId } : {}),
      ...(resource ? { resource } : {}),
    },
    select: {
      id: true,
      action: true,
      resource: true,
      resourceId: true,
      metadata: true,
      ipAddress: true,
      userAgent: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, limit).map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
