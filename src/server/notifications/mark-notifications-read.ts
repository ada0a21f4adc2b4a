import { z } from "zod";
import type { UserCtx } from "@/server/context";
import { visibleNotifications } from "./visible-notifications";

export const markNotificationsReadInput = z
  .object({
    ids: z.array(z.string().trim().min(1).max(64)).min(1, "Give at least one id").max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => v.ids !== undefined || v.all === true, { message: "Give ids or all: true", path: ["ids"] });

/** Marks some (by id) or all of the user's notifications read; ids of anyone else's are ignored. */
export async function markNotificationsRead(ctx: UserCtx, input: z.input<typeof markNotificationsReadInput>) {
  const data = markNotificationsReadInput.parse(input);
  const where = visibleNotifications(ctx.user.id);
  const { count } = await ctx.db.notification.updateMany({
    where: { ...where, readAt: null, ...(data.all ? {} : { id: { in: data.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  const unreadCount = await ctx.db.notification.count({ where: { ...where, readAt: null } });
  return { marked: count, unreadCount };
}
