import { z } from "zod";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";

export const listActivityInput = z.object({
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, "Unknown action")
    .optional(),
  actorId: z.string().trim().max(64).optional(),
  resource: z.string().trim().max(64).optional(),
  cursor: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The active organization's audit log, newest first, filtered and cursor-paginated (OWNER/ADMIN). */
export async function listActivity(ctx: Ctx, input: z.input<typeof listActivityInput>) {
  assertCan(ctx.actor, "activity:read");
  const { action, actorId, resource, cursor, limit } = listActivityInput.parse(input);
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
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
