import { z } from "zod";
import { isoDate } from "./common";

/** GET /api/notifications query. */
export const listNotificationsQuery = z.object({
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["true", "false"]).optional(),
});

/** POST /api/notifications: mark some ({ ids }) or all ({ all: true }) read. */
export const markNotificationsReadBody = z
  .object({
    ids: z.array(z.string().trim().min(1).max(64)).min(1, "validation.ids.required").max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => v.ids !== undefined || v.all === true, { message: "validation.ids.orAll", path: ["ids"] });
export type MarkNotificationsReadBody = z.input<typeof markNotificationsReadBody>;

export const notificationItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: isoDate.nullable(),
  createdAt: isoDate,
  organizationId: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItemSchema>;

/** GET /api/notifications: newest first, with how many are still unread. */
export const notificationsPage = z.object({
  items: z.array(notificationItemSchema),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type NotificationsPage = z.infer<typeof notificationsPage>;

/** POST /api/notifications */
export const markedNotificationsResponse = z.object({ marked: z.number().int(), unreadCount: z.number().int() });
