import { z } from "zod";
import { membershipActivityActions } from "./membership-activity-actions";
import { isoDate, pageOf } from "./common";

export { membershipActivityActions } from "./membership-activity-actions";

/** Every action the audit log records. */
export const activityActions = [
  ...membershipActivityActions,
  "apikey.created",
  "apikey.updated",
  "apikey.revoked",
  "billing.checkout_started",
  "billing.subscription_activated",
  "billing.cancel_requested",
  "billing.subscription_ended",
  "billing.payment_failed",
  "book.created",
  "book.deleted",
  "job.cancelled",
  "job.retried",
  "job.completed",
  "job.failed",
  "org.engine_updated",
  "org.storage_updated",
  "book.formats_regenerated",
  "book.updated",
  "chapter.updated",
  "chapters.reordered",
  "book.revision_restored",
  "book.revision_named",
  "chapter.restored",
  "book.checked",
  "correction.applied",
  "correction.dismissed",
  "corrections.bulk_resolved",
  "dictionary.word_added",
  "billing.plan_granted",
  "billing.plan_grant_updated",
  "billing.plan_grant_ended",
  "job.continued",
  "comment.created",
  "comment.replied",
  "comment.resolved",
  "comment.reopened",
  "comment.deleted",
  "suggestion.created",
  "suggestion.accepted",
  "suggestion.rejected",
  "collaborator.invited",
  "collaborator.accepted",
  "collaborator.declined",
  "collaborator.role_changed",
  "collaborator.revoked",
] as const;
export type ActivityAction = (typeof activityActions)[number];

/** GET /api/organization/activity query: filters and the page cursor. */
export const listActivityQuery = z.object({
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, "validation.unknown.action")
    .optional(),
  actorId: z.string().trim().max(64).optional(),
  resource: z.string().trim().max(64).optional(),
  cursor: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const activityItemSchema = z.object({
  id: z.string(),
  // Text, not the enum: rows written under action names since retired stay readable.
  action: z.string(),
  resource: z.string().nullable(),
  resourceId: z.string().nullable(),
  metadata: z.unknown(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: isoDate,
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;

/** GET /api/organization/activity: newest first. */
export const activityPage = pageOf(activityItemSchema);
export type ActivityPage = z.infer<typeof activityPage>;
