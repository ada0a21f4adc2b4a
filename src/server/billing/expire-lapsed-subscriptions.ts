import "server-only";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { lockBilling, RENEWAL_GRACE_MS, syncOrganizationPlan } from "./subscription-state";

/**
 * Takes the paid plan away from organizations whose subscription's period is over without news from
 * Paystack: a non-renewing subscription at its period's end, an active one RENEWAL_GRACE_MS later (a
 * renewal's invoice.update or a disable webhook that never arrived must not mean a paid plan forever).
 * A non-renewing subscription becomes CANCELLED; an active one keeps its status (a late renewal webhook
 * still restores the plan) and only Organization.plan follows `effectivePlan`. Returns how many organizations lost their plan.
 * Runs on a schedule (worker maintenance) and before the billing page is read.
 */
export async function expireLapsedSubscriptions(
  db: Db,
  options: { organizationId?: string; now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const lapsed = {
    organization: { plan: { not: "FREE" as const } },
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    OR: [
      { status: "NON_RENEWING" as const, currentPeriodEnd: { lte: now } },
      {
        status: { in: ["ACTIVE" as const, "ATTENTION" as const] },
        currentPeriodEnd: { lte: new Date(now.getTime() - RENEWAL_GRACE_MS) },
      },
    ],
  };
  if ((await db.subscription.count({ where: lapsed })) === 0) return 0;
  return db.$transaction(async (tx) => {
    await lockBilling(tx);
    let expired = 0;
    for (const found of await tx.subscription.findMany({ where: lapsed })) {
      // A non-renewing subscription has simply ended; a renewing one keeps its status for a late renewal.
      const subscription =
        found.status === "NON_RENEWING"
          ? await tx.subscription.update({ where: { id: found.id }, data: { status: "CANCELLED" } })
          : found;
      const { from, to } = await syncOrganizationPlan(tx, subscription.organizationId, subscription);
      if (from === to) continue;
      expired++;
      await recordActivity(tx, {
        action: "billing.subscription_ended",
        resource: "subscription",
        resourceId: subscription.id,
        organizationId: subscription.organizationId,
        metadata: {
          status: subscription.status,
          plan: { from, to },
          reason: "period_lapsed",
          currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
        },
      });
    }
    return expired;
  });
}
