// The Paystack fake's records and the JSON shapes Paystack sends for them (API answers and webhook
// payloads), kept apart from the fake's state and routes so each reads on its own.
import { createHmac, randomBytes } from "node:crypto";

export interface FakePlan {
  id: number;
  name: string;
  plan_code: string;
  amount: number;
  interval: string;
  currency: string;
}

export interface FakeCustomer {
  id: number;
  customer_code: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  metadata: Record<string, unknown>;
  risk_action: string;
}

export interface FakeTransaction {
  id: number;
  reference: string;
  access_code: string;
  email: string;
  amount: number;
  currency: string;
  plan: FakePlan | null;
  /** The channels initialize asked for (null: Paystack offers all of the integration's channels). */
  channels: string[] | null;
  callback_url: string | null;
  metadata: Record<string, unknown> | null;
  status: "abandoned" | "success" | "failed";
  paid_at: string | null;
  created_at: string;
  customer: FakeCustomer | null;
}

export interface FakeSubscription {
  id: number;
  subscription_code: string;
  email_token: string;
  status: "active" | "non-renewing" | "attention" | "completed" | "cancelled";
  amount: number;
  plan: FakePlan;
  customer: FakeCustomer;
  next_payment_date: string | null;
  createdAt: string;
}

export type WebhookTarget = string | ((rawBody: string, signature: string) => Promise<number>);

export interface WebhookDelivery {
  event: string;
  rawBody: string;
  signature: string;
  status: number | null;
  error?: string;
}

export type Misbehaviour = "500" | "bad-json" | "401" | "hang";

export interface PaystackFakeOptions {
  secretKey?: string;
  port?: number;
  plans?: Omit<FakePlan, "id">[];
  webhookTarget?: WebhookTarget;
  /** How long a "hang" misbehaviour holds the request (the client's timeout should fire first). */
  hangMs?: number;
}

export const authorization = {
  authorization_code: "AUTH_fake0001",
  bin: "408408",
  last4: "4081",
  exp_month: "12",
  exp_year: "2030",
  channel: "card",
  card_type: "visa ",
  bank: "TEST BANK",
  country_code: "NG",
  brand: "visa",
  reusable: true,
  signature: "SIG_fake0001",
  account_name: null,
};

export const defaultFakePlans: Omit<FakePlan, "id">[] = [
  { name: "Scriptorium Starter", plan_code: "PLN_fakestarter", amount: 9_900_00, interval: "monthly", currency: "NGN" },
  { name: "Scriptorium Pro", plan_code: "PLN_fakepro", amount: 29_900_00, interval: "monthly", currency: "NGN" },
  {
    name: "Scriptorium Enterprise",
    plan_code: "PLN_fakeenterprise",
    amount: 99_900_00,
    interval: "monthly",
    currency: "NGN",
  },
];

/** HMAC-SHA512 hex of the raw body with the secret key: Paystack's x-paystack-signature. */
export function signPaystackBody(rawBody: string, secretKey: string): string {
  return createHmac("sha512", secretKey).update(rawBody).digest("hex");
}

export const code = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex").slice(0, 15)}`;
export const addMonth = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));

/** The `channels` values Paystack's OpenAPI lists for POST /transaction/initialize. */
export const paystackChannels = ["card", "bank", "apple_pay", "ussd", "qr", "mobile_money", "bank_transfer", "eft"];

export function planJson(plan: FakePlan | null) {
  return plan
    ? {
        id: plan.id,
        name: plan.name,
        plan_code: plan.plan_code,
        description: null,
        amount: plan.amount,
        interval: plan.interval,
        send_invoices: true,
        send_sms: true,
        currency: plan.currency,
      }
    : {};
}

/** The transaction as GET /transaction/verify returns it (plan as its code, plus plan_object). */
export function verifyJson(t: FakeTransaction, customer: FakeCustomer) {
  return {
    id: t.id,
    domain: "test",
    status: t.status,
    reference: t.reference,
    receipt_number: null,
    amount: t.amount,
    message: null,
    gateway_response: t.status === "success" ? "Successful" : t.status === "failed" ? "Declined" : "Abandoned",
    paid_at: t.paid_at,
    created_at: t.created_at,
    channel: "card",
    currency: t.currency,
    ip_address: "127.0.0.1",
    metadata: t.metadata ?? "",
    fees: t.status === "success" ? Math.round(t.amount * 0.015) : null,
    customer,
    authorization: t.status === "success" ? authorization : {},
    plan: t.plan?.plan_code ?? null,
    plan_object: planJson(t.plan),
    paidAt: t.paid_at,
    createdAt: t.created_at,
    requested_amount: t.amount,
  };
}

/** The transaction as charge.success sends it (plan as an object). */
export function chargeJson(t: FakeTransaction, customer: FakeCustomer) {
  const { plan_object, ...rest } = verifyJson(t, customer);
  return { ...rest, plan: plan_object };
}

/** The subscription's state as Paystack repeats it in subscription and invoice payloads. */
function subscriptionState(s: FakeSubscription) {
  return {
    status: s.status,
    subscription_code: s.subscription_code,
    email_token: s.email_token,
    amount: s.amount,
    cron_expression: "0 0 1 * *",
    next_payment_date: s.next_payment_date,
  };
}

/**
 * The subscription as GET /subscription/:code and the subscription.* webhooks send it. Paystack's
 * subscription.create sample (PaystackOSS/doc-code-snippets) has no email_token: `withToken: false`.
 */
export function subscriptionJson(s: FakeSubscription, options: { withToken?: boolean } = {}) {
  const { email_token, ...state } = subscriptionState(s);
  return {
    id: s.id,
    domain: "test",
    ...state,
    ...(options.withToken === false ? {} : { email_token }),
    open_invoice: null,
    createdAt: s.createdAt,
    created_at: s.createdAt,
    plan: planJson(s.plan),
    authorization,
    customer: s.customer,
  };
}

export interface FakeInvoice {
  invoice_code: string;
  status: "pending" | "success" | "failed";
  start: Date;
  end: Date;
}

export function invoiceJson(s: FakeSubscription, invoice: FakeInvoice, transaction: FakeTransaction | null) {
  return {
    domain: "test",
    invoice_code: invoice.invoice_code,
    amount: s.amount,
    period_start: invoice.start.toISOString(),
    period_end: invoice.end.toISOString(),
    status: invoice.status,
    paid: invoice.status === "success",
    paid_at: invoice.status === "success" ? new Date().toISOString() : null,
    description: null,
    authorization,
    subscription: {
      ...subscriptionState(s),
      open_invoice: invoice.status === "success" ? null : invoice.invoice_code,
    },
    customer: s.customer,
    transaction: transaction
      ? {
          reference: transaction.reference,
          status: transaction.status,
          amount: transaction.amount,
          currency: s.plan.currency,
        }
      : {},
    created_at: new Date().toISOString(),
  };
}
