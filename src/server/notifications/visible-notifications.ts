import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * A user's notifications that they may still see: personal ones, and those of organizations they are a
 * member of now (someone removed from an organization stops seeing its books' news).
 */
export function visibleNotifications(userId: string): Prisma.NotificationWhereInput {
  return {
    userId,
    OR: [{ organizationId: null }, { organization: { members: { some: { userId } } } }],
  };
}
