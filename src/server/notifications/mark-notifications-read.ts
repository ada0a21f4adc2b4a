import "server-only";
import type { z } from "zod";
import { markNotificationsReadBody, type markedNotificationsResponse } from "@/contracts/notifications";
import type { UserCtx } from "@/server/context";
import { visibleNotifications } from "./visible-notifications";

/** Marks some (by id) or all of the user's notifications read; ids of anyone else's are ignored. */
export async function markNotificationsRead(
  ctx: UserCtx,
  input: z.input<typeof markNotificationsReadBody>,
): Promise<z.output<typeof markedNotificationsResponse>> {
  const data = markNotificationsReadBody.parse(input);
  const where = visibleNotifications(ctx.user.id);
  const { count } = await ctx.db.notification.updateMany({
    where: { ...where, readAt: null, ...(data.all ? {} : { id: { in: data.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  const unreadCount = await ctx.db.notification.count({ where: { ...where, readAt: null } });
  return { marked: count, unreadCount };
}
