import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

/**
 * A loopback fake of the part of Paystack that billing uses, speaking its wire protocol: bearer secret
 * key, the `{ status, message, data }` envelope, amounts in subunits. API: POST /transaction/initialize,
 * GET /transaction/verify/:reference, POST /subscription/disable, GET /subscription/:code/manage/link,
 * GET /subscription, GET /subscription/:code, GET /plan. A hosted checkout page GET /checkout/:reference
 * whose "Pay" button charges, creates the subscription, posts signed webhooks (x-paystack-signature =
 * HMAC-SHA512 hex of the raw body) and redirects to the callback_url like Paystack does. Test helpers
 * emit renewals, failed payments and period ends; `misbehave` makes the next API calls answer 500,
 * bad JSON, 401 or hang.
 *
 * Run it alone (for the Playwright journey or a manual try) with:
 *   npx tsx tests/fakes/paystack-fake.ts --port 4010 --webhook http://127.0.0.1:3000/api/webhooks/paystack
 * It prints the PAYSTACK_* variables to start the app with.
 */

export interface FakePlan {
  id: number;
  name: string;
  plan_code: string;
  amount: number;
  interval: string;
  currency: string;
}

interface FakeCustomer {
  id: number;
  customer_code: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  metadata: Record<string, unknown>;
  risk_action: string;
}

interface FakeTransaction {
  id: number;
  reference: string;
  access_code: string;
  email: string;
  amount: number;
  currency: string;
  plan: FakePlan | null;
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

const authorization = {
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

const code = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex").slice(0, 15)}`;
const addMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));

/** Starts the fake on 127.0.0.1 (a random port unless `port` is given). */
export async function startPaystackFake(options: PaystackFakeOptions = {}) {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(20).toString("hex")}`;
  let nextId = 1000;
  const plans: FakePlan[] = (options.plans ?? defaultFakePlans).map((p) => ({ id: nextId++, ...p }));
  const customers = new Map<string, FakeCustomer>();
  const transactions = new Map<string, FakeTransaction>();
  const subscriptions = new Map<string, FakeSubscription>();
  const requests: { method: string; path: string; body: unknown; authorized: boolean }[] = [];
  const deliveries: WebhookDelivery[] = [];
  let webhookTarget: WebhookTarget | undefined = options.webhookTarget;
  const misbehaviours: { mode: Misbehaviour; remaining: number; pathPrefix: string }[] = [];
  let baseUrl = "";

  const customerFor = (email: string): FakeCustomer => {
    let customer = customers.get(email);
    if (!customer) {
      customer = {
        id: nextId++,
        customer_code: code("CUS"),
        email,
        first_name: null,
        last_name: null,
        phone: null,
        metadata: {},
        risk_action: "default",
      };
      customers.set(email, customer);
    }
    return customer;
  };

  const planJson = (plan: FakePlan | null) =>
    plan
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

  /** The transaction as GET /transaction/verify returns it (plan as its code, plus plan_object). */
  const verifyJson = (t: FakeTransaction) => ({
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
    customer: t.customer ?? { ...customerFor(t.email) },
    authorization: t.status === "success" ? authorization : {},
    plan: t.plan?.plan_code ?? null,
    plan_object: planJson(t.plan),
    paidAt: t.paid_at,
    createdAt: t.created_at,
    requested_amount: t.amount,
  });

  /** The transaction as charge.success sends it (plan as an object). */
  const chargeJson = (t: FakeTransaction) => {
    const { plan_object, ...rest } = verifyJson(t);
    return { ...rest, plan: plan_object };
  };

  const subscriptionJson = (s: FakeSubscription) => ({
    id: s.id,
    domain: "test",
    status: s.status,
    subscription_code: s.subscription_code,
    email_token: s.email_token,
    amount: s.amount,
    cron_expression: "0 0 1 * *",
    next_payment_date: s.next_payment_date,
    open_invoice: null,
    createdAt: s.createdAt,
    created_at: s.createdAt,
    plan: planJson(s.plan),
    authorization,
    customer: s.customer,
  });

  const invoiceJson = (
    s: FakeSubscription,
    invoice: { invoice_code: string; status: "pending" | "success" | "failed"; start: Date; end: Date },
    transaction: FakeTransaction | null,
  ) => ({
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
      status: s.status,
      subscription_code: s.subscription_code,
      email_token: s.email_token,
      amount: s.amount,
      cron_expression: "0 0 1 * *",
      next_payment_date: s.next_payment_date,
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
  });

  /** Posts one signed event to the webhook target (if any) and records the delivery. */
  async function deliver(
    event: string,
    data: unknown,
    overrides: { signature?: string } = {},
  ): Promise<WebhookDelivery> {
    const rawBody = JSON.stringify({ event, data });
    const signature = overrides.signature ?? signPaystackBody(rawBody, secretKey);
    const delivery: WebhookDelivery = { event, rawBody, signature, status: null };
    deliveries.push(delivery);
    if (!webhookTarget) return delivery;
    try {
      if (typeof webhookTarget === "function") delivery.status = await webhookTarget(rawBody, signature);
      else {
        const response = await fetch(webhookTarget, {
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
  async function pay(reference: string, outcome: "success" | "failed" = "success") {
    const t = transactions.get(reference);
    if (!t) throw new Error(`unknown reference ${reference}`);
    // Like the hosted page: a declined card can be retried, a paid transaction cannot be paid again.
    if (t.status === "success") return { transaction: t, subscription: null as FakeSubscription | null };
    t.customer = customerFor(t.email);
    if (outcome === "failed") {
      t.status = "failed";
      return { transaction: t, subscription: null };
    }
    t.status = "success";
    t.paid_at = new Date().toISOString();
    await deliver("charge.success", chargeJson(t));
    let subscription: FakeSubscription | null = null;
    if (t.plan) {
      const now = new Date();
      subscription = {
        id: nextId++,
        subscription_code: code("SUB"),
        email_token: randomBytes(8).toString("hex"),
        status: "active",
        amount: t.plan.amount,
        plan: t.plan,
        customer: t.customer,
        next_payment_date: addMonth(now).toISOString(),
        createdAt: now.toISOString(),
      };
      subscriptions.set(subscription.subscription_code, subscription);
      await deliver("subscription.create", subscriptionJson(subscription));
    }
    return { transaction: t, subscription };
  }

  const callbackLocation = (t: FakeTransaction) => {
    if (!t.callback_url) return null;
    const url = new URL(t.callback_url);
    url.searchParams.set("trxref", t.reference);
    url.searchParams.set("reference", t.reference);
    return url.toString();
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, message: string, data?: unknown) =>
    send(res, 200, data === undefined ? { status: true, message } : { status: true, message, data });
  const fail = (res: ServerResponse, status: number, message: string) => send(res, status, { status: false, message });

  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", baseUrl);
    const path = url.pathname;
    const raw = await readBody(req);
    const isPage = path.startsWith("/checkout/") || path.startsWith("/manage/");
    let body: Record<string, unknown> = {};
    if (raw && !isPage) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return fail(res, 400, "Invalid JSON body");
      }
    }
    const authorized = req.headers.authorization === `Bearer ${secretKey}`;
    requests.push({ method: req.method ?? "GET", path: `${path}${url.search}`, body, authorized });

    if (!isPage) {
      const trouble = misbehaviours.find((m) => m.remaining > 0 && path.startsWith(m.pathPrefix));
      if (trouble) {
        trouble.remaining--;
        if (trouble.mode === "500") return fail(res, 500, "An error occurred");
        if (trouble.mode === "401") return fail(res, 401, "Invalid key");
        if (trouble.mode === "bad-json") {
          res.writeHead(200, { "content-type": "application/json" });
          return res.end('{"status": true, "message": "Authorization URL crea');
        }
        await new Promise((resolve) => setTimeout(resolve, options.hangMs ?? 10_000));
        return fail(res, 504, "Gateway timeout");
      }
      if (!authorized) return fail(res, 401, "Invalid key");
    }

    // ── Transactions ──
    if (req.method === "POST" && path === "/transaction/initialize") {
      const email = typeof body.email === "string" ? body.email : "";
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) return fail(res, 400, "Invalid Email Address Passed");
      let amount = Number(body.amount);
      let plan: FakePlan | null = null;
      if (body.plan !== undefined && body.plan !== null && body.plan !== "") {
        plan = plans.find((p) => p.plan_code === body.plan) ?? null;
        if (!plan) return fail(res, 400, "Plan not found");
        amount = plan.amount;
      }
      if (!Number.isInteger(amount) || amount <= 0) return fail(res, 400, "Invalid Amount Sent");
      const reference = typeof body.reference === "string" && body.reference ? body.reference : code("T");
      if (!/^[A-Za-z0-9.=-]+$/.test(reference)) return fail(res, 400, "Invalid transaction reference");
      if (transactions.has(reference)) return fail(res, 400, "Duplicate Transaction Reference");
      const metadata =
        typeof body.metadata === "string"
          ? (JSON.parse(body.metadata) as Record<string, unknown>)
          : ((body.metadata as Record<string, unknown> | undefined) ?? null);
      const t: FakeTransaction = {
        id: nextId++,
        reference,
        access_code: randomBytes(7).toString("hex"),
        email,
        amount,
        currency: typeof body.currency === "string" ? body.currency : (plan?.currency ?? "NGN"),
        plan,
        callback_url: typeof body.callback_url === "string" ? body.callback_url : null,
        metadata,
        status: "abandoned",
        paid_at: null,
        created_at: new Date().toISOString(),
        customer: null,
      };
      transactions.set(reference, t);
      return ok(res, "Authorization URL created", {
        authorization_url: `${baseUrl}/checkout/${encodeURIComponent(reference)}`,
        access_code: t.access_code,
        reference,
      });
    }
    const verify = /^\/transaction\/verify\/([^/]+)$/.exec(path);
    if (req.method === "GET" && verify) {
      const t = transactions.get(decodeURIComponent(verify[1]!));
      if (!t) return fail(res, 400, "Transaction reference not found");
      return ok(res, "Verification successful", verifyJson(t));
    }

    // ── Hosted checkout ──
    const checkout = /^\/checkout\/([^/]+)(\/pay)?$/.exec(path);
    if (checkout) {
      const t = transactions.get(decodeURIComponent(checkout[1]!));
      if (!t) {
        res.writeHead(404, { "content-type": "text/html" });
        return res.end("<h1>Transaction not found</h1>");
      }
      if (req.method === "POST" && checkout[2]) {
        const outcome = new URLSearchParams(raw).get("outcome") === "failed" ? "failed" : "success";
        await pay(t.reference, outcome);
        const location = callbackLocation(t);
        if (location) {
          res.writeHead(302, { location });
          return res.end();
        }
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(`<h1>Payment ${t.status}</h1>`);
      }
      const price = `${t.currency} ${(t.amount / 100).toFixed(2)}`;
      const cancel = typeof t.metadata?.cancel_action === "string" ? t.metadata.cancel_action : null;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><html><head><title>Paystack checkout (fake)</title></head><body>
<h1>Pay ${escapeHtml(price)}</h1>
<p data-testid="checkout-email">${escapeHtml(t.email)}</p>
<p data-testid="checkout-plan">${escapeHtml(t.plan?.name ?? "One-time payment")}</p>
<p data-testid="checkout-status">${t.status}</p>
<form method="post" action="/checkout/${encodeURIComponent(t.reference)}/pay">
<button type="submit" name="outcome" value="success">Pay ${escapeHtml(price)}</button>
<button type="submit" name="outcome" value="failed">Decline payment</button>
</form>
${cancel ? `<a href="${escapeHtml(cancel)}">Cancel payment</a>` : ""}
</body></html>`);
    }
    const manage = /^\/manage\/([^/]+)$/.exec(path);
    if (manage) {
      const s = subscriptions.get(decodeURIComponent(manage[1]!));
      res.writeHead(s ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<h1>Manage subscription</h1><p>${escapeHtml(s ? `${s.plan.name}: ${s.status}` : "not found")}</p>`,
      );
    }

    // ── Subscriptions and plans ──
    if (req.method === "POST" && path === "/subscription/disable") {
      const s = subscriptions.get(String(body.code ?? ""));
      if (!s || s.email_token !== body.token || (s.status !== "active" && s.status !== "attention")) {
        return fail(res, 400, "Subscription with code not found or already inactive");
      }
      s.status = "non-renewing";
      await deliver("subscription.not_renew", subscriptionJson(s));
      return ok(res, "Subscription disabled successfully");
    }
    const link = /^\/subscription\/([^/]+)\/manage\/link$/.exec(path);
    if (req.method === "GET" && link) {
      const s = subscriptions.get(decodeURIComponent(link[1]!));
      if (!s) return fail(res, 404, "Subscription not found");
      return ok(res, "Link generated", { link: `${baseUrl}/manage/${encodeURIComponent(s.subscription_code)}` });
    }
    const one = /^\/subscription\/([^/]+)$/.exec(path);
    if (req.method === "GET" && one) {
      const s = subscriptions.get(decodeURIComponent(one[1]!));
      if (!s) return fail(res, 404, "Subscription not found");
      return ok(res, "Subscription retrieved", subscriptionJson(s));
    }
    if (req.method === "GET" && path === "/subscription") {
      const customer = url.searchParams.get("customer");
      const plan = url.searchParams.get("plan");
      const list = [...subscriptions.values()]
        .filter((s) => !customer || String(s.customer.id) === customer || s.customer.customer_code === customer)
        .filter((s) => !plan || String(s.plan.id) === plan || s.plan.plan_code === plan)
        .reverse()
        .map(subscriptionJson);
      return ok(res, "Subscriptions retrieved", list);
    }
    if (req.method === "GET" && path === "/plan") return ok(res, "Plans retrieved", plans.map(planJson));

    return fail(res, 404, `Route not found: ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, (error as Error).message);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const subscriptionOrThrow = (subscriptionCode: string) => {
    const s = subscriptions.get(subscriptionCode);
    if (!s) throw new Error(`unknown subscription ${subscriptionCode}`);
    return s;
  };

  return {
    url: baseUrl,
    secretKey,
    plans,
    customers,
    transactions,
    subscriptions,
    requests,
    deliveries,
    /** The PAYSTACK_* variables that point the app at this fake. */
    env(): Record<string, string> {
      const [starter, pro, enterprise] = plans;
      return {
        PAYSTACK_BASE_URL: baseUrl,
        PAYSTACK_SECRET_KEY: secretKey,
        PAYSTACK_PLAN_STARTER: starter?.plan_code ?? "",
        PAYSTACK_PLAN_PRO: pro?.plan_code ?? "",
        PAYSTACK_PLAN_ENTERPRISE: enterprise?.plan_code ?? "",
        PAYSTACK_CURRENCY: starter?.currency ?? "NGN",
      };
    },
    setWebhookTarget(target: WebhookTarget | undefined) {
      webhookTarget = target;
    },
    /** The next `times` API calls whose path starts with `pathPrefix` misbehave. */
    misbehave(mode: Misbehaviour, times = 1, pathPrefix = "/") {
      misbehaviours.push({ mode, remaining: times, pathPrefix });
    },
    pay,
    deliver,
    sign: (rawBody: string) => signPaystackBody(rawBody, secretKey),
    /** The JSON Paystack would send for these objects (for hand-built, reordered or replayed events). */
    payloads: {
      charge: (reference: string) => chargeJson(transactions.get(reference)!),
      subscription: (subscriptionCode: string) => subscriptionJson(subscriptionOrThrow(subscriptionCode)),
      invoice: (
        subscriptionCode: string,
        invoice: { invoice_code: string; status: "pending" | "success" | "failed"; start: Date; end: Date },
      ) => invoiceJson(subscriptionOrThrow(subscriptionCode), invoice, null),
    },
    /**
     * A renewal the way Paystack runs it: invoice.create (pending), then either invoice.update (paid) and
     * charge.success, or invoice.payment_failed (the subscription goes to "attention").
     */
    async renew(subscriptionCode: string, outcome: "success" | "failed" = "success") {
      const s = subscriptionOrThrow(subscriptionCode);
      const start = s.next_payment_date ? new Date(s.next_payment_date) : new Date();
      const invoice = { invoice_code: code("INV"), status: "pending" as const, start, end: addMonth(start) };
      await deliver("invoice.create", invoiceJson(s, invoice, null));
      if (outcome === "failed") {
        s.status = "attention";
        await deliver("invoice.payment_failed", invoiceJson(s, { ...invoice, status: "failed" }, null));
        return invoice.invoice_code;
      }
      const t: FakeTransaction = {
        id: nextId++,
        reference: code("T"),
        access_code: "",
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
      transactions.set(t.reference, t);
      s.status = "active";
      s.next_payment_date = invoice.end.toISOString();
      await deliver("invoice.update", invoiceJson(s, { ...invoice, status: "success" }, t));
      await deliver("charge.success", chargeJson(t));
      return invoice.invoice_code;
    },
    /** The paid period ends: a non-renewing subscription becomes cancelled (subscription.disable). */
    async endPeriod(subscriptionCode: string, status: "cancelled" | "completed" = "cancelled") {
      const s = subscriptionOrThrow(subscriptionCode);
      s.status = status;
      s.next_payment_date = null;
      return deliver("subscription.disable", {
        ...subscriptionJson(s),
        status: status === "completed" ? "complete" : status,
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export type PaystackFake = Awaited<ReturnType<typeof startPaystackFake>>;

// Standalone: `npx tsx tests/fakes/paystack-fake.ts --port 4010 --webhook <url>` (for the browser journey).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const fake = await startPaystackFake({
    port: Number(arg("port") ?? 0),
    secretKey: arg("secret") ?? process.env.PAYSTACK_SECRET_KEY,
    webhookTarget: arg("webhook"),
  });
  for (const [key, value] of Object.entries(fake.env())) console.log(`${key}=${value}`);
  console.log(`# Paystack fake listening on ${fake.url} (Ctrl-C to stop)`);
  process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
  process.on("SIGINT", () => void fake.close().then(() => process.exit(0)));
}
