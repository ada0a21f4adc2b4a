import type { UsageMetricType } from "@/generated/prisma/enums";
import { assertCan, can } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { billingCurrency, paystackPlanCode, planOrder, plans, storageUsedBytes } from "./plans";
import { subscriptionView } from "./subscription-view";
import { usagePeriod } from "./usage-period";

const units: Record<UsageMetricType, "books" | "bytes" | "calls"> = {
  BOOKS_CREATED: "books",
  STORAGE_USED: "bytes",
  API_CALLS: "calls",
};

/**
 * GET /api/billing (OWNER/ADMIN): the plan and its limits, every plan on offer, the subscription, this
 * month's usage of each metric against its limit, and the latest invoices.
 */
export async function getBillingOverview(ctx: Ctx) {
  assertCan(ctx.actor, "billing:read");
  const organizationId = ctx.actor.organizationId;
  const { periodStart, periodEnd } = usagePeriod();
  const [organization, subscription, metrics, storageUsed, invoices] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { plan: true } }),
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
    plan: { ...current, currency },
    plans: planOrder.map((id) => ({
      ...plans[id],
      currency,
      purchasable: id !== "FREE" && Boolean(paystackPlanCode(id)),
      current: id === organization.plan,
    })),
    subscription: subscription ? subscriptionView(subscription) : null,
    usage: {
      periodStart,
      periodEnd,
      metrics: [
        {
          metric: "BOOKS_CREATED",
          unit: units.BOOKS_CREATED,
          used: usedThisMonth("BOOKS_CREATED"),
          limit: current.limits.booksPerMonth,
        },
        // Storage is what the organization keeps now (the limit is checked against the same number).
        { metric: "STORAGE_USED", unit: units.STORAGE_USED, used: storageUsed, limit: current.limits.storageBytes },
        {
          metric: "API_CALLS",
          unit: units.API_CALLS,
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
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      paidAt: invoice.paidAt,
      createdAt: invoice.createdAt,
      items: invoice.items,
    })),
    canManage: can(ctx.actor, "billing:manage"),
  };
}
