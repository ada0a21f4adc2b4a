import "server-only";
import { expireLapsedSubscriptions } from "./expire-lapsed-subscriptions";
import { type BillingOverview, type BillingPlan, metricUnits } from "@/contracts/billing";
import type { UsageMetricType } from "@/generated/prisma/enums";
import { assertCan, can } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { effectivePlanOf } from "./effective-plan";
import { billingCurrency, type PlanDefinition, paystackPlanCode, planOrder, plans, storageUsedBytes } from "./plans";
import { subscriptionView } from "./subscription-view";
import { usagePeriod } from "./usage-period";

/** A plan as clients see it, priced in the server's billing currency. */
function planView(plan: PlanDefinition, currency: string): BillingPlan {
  return { ...plan, limits: { ...plan.limits }, features: [...plan.features], currency };
}

/**
 * GET /api/billing (OWNER/ADMIN): the effective plan (paid or granted, the higher; no limit with
 * BILLING=off) and its limits, the active grant, every plan on offer, the subscription, this
 * month's usage of each metric against its limit, and the latest invoices.
 */
export async function getBillingOverview(ctx: Ctx): Promise<BillingOverview> {
  assertCan(ctx.actor, "billing:read");
  const organizationId = ctx.actor.organizationId;
  const { periodStart, periodEnd } = usagePeriod();
  // A period that ended without Paystack's news shows (and applies) as FREE here, not only after the sweep.
  await expireLapsedSubscriptions(ctx.db, { organizationId });
  const [organization, subscription, metrics, storageUsed, invoices] = await Promise.all([
    effectivePlanOf(ctx.db, organizationId),
    ctx.db.subscription.findUnique({ where: { organizationId } }),
    ctx.db.usageMetric.findMany({ where: { organizationId, periodStart } }),
    storageUsedBytes(ctx.db, organizationId),
    ctx.db.invoice.findMany({
      where: { organizationId },
      orderBy: { createdAt: "desc" },
      take: 24,
      include: { items: { select: { description: true, amount: true, quantity: true } } },
    }),
  ]);
  const current = plans[organization.plan];
  const usedThisMonth = (metric: UsageMetricType) => Number(metrics.find((m) => m.metric === metric)?.value ?? 0);
  const currency = billingCurrency();
  return {
    plan: planView(current, currency),
    plans: planOrder.map((id) => ({
      ...planView(plans[id], currency),
      currency,
      purchasable: !organization.billingOff && id !== "FREE" && Boolean(paystackPlanCode(id)),
      current: id === organization.plan,
    })),
    subscription: subscription ? subscriptionView(subscription) : null,
    usage: {
      periodStart: periodStart.toISOString(),
      periodEnd: periodEnd.toISOString(),
      metrics: [
        {
          metric: "BOOKS_CREATED",
          unit: metricUnits.BOOKS_CREATED,
          used: usedThisMonth("BOOKS_CREATED"),
          limit: current.limits.booksPerMonth,
        },
        // Storage is what the organization keeps now (the limit is checked against the same number).
        {
          metric: "STORAGE_USED",
          unit: metricUnits.STORAGE_USED,
          used: storageUsed,
          limit: current.limits.storageBytes,
        },
        {
          metric: "API_CALLS",
          unit: metricUnits.API_CALLS,
          used: usedThisMonth("API_CALLS"),
          limit: current.features.includes("apiAccess") ? null : 0,
        },
      ],
    },
    invoices: invoices.map((invoice) => ({
      id: invoice.id,
      status: invoice.status,
      amount: invoice.amount,
      currency: invoice.currency,
      reference: invoice.paystackReference,
      periodStart: invoice.periodStart?.toISOString() ?? null,
      periodEnd: invoice.periodEnd?.toISOString() ?? null,
      paidAt: invoice.paidAt?.toISOString() ?? null,
      createdAt: invoice.createdAt.toISOString(),
      items: invoice.items,
    })),
    // Nothing to buy or manage while billing is off.
    canManage: !organization.billingOff && can(ctx.actor, "billing:manage"),
    billing: organization.billingOff ? "off" : "on",
    paidPlan: organization.paidPlan,
    grant: organization.grant
      ? {
          plan: organization.grant.plan,
          startsAt: organization.grant.startsAt.toISOString(),
          endsAt: organization.grant.endsAt?.toISOString() ?? null,
        }
      : null,
  };
}
