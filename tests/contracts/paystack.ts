import { z } from "zod";

/**
 * The parts of Paystack's published API that Scriptorium uses, as Zod schemas: field names, types,
 * required fields, event names and status values, written in our own words from
 * - PaystackOSS/openapi (the API reference's OpenAPI document: paths, parameters, request bodies),
 * - paystack.com/docs/api (response samples of the endpoints below),
 * - PaystackOSS/doc-code-snippets and paystack.com/docs/payments/webhooks (webhook event samples),
 * - paystack.com/docs/payments/subscriptions (subscription and invoice statuses).
 * Objects are strict where they describe what Paystack sends or accepts: a fake that invents a field, or
 * a client that sends a parameter Paystack does not define, fails the contract tests. Fields Paystack
 * documents but our fake leaves out are optional (the fake may send less, never something else).
 */

const isoDate = z.string().datetime({ offset: true });
const nullableIsoDate = isoDate.nullable();

// ── Shared objects ──

/** Customer object (Fetch customer, and repeated in transactions, subscriptions and webhooks). */
export const customerSchema = z.strictObject({
  id: z.number().int(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string(),
  customer_code: z.string().regex(/^CUS_/),
  phone: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  risk_action: z.enum(["default", "allow", "deny"]),
  international_format_phone: z.string().nullable().optional(),
});

/** Authorization (reusable card) object. */
export const authorizationSchema = z.strictObject({
  authorization_code: z.string().regex(/^AUTH_/),
  bin: z.string().nullable(),
  last4: z.string(),
  exp_month: z.string(),
  exp_year: z.string(),
  channel: z.string(),
  card_type: z.string(),
  bank: z.string().nullable(),
  country_code: z.string(),
  brand: z.string(),
  reusable: z.boolean(),
  signature: z.string().nullable(),
  account_name: z.string().nullable(),
  receiver_bank_account_number: z.string().nullable().optional(),
  receiver_bank: z.string().nullable().optional(),
});

/** Plan object; `interval` values from the Create plan endpoint. */
export const planSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  plan_code: z.string().regex(/^PLN_/),
  description: z.string().nullable(),
  amount: z.number().int().positive(),
  interval: z.enum(["hourly", "daily", "weekly", "monthly", "quarterly", "biannually", "annually"]),
  send_invoices: z.boolean(),
  send_sms: z.boolean(),
  currency: z.string().length(3),
  domain: z.enum(["test", "live"]).optional(),
  hosted_page: z.boolean().optional(),
  hosted_page_url: z.string().nullable().optional(),
  hosted_page_summary: z.string().nullable().optional(),
  integration: z.number().int().optional(),
  invoice_limit: z.number().int().optional(),
  is_deleted: z.boolean().optional(),
  is_archived: z.boolean().optional(),
  createdAt: isoDate.optional(),
  updatedAt: isoDate.optional(),
});

/** Subscription statuses (subscriptions guide, "Subscription statuses"). */
export const subscriptionStatus = z.enum(["active", "non-renewing", "attention", "completed", "complete", "cancelled"]);

/** Transaction statuses (Verify transaction). */
export const transactionStatus = z.enum([
  "success",
  "failed",
  "abandoned",
  "ongoing",
  "pending",
  "processing",
  "queued",
  "reversed",
]);

/** Channels POST /transaction/initialize accepts. */
export const paymentChannel = z.enum([
  "card",
  "bank",
  "apple_pay",
  "ussd",
  "qr",
  "mobile_money",
  "bank_transfer",
  "eft",
]);

/** The transaction as Verify returns it (`plan` is the plan code there, the object in `plan_object`). */
export const transactionSchema = z.strictObject({
  id: z.number().int(),
  domain: z.enum(["test", "live"]),
  status: transactionStatus,
  reference: z.string(),
  receipt_number: z.string().nullable(),
  amount: z.number().int(),
  message: z.string().nullable(),
  gateway_response: z.string(),
  paid_at: nullableIsoDate,
  created_at: isoDate,
  channel: z.string(),
  currency: z.string().length(3),
  ip_address: z.string().nullable(),
  // Whatever initialize received (a stringified object comes back parsed; none is an empty string).
  metadata: z.union([z.record(z.string(), z.unknown()), z.string()]).nullable(),
  log: z.unknown().optional(),
  fees: z.number().int().nullable(),
  fees_split: z.unknown().optional(),
  authorization: z.union([authorizationSchema, z.strictObject({})]),
  customer: customerSchema,
  plan: z.string().nullable(),
  plan_object: z.union([planSchema, z.strictObject({})]),
  split: z.unknown().optional(),
  order_id: z.unknown().optional(),
  paidAt: nullableIsoDate,
  createdAt: isoDate,
  requested_amount: z.number().int(),
  pos_transaction_data: z.unknown().optional(),
  source: z.unknown().optional(),
  fees_breakdown: z.unknown().optional(),
  subaccount: z.unknown().optional(),
});

/** A subscription's own fields, as repeated inside invoice events. */
const subscriptionCore = {
  status: subscriptionStatus,
  subscription_code: z.string().regex(/^SUB_/),
  email_token: z.string().optional(),
  amount: z.number().int(),
  cron_expression: z.string(),
  next_payment_date: nullableIsoDate,
  open_invoice: z.string().nullable(),
};

/** Fetch subscription (GET /subscription/:code) and the subscription.* event data. */
export const subscriptionSchema = z.strictObject({
  ...subscriptionCore,
  id: z.number().int().optional(),
  domain: z.enum(["test", "live"]),
  createdAt: isoDate,
  created_at: isoDate.optional(),
  plan: planSchema,
  authorization: authorizationSchema,
  customer: customerSchema,
  integration: z.number().int().optional(),
  start: z.number().int().optional(),
  quantity: z.number().int().optional(),
  invoices: z.array(z.unknown()).optional(),
  most_recent_invoice: z.unknown().optional(),
  easy_cron_id: z.string().nullable().optional(),
  payments_count: z.number().int().optional(),
});

/** Fetch subscription always carries the email token (subscription/disable needs it). */
export const fetchedSubscriptionSchema = subscriptionSchema.extend({ email_token: z.string() });

/** invoice.create / invoice.update / invoice.payment_failed data. No rule orders period_start and period_end. */
export const invoiceEventSchema = z.strictObject({
  domain: z.enum(["test", "live"]),
  invoice_code: z.string().regex(/^INV_/),
  amount: z.number().int(),
  period_start: isoDate,
  period_end: isoDate,
  status: z.enum(["pending", "success", "failed"]),
  paid: z.boolean(),
  paid_at: nullableIsoDate,
  description: z.string().nullable(),
  authorization: authorizationSchema,
  subscription: z.strictObject(subscriptionCore),
  customer: customerSchema,
  transaction: z.union([
    z.strictObject({
      reference: z.string(),
      status: transactionStatus,
      amount: z.number().int(),
      currency: z.string().length(3),
    }),
    z.strictObject({}),
  ]),
  created_at: isoDate,
});

/** subscription.expiring_cards data: an array, one entry per card expiring this month. */
export const expiringCardsSchema = z.array(
  z.strictObject({
    expiry_date: z.string().regex(/^\d{2}\/\d{4}$/),
    description: z.string(),
    brand: z.string(),
    subscription: z.strictObject({
      id: z.number().int(),
      subscription_code: z.string().regex(/^SUB_/),
      amount: z.number().int(),
      next_payment_date: isoDate,
      plan: z.strictObject({
        interval: planSchema.shape.interval,
        id: z.number().int(),
        name: z.string(),
        plan_code: z.string().regex(/^PLN_/),
      }),
    }),
    customer: z.strictObject({
      id: z.number().int(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
      email: z.string(),
      customer_code: z.string().regex(/^CUS_/),
      phone: z.string().nullable().optional(),
      metadata: z.unknown().optional(),
      risk_action: z.string().optional(),
    }),
  }),
);

/** charge.success data: the verified transaction with `plan` as the plan object (or {} without a plan). */
export const chargeEventSchema = transactionSchema
  .omit({ plan: true, plan_object: true })
  .extend({ plan: z.union([planSchema, z.strictObject({})]) });

// ── Webhook events ──

/** The event names Paystack's webhook guide lists ("Supported events"). */
export const paystackEventNames = [
  "charge.dispute.create",
  "charge.dispute.remind",
  "charge.dispute.resolve",
  "charge.success",
  "customeridentification.failed",
  "customeridentification.success",
  "dedicatedaccount.assign.failed",
  "dedicatedaccount.assign.success",
  "invoice.create",
  "invoice.payment_failed",
  "invoice.update",
  "paymentrequest.pending",
  "paymentrequest.success",
  "refund.failed",
  "refund.pending",
  "refund.processed",
  "refund.processing",
  "subscription.create",
  "subscription.disable",
  "subscription.expiring_cards",
  "subscription.not_renew",
  "transfer.failed",
  "transfer.reversed",
  "transfer.success",
] as const;

/** The webhook body `{ event, data }` of the events billing uses, each with its data's shape. */
export const webhookEventSchema = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("charge.success"), data: chargeEventSchema }),
  z.strictObject({ event: z.literal("subscription.create"), data: subscriptionSchema }),
  z.strictObject({ event: z.literal("subscription.not_renew"), data: subscriptionSchema }),
  z.strictObject({ event: z.literal("subscription.disable"), data: subscriptionSchema }),
  z.strictObject({ event: z.literal("subscription.expiring_cards"), data: expiringCardsSchema }),
  z.strictObject({ event: z.literal("invoice.create"), data: invoiceEventSchema }),
  z.strictObject({ event: z.literal("invoice.update"), data: invoiceEventSchema }),
  z.strictObject({ event: z.literal("invoice.payment_failed"), data: invoiceEventSchema }),
]);

// ── API: requests and responses ──

/** Every response: the `{ status, message, data }` envelope (lists add `meta`). */
export const envelope = <T extends z.ZodType>(data: T) =>
  z.strictObject({ status: z.literal(true), message: z.string(), data, meta: z.unknown().optional() });
export const errorEnvelope = z.strictObject({ status: z.literal(false), message: z.string() });

/** POST /transaction/initialize body (amount is a string of subunits; metadata a stringified object). */
export const initializeRequestSchema = z.strictObject({
  email: z.string().email(),
  amount: z.string().regex(/^\d+$/),
  currency: z.string().length(3).optional(),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9.=-]+$/)
    .optional(),
  callback_url: z.string().url().optional(),
  plan: z.string().optional(),
  invoice_limit: z.number().int().optional(),
  metadata: z.string().optional(),
  channels: z.array(paymentChannel).optional(),
  split_code: z.string().optional(),
  subaccount: z.string().optional(),
  transaction_charge: z.number().int().optional(),
  bearer: z.enum(["account", "subaccount"]).optional(),
});
export const initializeResponseSchema = envelope(
  z.strictObject({ authorization_url: z.string().url(), access_code: z.string(), reference: z.string() }),
);

/** POST /subscription/disable body. */
export const disableRequestSchema = z.strictObject({ code: z.string().regex(/^SUB_/), token: z.string().min(1) });

/** GET /subscription query: both filters are integers (ids), never codes. */
export const listSubscriptionsQuerySchema = z.strictObject({
  perPage: z.string().regex(/^\d+$/).optional(),
  page: z.string().regex(/^\d+$/).optional(),
  customer: z.string().regex(/^\d+$/).optional(),
  plan: z.string().regex(/^\d+$/).optional(),
});

/** GET /plan query. */
export const listPlansQuerySchema = z.strictObject({
  perPage: z.string().regex(/^\d+$/).optional(),
  page: z.string().regex(/^\d+$/).optional(),
  status: z.string().optional(),
  interval: z.string().optional(),
  amount: z.string().regex(/^\d+$/).optional(),
});

/**
 * The endpoints billing calls, keyed by method and path pattern, with their query and body schemas.
 * A request matching none of them is one Paystack does not define.
 */
export const paystackEndpoints = [
  { method: "POST", path: /^\/transaction\/initialize$/, body: initializeRequestSchema },
  { method: "GET", path: /^\/transaction\/verify\/[^/]+$/ },
  { method: "POST", path: /^\/subscription\/disable$/, body: disableRequestSchema },
  { method: "GET", path: /^\/subscription\/[^/]+\/manage\/link$/ },
  { method: "GET", path: /^\/subscription\/(?!disable$)[^/]+$/ },
  { method: "GET", path: /^\/subscription$/, query: listSubscriptionsQuerySchema },
  { method: "GET", path: /^\/customer\/[^/]+$/ },
  { method: "GET", path: /^\/plan$/, query: listPlansQuerySchema },
] as const;

export const responseSchemas = {
  verify: envelope(transactionSchema),
  fetchSubscription: envelope(fetchedSubscriptionSchema),
  listSubscriptions: envelope(z.array(subscriptionSchema)),
  fetchCustomer: envelope(customerSchema.extend({ subscriptions: z.array(z.unknown()).optional() })),
  listPlans: envelope(z.array(planSchema)),
  manageLink: envelope(z.strictObject({ link: z.string().url() })),
  disable: z.strictObject({ status: z.literal(true), message: z.string() }),
};
