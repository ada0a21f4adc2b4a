/** Client views of the billing API (GET /api/billing and GET /api/billing/usage); no server types in the UI. */
export type PlanId = "FREE" | "STARTER" | "PRO" | "ENTERPRISE";
export type MetricId = "BOOKS_CREATED" | "STORAGE_USED" | "API_CALLS";
export type SubscriptionStatus = "PENDING" | "ACTIVE" | "NON_RENEWING" | "ATTENTION" | "CANCELLED" | "COMPLETED";
export type InvoiceStatus = "PENDING" | "PAID" | "FAILED" | "VOID";
export type CheckoutOutcome = "paid" | "pending" | "failed" | "unknown" | "cancelled";

export const checkoutOutcomes: readonly CheckoutOutcome[] = ["paid", "pending", "failed", "unknown", "cancelled"];
export const metricIds: readonly MetricId[] = ["BOOKS_CREATED", "STORAGE_USED", "API_CALLS"];

export type BillingPlan = {
  id: PlanId;
  name: string;
  monthlyPrice: number;
  currency: string;
  limits: { booksPerMonth: number | null; storageBytes: number | null };
  features: string[];
  purchasable?: boolean;
  current?: boolean;
};

export type BillingSubscription = {
  plan: PlanId;
  status: SubscriptionStatus;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelledAt: string | null;
  manageable: boolean;
};

export type UsageMetric = { metric: MetricId; unit: string; used: number; limit: number | null };

export type BillingInvoice = {
  id: string;
  status: InvoiceStatus;
  amount: number;
  currency: string;
  reference: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  paidAt: string | null;
  createdAt: string;
  items: { description: string; amount: number; quantity: number }[];
};

export type BillingOverview = {
  plan: BillingPlan;
  plans: BillingPlan[];
  subscription: BillingSubscription | null;
  usage: { periodStart: string; periodEnd: string; metrics: UsageMetric[] };
  invoices: BillingInvoice[];
  canManage: boolean;
};

export type UsageHistory = {
  months: { periodStart: string; periodEnd: string; values: Record<MetricId, number> }[];
};

/** Units of each metric, for the chart (the overview sends them too). */
export const metricUnits: Record<MetricId, string> = {
  BOOKS_CREATED: "books",
  STORAGE_USED: "bytes",
  API_CALLS: "calls",
};
