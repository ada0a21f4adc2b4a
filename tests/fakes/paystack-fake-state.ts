// What the Paystack fake remembers (plans, customers, transactions, subscriptions, the requests it got
// and the webhooks it sent) and the things Paystack does on its own: charging at checkout, renewing,
// ending a period, each followed by its signed webhooks.
import { randomBytes } from "node:crypto";
import {
  addMonth,
  chargeJson,
  code,
  type FakeCustomer,
  type FakeInvoice,
  type FakePlan,
  type FakeSubscription,
  type FakeTransaction,
  invoiceJson,
  type Misbehaviour,
  signPaystackBody,
  subscriptionJson,
  verifyJson,
  type WebhookDelivery,
  type WebhookTarget,
} from "./paystack-fake-payloads";

export class PaystackFakeState {
  private nextId = 1000;
  readonly plans: FakePlan[];
  readonly customers = new Map<string, FakeCustomer>();
  readonly transactions = new Map<string, FakeTransaction>();
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly requests: { method: string; path: string; body: unknown; authorized: boolean }[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  readonly misbehaviours: { mode: Misbehaviour; remaining: number; pathPrefix: string }[] = [];
  /** Simulates a Paystack that ignores the list filters (answers every subscription of the account). */
  listIgnoresFilters = false;
  /** What POST /subscription/disable emits: not_renew now (disable at period end), or disable at once. */
  disableOrder: "period-end" | "immediate" = "period-end";
  /** Set once the server listens: links the fake hands out (checkout, manage) point at it. */
  baseUrl = "";

  constructor(
    readonly secretKey: string,
    plans: Omit<FakePlan, "id">[],
    public webhookTarget: WebhookTarget | undefined,
  ) {
    this.plans = plans.map((p) => ({ id: this.newId(), ...p }));
  }

  newId(): number {
    return this.nextId++;
  }

  customerFor(email: string): FakeCustomer {
    let customer = this.customers.get(email);
    if (!customer) {
      customer = {
        id: this.newId(),
        customer_code: code("CUS"),
        email,
        first_name: null,
        last_name: null,
        phone: null,
        metadata: {},
        risk_action: "default",
      };
      this.customers.set(email, customer);
    }
    return customer;
  }

  /** The transaction as GET /transaction/verify returns it (plan as its code, plus plan_object). */
  verifyJson(t: FakeTransaction) {
    return verifyJson(t, t.customer ?? { ...this.customerFor(t.email) });
  }

  /** The transaction as charge.success sends it (plan as an object). */
  chargeJson(t: FakeTransaction) {
    return chargeJson(t, t.customer ?? { ...this.customerFor(t.email) });
  }

  subscriptionOrThrow(subscriptionCode: string): FakeSubscription {
    const s = this.subscriptions.get(subscriptionCode);
    if (!s) throw new Error(`unknown subscription ${subscriptionCode}`);
    return s;
  }

  /** Posts one signed event to the webhook target (if any) and records the delivery. */
  async deliver(event: string, data: unknown, overrides: { signature?: string } = {}): Promise<WebhookDelivery> {
    const rawBody = JSON.stringify({ event, data });
    const signature = overrides.signature ?? signPaystackBody(rawBody, this.secretKey);
    const delivery: WebhookDelivery = { event, rawBody, signature, status: null };
    this.deliveries.push(delivery);
    const target = this.webhookTarget;
    if (!target) return delivery;
    try {
      if (typeof target === "function") delivery.status = await target(rawBody, signature);
      else {
        const response = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json", "x-paystack-signature": signature, "user-agent": "Paystack" },
          body: rawBody,
          signal: AbortSignal.timeout(30_000),
        });
        delivery.status = response.status;
        await response.arrayBuffer();
      }
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    return delivery;
  }

  /** Charges a transaction the way the hosted page does; with a plan, creates its subscription. */
  async pay(reference: string, outcome: "success" | "failed" = "success") {
    const t = this.transactions.get(reference);
    if (!t) throw new Error(`unknown reference ${reference}`);
    // Like the hosted page: a declined card can be retried, a paid transaction cannot be paid again.
    if (t.status === "success") return { transaction: t, subscription: null as FakeSubscription | null };
    t.customer = this.customerFor(t.email);
    if (outcome === "failed") {
      t.status = "failed";
      return { transaction: t, subscription: null };
    }
    t.status = "success";
    t.paid_at = new Date().toISOString();
    await this.deliver("charge.success", this.chargeJson(t));
    let subscription: FakeSubscription | null = null;
    if (t.plan) {
      const now = new Date();
      subscription = {
        id: this.newId(),
        subscription_code: code("SUB"),
        email_token: randomBytes(8).toString("hex"),
        status: "active",
        amount: t.plan.amount,
        plan: t.plan,
        customer: t.customer,
        next_payment_date: addMonth(now).toISOString(),
        createdAt: now.toISOString(),
      };
      this.subscriptions.set(subscription.subscription_code, subscription);
      await this.deliver("subscription.create", subscriptionJson(subscription, { withToken: false }));
    }
    return { transaction: t, subscription };
  }

  /**
   * A renewal the way Paystack runs it: invoice.create (pending), then either invoice.update (paid) and
   * charge.success, or invoice.payment_failed (the subscription goes to "attention").
   */
  async renew(subscriptionCode: string, outcome: "success" | "failed" = "success") {
    const s = this.subscriptionOrThrow(subscriptionCode);
    const start = s.next_payment_date ? new Date(s.next_payment_date) : new Date();
    const invoice: FakeInvoice = { invoice_code: code("INV"), status: "pending", start, end: addMonth(start) };
    await this.deliver("invoice.create", invoiceJson(s, invoice, null));
    if (outcome === "failed") {
      s.status = "attention";
      await this.deliver("invoice.payment_failed", invoiceJson(s, { ...invoice, status: "failed" }, null));
      return invoice.invoice_code;
    }
    const t: FakeTransaction = {
      id: this.newId(),
      reference: code("T"),
      access_code: "",
      channels: null,
      email: s.customer.email,
      amount: s.amount,
      currency: s.plan.currency,
      plan: s.plan,
      callback_url: null,
      metadata: null,
      status: "success",
      paid_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
      customer: s.customer,
    };
    this.transactions.set(t.reference, t);
    s.status = "active";
    s.next_payment_date = invoice.end.toISOString();
    await this.deliver("invoice.update", invoiceJson(s, { ...invoice, status: "success" }, t));
    await this.deliver("charge.success", this.chargeJson(t));
    return invoice.invoice_code;
  }

  /** The paid period ends: a non-renewing subscription becomes cancelled (subscription.disable). */
  async endPeriod(subscriptionCode: string, status: "cancelled" | "completed" = "cancelled") {
    const s = this.subscriptionOrThrow(subscriptionCode);
    s.status = status;
    s.next_payment_date = null;
    return this.deliver("subscription.disable", {
      ...subscriptionJson(s),
      status: status === "completed" ? "complete" : status,
    });
  }
}
