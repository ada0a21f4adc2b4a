import "server-only";
import type { ActivityAction } from "@/contracts/activity";
import type { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/context";
import type { DbTx } from "@/server/db/client";

/** One audit-log row; the actions are listed in the activity contract (the UI filters by them). */
export interface ActivityEntry {
  action: ActivityAction;
  resource: string;
  resourceId?: string | null;
  organizationId?: string | null;
  actorId?: string | null;
  metadata?: Prisma.InputJsonValue;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** Appends one audit-log row; call it with the transaction client of the change it describes. */
export async function recordActivity(tx: DbTx, entry: ActivityEntry): Promise<void> {
  await tx.activityLog.create({
    data: {
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId ?? null,
      organizationId: entry.organizationId ?? null,
      actorId: entry.actorId ?? null,
      metadata: entry.metadata,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent?.slice(0, 500) ?? null,
    },
  });
}

/**
 * Logs what the request's actor did in their active organization, with the request's IP and user agent;
 * call it with the transaction client of the change it describes.
 */
export function recordActorActivity(
  tx: DbTx,
  ctx: Ctx,
  entry: Pick<ActivityEntry, "action" | "resource" | "resourceId" | "metadata">,
): Promise<void> {
  return recordActivity(tx, {
    ...entry,
    organizationId: ctx.actor.organizationId,
    actorId: ctx.actor.userId,
    ...ctx.meta,
  });
}
