// The Paystack fake's HTTP side: the API routes billing calls (bearer secret key, Paystack's
// { status, message, data } envelope), the hosted checkout and manage pages, and misbehaviours.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type FakePlan,
  type FakeTransaction,
  paystackChannels,
  planJson,
  subscriptionJson,
} from "./paystack-fake-payloads";
import type { PaystackFakeState } from "./paystack-fake-state";
import { readRequestText } from "./request-body";

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
export const fail = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { status: false, message });

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Answers one request to the fake: the API (bearer secret key, misbehaviours) or a hosted page. */
export async function handlePaystackRequest(
  state: PaystackFakeState,
  req: IncomingMessage,
  res: ServerResponse,
  hangMs = 10_000,
): Promise<unknown> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const path = url.pathname;
  const raw = await readRequestText(req);
  const isPage = path.startsWith("/checkout/") || path.startsWith("/manage/");
  let body: Record<string, unknown> = {};
  if (raw && !isPage) {
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return fail(res, 400, "Invalid JSON body");
    }
  }
  const authorized = req.headers.authorization === `Bearer ${state.secretKey}`;
  state.requests.push({ method: req.method ?? "GET", path: `${path}${url.search}`, body, authorized });

  if (!isPage) {
    const trouble = state.misbehaviours.find((m) => m.remaining > 0 && path.startsWith(m.pathPrefix));
    if (trouble) {
      trouble.remaining--;
      if (trouble.mode === "500") return fail(res, 500, "An error occurred");
      if (trouble.mode === "401") return fail(res, 401, "Invalid key");
      if (trouble.mode === "bad-json") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"status": true, "message": "Authorization URL crea');
      }
      await new Promise((resolve) => setTimeout(resolve, hangMs));
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
      plan = state.plans.find((p) => p.plan_code === body.plan) ?? null;
      if (!plan) return fail(res, 400, "Plan not found");
      amount = plan.amount;
    }
    if (!Number.isInteger(amount) || amount <= 0) return fail(res, 400, "Invalid Amount Sent");
    // Paystack generates an alphanumeric reference when none is given.
    const reference =
      typeof body.reference === "string" && body.reference ? body.reference : randomBytes(8).toString("hex");
    if (!/^[A-Za-z0-9.=-]+$/.test(reference)) return fail(res, 400, "Invalid transaction reference");
    if (state.transactions.has(reference)) return fail(res, 400, "Duplicate Transaction Reference");
    const metadata =
      typeof body.metadata === "string"
        ? (JSON.parse(body.metadata) as Record<string, unknown>)
        : ((body.metadata as Record<string, unknown> | undefined) ?? null);
    const channels = body.channels;
    if (
      channels !== undefined &&
      (!Array.isArray(channels) || channels.some((c) => !paystackChannels.includes(String(c))))
    ) {
      return fail(res, 400, "Invalid channels");
    }
    const t: FakeTransaction = {
      id: state.newId(),
      channels: Array.isArray(channels) ? channels.map(String) : null,
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
    state.transactions.set(reference, t);
    return ok(res, "Authorization URL created", {
      authorization_url: `${state.baseUrl}/checkout/${encodeURIComponent(reference)}`,
      access_code: t.access_code,
      reference,
    });
  }
  const verify = /^\/transaction\/verify\/([^/]+)$/.exec(path);
  if (req.method === "GET" && verify) {
    const t = state.transactions.get(decodeURIComponent(verify[1]!));
    if (!t) return fail(res, 400, "Transaction reference not found");
    return ok(res, "Verification successful", state.verifyJson(t));
  }

  // ── Hosted checkout ──
  const checkout = /^\/checkout\/([^/]+)(\/pay)?$/.exec(path);
  if (checkout) {
    const t = state.transactions.get(decodeURIComponent(checkout[1]!));
    if (!t) {
      res.writeHead(404, { "content-type": "text/html" });
      return res.end("<h1>Transaction not found</h1>");
    }
    if (req.method === "POST" && checkout[2]) {
      const outcome = new URLSearchParams(raw).get("outcome") === "failed" ? "failed" : "success";
      await state.pay(t.reference, outcome);
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
    const s = state.subscriptions.get(decodeURIComponent(manage[1]!));
    res.writeHead(s ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    return res.end(`<h1>Manage subscription</h1><p>${escapeHtml(s ? `${s.plan.name}: ${s.status}` : "not found")}</p>`);
  }

  // ── Subscriptions and plans ──
  if (req.method === "POST" && path === "/subscription/disable") {
    const s = state.subscriptions.get(String(body.code ?? ""));
    if (!s || s.email_token !== body.token || (s.status !== "active" && s.status !== "attention")) {
      return fail(res, 400, "Subscription with code not found or already inactive");
    }
    // Both orders Paystack is seen to use: not_renew now and disable at the period's end (default), or
    // disable straight away.
    if (state.disableOrder === "immediate") {
      s.status = "cancelled";
      await state.deliver("subscription.disable", subscriptionJson(s));
    } else {
      s.status = "non-renewing";
      await state.deliver("subscription.not_renew", subscriptionJson(s));
    }
    return ok(res, "Subscription disabled successfully");
  }
  const link = /^\/subscription\/([^/]+)\/manage\/link$/.exec(path);
  if (req.method === "GET" && link) {
    const s = state.subscriptions.get(decodeURIComponent(link[1]!));
    if (!s) return fail(res, 404, "Subscription not found");
    return ok(res, "Link generated", { link: `${state.baseUrl}/manage/${encodeURIComponent(s.subscription_code)}` });
  }
  const one = /^\/subscription\/([^/]+)$/.exec(path);
  if (req.method === "GET" && one) {
    const s = state.subscriptions.get(decodeURIComponent(one[1]!));
    if (!s) return fail(res, 404, "Subscription not found");
    return ok(res, "Subscription retrieved", subscriptionJson(s));
  }
  if (req.method === "GET" && path === "/subscription") {
    const customer = url.searchParams.get("customer");
    const plan = url.searchParams.get("plan");
    // Paystack's OpenAPI types both filters as integers (the ids); a CUS_/PLN_ code is refused.
    for (const [name, value] of [
      ["customer", customer],
      ["plan", plan],
    ] as const) {
      if (value !== null && !/^\d+$/.test(value)) return fail(res, 400, `${name} must be an integer`);
    }
    const list = [...state.subscriptions.values()]
      .filter((s) => state.listIgnoresFilters || !customer || String(s.customer.id) === customer)
      .filter((s) => state.listIgnoresFilters || !plan || String(s.plan.id) === plan)
      .reverse()
      .map((s) => subscriptionJson(s));
    return ok(res, "Subscriptions retrieved", list);
  }
  const customerPath = /^\/customer\/([^/]+)$/.exec(path);
  if (req.method === "GET" && customerPath) {
    const key = decodeURIComponent(customerPath[1]!);
    const customer = [...state.customers.values()].find((c) => c.customer_code === key || c.email === key);
    if (!customer) return fail(res, 404, "Customer not found");
    return ok(res, "Customer retrieved", customer);
  }
  if (req.method === "GET" && path === "/plan") return ok(res, "Plans retrieved", state.plans.map(planJson));

  return fail(res, 404, `Route not found: ${req.method} ${path}`);
}
