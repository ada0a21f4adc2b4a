import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";

/** Activity actions written to the audit log. */
export type ActivityAction =
  | "user.signup"
  | "user.login"
  | "user.logout"
  | "user.email_verified"
  | "user.password_reset"
  | "org.created"
  | "org.updated"
  | "org.deleted"
  | "apikey.created"
  | "apikey.updated"
  | "apikey.revoked"
  | "member.invited"
  | "invitation.canceled"
  | "invitation.declined"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  | "billing.checkout_started"
  | "billing.subscription_activated"
  | "billing.cancel_requested"
  | "billing.subscription_ended"
  | "billing.payment_failed"
  | "book.created"
  | "book.deleted"
  | "job.cancelled"
  | "job.retried"
  | "job.completed"
  | "job.failed"
  | "org.engine_updated"
  | "org.storage_updated"
  | "book.formats_regenerated"
  | "book.updated"
  | "chapter.updated"
  | "chapters.reordered"
  | "book.revision_restored";

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
