import { z } from "zod";
import { isoDate } from "./common";

// /api/billing/*: the plan, its limits and usage, the Paystack subscription and invoices, as the billing
// settings screen reads them. Amounts are in the currency's subunit (kobo for NGN).

export const planIdSchema = z.enum(["FREE", "STARTER", "PRO", "ENTERPRISE"]);
export type PlanId = z.infer<typeof planIdSchema>;

/** Features a plan may include (the server checks each with assertPlanAllows). */
export const planFeatures = [
  "advancedEngines",
  "customStorage",
  "apiAccess",
  "multipleOrganizations",
  "prioritySupport",
] as const;
export const planFeatureSchema = z.enum(planFeatures);
export type PlanFeature = z.infer<typeof planFeatureSchema>;

export const metricIds = ["BOOKS_CREATED", "STORAGE_USED", "API_CALLS"] as const;
export const metricIdSchema = z.enum(metricIds);
export type MetricId = z.infer<typeof metricIdSchema>;

/** Unit of each metric (the overview sends it with each metric; the chart reads it from here). */
export const metricUnits = {
  BOOKS_CREATED: "books",
  STORAGE_USED: "bytes",
  API_CALLS: "calls",
} as const satisfies Record<MetricId, string>;
export const metricUnitSchema = z.enum(["books", "bytes", "calls"]);

export const subscriptionStatusSchema = z.enum([
  "PENDING",
  "ACTIVE",
  "NON_RENEWING",
  "ATTENTION",
  "CANCELLED",
  "COMPLETED",
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

export const invoiceStatusSchema = z.enum(["PENDING", "PAID", "FAILED", "VOID"]);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

/** Where the checkout callback sends the browser back: /app/settings/billing?checkout=<outcome>. */
export const checkoutOutcomes = ["paid", "pending", "failed", "unknown", "cancelled"] as const;
export type CheckoutOutcome = (typeof checkoutOutcomes)[number];

export const billingPlanSchema = z.object({
  id: planIdSchema,
  name: z.string(),
  monthlyPrice: z.number().int(),
  currency: z.string(),
  /** null = unlimited. */
  limits: z.object({ booksPerMonth: z.number().int().nullable(), storageBytes: z.number().nullable() }),
  features: z.array(planFeatureSchema),
});
export type BillingPlan = z.infer<typeof billingPlanSchema>;

/** A plan on offer: whether it can be bought on this server and whether it is the organization's. */
export const offeredPlanSchema = billingPlanSchema.extend({ purchasable: z.boolean(), current: z.boolean() });
export type OfferedPlan = z.infer<typeof offeredPlanSchema>;

/** What clients see of a subscription (no Paystack customer codes or email tokens). */
export const subscriptionSchema = z.object({
  plan: planIdSchema,
  status: subscriptionStatusSchema,
  currentPeriodStart: isoDate.nullable(),
  currentPeriodEnd: isoDate.nullable(),
  cancelledAt: isoDate.nullable(),
  /** True once Paystack's subscription is linked: cancel and the manage link work. */
  manageable: z.boolean(),
});
export type BillingSubscription = z.infer<typeof subscriptionSchema>;

export const usageMetricSchema = z.object({
  metric: metricIdSchema,
  unit: metricUnitSchema,
  used: z.number(),
  /** null = unlimited; 0 = not included in the plan. */
  limit: z.number().nullable(),
});
export type UsageMetric = z.infer<typeof usageMetricSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  status: invoiceStatusSchema,
  amount: z.number().int(),
  currency: z.string(),
  reference: z.string().nullable(),
  periodStart: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  paidAt: isoDate.nullable(),
  createdAt: isoDate,
  items: z.array(z.object({ description: z.string(), amount: z.number().int(), quantity: z.number().int() })),
});
export type BillingInvoice = z.infer<typeof invoiceSchema>;

/** GET /api/billing */
export const billingOverviewSchema = z.object({
  plan: billingPlanSchema,
  plans: z.array(offeredPlanSchema),
  subscription: subscriptionSchema.nullable(),
  usage: z.object({ periodStart: isoDate, periodEnd: isoDate, metrics: z.array(usageMetricSchema) }),
  invoices: z.array(invoiceSchema),
  canManage: z.boolean(),
  /** "off": BILLING=off on this installation — no plan gate applies, usage is still measured. */
  billing: z.enum(["on", "off"]).optional(),
  /** The paid (or FREE) plan alone; `plan` is the effective one (the higher of this and the grant). */
  paidPlan: planIdSchema.optional(),
  /** The complimentary plan a platform admin granted, while active. */
  grant: z.object({ plan: planIdSchema, startsAt: isoDate, endsAt: isoDate.nullable() }).nullable().optional(),
});
export type BillingOverview = z.infer<typeof billingOverviewSchema>;

/** GET /api/billing/usage?months=6 */
export const usageHistoryQuery = z.object({ months: z.coerce.number().int().min(1).max(24).default(6) });

/** GET /api/billing/usage: each metric per calendar month, oldest first, the current month last. */
export const usageHistorySchema = z.object({
  months: z.array(z.object({ periodStart: isoDate, periodEnd: isoDate, values: z.record(metricIdSchema, z.number()) })),
});
export type UsageHistory = z.infer<typeof usageHistorySchema>;

/** Plans that are bought through Paystack. */
export const paidPlans = ["STARTER", "PRO", "ENTERPRISE"] as const satisfies readonly PlanId[];
export type PaidPlan = (typeof paidPlans)[number];

/** POST /api/billing/checkout */
export const startCheckoutInput = z.object({ plan: z.enum(paidPlans) });
export type StartCheckoutInput = z.input<typeof startCheckoutInput>;

/** POST /api/billing/checkout (201): where to send the browser to pay. */
export const checkoutStartedSchema = z.object({
  authorizationUrl: z.string(),
  reference: z.string(),
  plan: planIdSchema,
  amount: z.number().int(),
  currency: z.string(),
});
export type CheckoutStarted = z.infer<typeof checkoutStartedSchema>;

/** POST /api/billing/cancel */
export const cancelledSubscriptionSchema = z.object({ subscription: subscriptionSchema });

/** GET /api/billing/manage-link: Paystack's hosted page to update the card or cancel. */
export const manageLinkSchema = z.object({ link: z.string() });
