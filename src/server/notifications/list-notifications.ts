import "server-only";
import type { z } from "zod";
import { listNotificationsQuery, type NotificationsPage } from "@/contracts/notifications";
import type { UserCtx } from "@/server/context";
import { visibleNotifications } from "./visible-notifications";

/** The signed-in user's notifications, newest first, with the number still unread. */
export async function listNotifications(
  ctx: UserCtx,
  input: z.input<typeof listNotificationsQuery> = {},
): Promise<NotificationsPage> {
  const { cursor, limit, unread } = listNotificationsQuery.parse(input);
  const where = visibleNotifications(ctx.user.id);
  const [rows, unreadCount] = await Promise.all([
    ctx.db.notification.findMany({
      where: { ...where, ...(unread === "true" ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        type: true,
        title: true,
        body: true,
        link: true,
        readAt: true,
        createdAt: true,
        organizationId: true,
      },
    }),
    ctx.db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  const items = rows
    .slice(0, limit)
    .map((row) => ({ ...row, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }));
  return { items, unreadCount, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
