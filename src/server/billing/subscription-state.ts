import "server-only";
import { randomUUID } from "node:crypto";
import type { Plan, SubscriptionStatus } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";

/**
 * Rules that keep Subscription and Organization.plan true whatever order Paystack's events arrive in.
 * A status only moves forward (PENDING → ACTIVE ⇄ ATTENTION → NON_RENEWING → CANCELLED/COMPLETED), so a
 * late `subscription.create` can never resurrect a subscription that a `subscription.disable` ended.
 */

const rank: Record<SubscriptionStatus, number> = {
  PENDING: 0,
  ACTIVE: 1,
  ATTENTION: 1,
  NON_RENEWING: 2,
  CANCELLED: 3,
  COMPLETED: 3,
};

/** True when a subscription may go from `current` to `next` (forward only; ACTIVE ⇄ ATTENTION on payments). */
export function canMoveTo(current: SubscriptionStatus, next: SubscriptionStatus): boolean {
  if (current === next || isEnded(current)) return false;
  return rank[next] >= rank[current];
}

/** True for statuses after which the subscription never charges again. */
export const isEnded = (status: SubscriptionStatus) => status === "CANCELLED" || status === "COMPLETED";

/**
 * How long a renewing subscription keeps its plan after the paid period's end while the renewal's
 * webhooks are awaited (Paystack charges on the due date and retries a failed charge over the next days).
 * Past it, a missing webhook no longer means a paid plan forever.
 */
export const RENEWAL_GRACE_MS = 3 * 24 * 60 * 60 * 1000;

/** What access is decided from. */
export interface AccessFacts {
  status: SubscriptionStatus;
  currentPeriodEnd?: Date | null;
}

/**
 * True while the customer has paid access: an active (or payment-retrying) subscription until its period
 * ends plus RENEWAL_GRACE_MS, a non-renewing one until its period ends. Without a known period end the
 * status alone decides.
 */
export function grantsPlan(subscription: AccessFacts, now: Date = new Date()): boolean {
  const { status, currentPeriodEnd } = subscription;
  if (status !== "ACTIVE" && status !== "ATTENTION" && status !== "NON_RENEWING") return false;
  if (!currentPeriodEnd) return true;
  const grace = status === "NON_RENEWING" ? 0 : RENEWAL_GRACE_MS;
  return now.getTime() < currentPeriodEnd.getTime() + grace;
}

/** Paystack's subscription status → ours (null for anything unknown). */
export function fromPaystackStatus(status: unknown): SubscriptionStatus | null {
  switch (status) {
    case "active":
      return "ACTIVE";
    case "non-renewing":
      return "NON_RENEWING";
    case "attention":
      return "ATTENTION";
    case "complete":
    case "completed":
      return "COMPLETED";
    case "cancelled":
      return "CANCELLED";
    default:
      return null;
  }
}

/** The plan an organization has given its subscription: the subscribed plan while paid access lasts, else FREE. */
export function effectivePlan(subscription: ({ plan: Plan } & AccessFacts) | null, now: Date = new Date()): Plan {
  return subscription && grantsPlan(subscription, now) ? subscription.plan : "FREE";
}

const lockProvider = "scriptorium";
const lockKey = "billing-lock";

/**
 * Serializes every billing state change (checkout confirmation, webhook, cancellation) on one lock row
 * for the rest of the transaction. Webhooks arrive at a few per minute, so one queue costs nothing and
 * removes every interleaving between "find the subscription" and "change it". A row lock, not an
 * advisory lock: advisory locks do not exclude anything on the embedded PGlite database.
 */
export async function lockBilling(tx: DbTx): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "WebhookEvent" ("id", "provider", "eventKey", "processedAt")
    VALUES (${randomUUID()}, ${lockProvider}, ${lockKey}, now())
    ON CONFLICT ("provider", "eventKey") DO NOTHING`;
  await tx.$queryRaw`
    SELECT "id" FROM "WebhookEvent" WHERE "provider" = ${lockProvider} AND "eventKey" = ${lockKey} FOR UPDATE`;
}

/** Sets Organization.plan from the subscription; returns the previous and new plans. */
export async function syncOrganizationPlan(
  tx: DbTx,
  organizationId: string,
  subscription: ({ plan: Plan } & AccessFacts) | null,
): Promise<{ from: Plan; to: Plan }> {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { plan: true },
  });
  const to = effectivePlan(subscription);
  if (organization.plan !== to) await tx.organization.update({ where: { id: organizationId }, data: { plan: to } });
  return { from: organization.plan, to };
}

/** One month after `date` (same day of month, UTC; Paystack's monthly interval). */
export function addMonth(date: Date): Date {
  return new Date(
    Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  );
}
