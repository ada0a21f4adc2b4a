import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as callback from "@/app/api/billing/callback/route";
import * as cancel from "@/app/api/billing/cancel/route";
import * as checkout from "@/app/api/billing/checkout/route";
import * as manageLink from "@/app/api/billing/manage-link/route";
import { db } from "@/server/db/client";
import { postWebhook, startBillingFake } from "../api/billing-setup";
import { routes } from "../api/routes";
import type { PaystackFake } from "../fakes/paystack-fake";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import {
  disableRequestSchema,
  expiringCardsSchema,
  initializeRequestSchema,
  initializeResponseSchema,
  paystackEndpoints,
  paystackEventNames,
  responseSchemas,
  webhookEventSchema,
} from "./paystack";

// Contract tests (issue 18): our client's requests, our fake's answers and webhooks, and payloads rebuilt
// from Paystack's documented samples, all checked against tests/contracts/paystack.ts.

let fake: PaystackFake;
beforeAll(async () => {
  fake = await startBillingFake();
});
afterAll(() => fake.close());

const issues = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

let counter = 0;
async function ownerWithOrganization(): Promise<{ owner: TestUser; organizationId: string }> {
  const owner = await signUpAndSignIn(`contract-${++counter}`);
  const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: `Contract ${counter}` } });
  return { owner, organizationId: (created.json as { organization: { id: string } }).organization.id };
}

/** Checkout, pay on the hosted page, come back through the callback: every call billing makes on the way. */
async function buy(owner: TestUser, plan: "STARTER" | "PRO") {
  const started = await callRoute(checkout.POST, { user: owner, body: { plan } });
  expect(started.status, JSON.stringify(started.json)).toBe(201);
  const { reference } = started.json as { reference: string };
  await fake.pay(reference);
  const back = await callRoute(callback.GET, { user: owner, path: `/api/billing/callback?reference=${reference}` });
  expect(back.headers.get("location")).toContain("checkout=paid");
  return reference;
}

describe("Paystack contract: what our client sends", () => {
  it("every request billing makes is an endpoint, parameter and type Paystack defines", async () => {
    // With webhooks: linked by subscription.create; cancel and the manage link use the stored code.
    const first = await ownerWithOrganization();
    await buy(first.owner, "STARTER");
    expect((await callRoute(manageLink.GET, { user: first.owner })).status).toBe(200);
    expect((await callRoute(cancel.POST, { user: first.owner })).status).toBe(200);
    // Without webhooks: cancel looks the subscription up in Paystack's list first.
    fake.setWebhookTarget(undefined);
    const second = await ownerWithOrganization();
    await buy(second.owner, "PRO");
    expect((await callRoute(cancel.POST, { user: second.owner })).status).toBe(200);
    fake.setWebhookTarget(async (rawBody, signature) => (await postWebhook(rawBody, signature)).status);

    const api = fake.requests.filter((r) => !r.path.startsWith("/checkout/") && !r.path.startsWith("/manage/"));
    const used = new Set<string>();
    for (const request of api) {
      const url = new URL(request.path, fake.url);
      const endpoint = paystackEndpoints.find((e) => e.method === request.method && e.path.test(url.pathname));
      expect(endpoint, `${request.method} ${url.pathname} is not a Paystack endpoint we know`).toBeDefined();
      used.add(`${endpoint!.method} ${endpoint!.path.source}`);
      expect(request.authorized, `${request.method} ${request.path} without the bearer key`).toBe(true);
      if ("body" in endpoint! && endpoint.body) {
        expect(issues(endpoint.body, request.body), `${request.method} ${url.pathname}`).toEqual([]);
      }
      if ("query" in endpoint! && endpoint.query) {
        expect(issues(endpoint.query, Object.fromEntries(url.searchParams)), request.path).toEqual([]);
      }
    }
    // The flows above reached every endpoint billing uses but Fetch customer's siblings.
    expect(used.size).toBeGreaterThanOrEqual(paystackEndpoints.length - 1);
  });

  it("the schemas refuse a parameter Paystack does not define and codes where ids are expected", () => {
    const body = { email: "a@example.com", amount: "100", reference: "scr-1", channels: ["card"] };
    expect(issues(initializeRequestSchema, body)).toEqual([]);
    expect(issues(initializeRequestSchema, { ...body, plan_code: "PLN_x" })).not.toEqual([]);
    expect(issues(initializeRequestSchema, { ...body, metadata: { a: 1 } })).not.toEqual([]);
    expect(issues(initializeRequestSchema, { ...body, channels: ["cash"] })).not.toEqual([]);
    expect(issues(disableRequestSchema, { code: "SUB_x", token: "t", reason: "x" })).not.toEqual([]);
    const list = paystackEndpoints.find((e) => e.path.test("/subscription") && e.method === "GET")!;
    expect("query" in list && issues(list.query, { customer: "CUS_abc" })).not.toEqual([]);
  });
});

describe("Paystack contract: what our fake answers and sends", () => {
  const get = async (path: string) => {
    const res = await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${fake.secretKey}` } });
    return (await res.json()) as unknown;
  };

  it("every API answer has the documented shape and no invented field", async () => {
    const initialized = await fetch(`${fake.url}/transaction/initialize`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "shape@example.com", amount: "990000", plan: fake.plans[0]!.plan_code }),
    });
    const init = (await initialized.json()) as { data: { reference: string } };
    expect(issues(initializeResponseSchema, init)).toEqual([]);
    expect(issues(responseSchemas.verify, await get(`/transaction/verify/${init.data.reference}`))).toEqual([]);
    await fake.pay(init.data.reference);
    expect(issues(responseSchemas.verify, await get(`/transaction/verify/${init.data.reference}`))).toEqual([]);

    const [subscription] = [...fake.subscriptions.values()].filter((s) => s.customer.email === "shape@example.com");
    const code = subscription!.subscription_code;
    expect(issues(responseSchemas.fetchSubscription, await get(`/subscription/${code}`))).toEqual([]);
    expect(
      issues(responseSchemas.listSubscriptions, await get(`/subscription?customer=${subscription!.customer.id}`)),
    ).toEqual([]);
    expect(
      issues(responseSchemas.fetchCustomer, await get(`/customer/${subscription!.customer.customer_code}`)),
    ).toEqual([]);
    expect(issues(responseSchemas.listPlans, await get("/plan"))).toEqual([]);
    expect(issues(responseSchemas.manageLink, await get(`/subscription/${code}/manage/link`))).toEqual([]);
    const disabled = await fetch(`${fake.url}/subscription/disable`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ code, token: subscription!.email_token }),
    });
    expect(issues(responseSchemas.disable, await disabled.json())).toEqual([]);
  });

  it("every webhook the fake sends is a documented event with the documented data", async () => {
    const { owner } = await ownerWithOrganization();
    await buy(owner, "STARTER");
    const code = [...fake.subscriptions.values()].at(-1)!.subscription_code;
    await fake.renew(code, "success");
    await fake.renew(code, "failed");
    await fake.endPeriod(code, "completed");
    expect(new Set(fake.deliveries.map((d) => d.event))).toEqual(
      new Set([
        "charge.success",
        "subscription.create",
        "subscription.not_renew",
        "invoice.create",
        "invoice.update",
        "invoice.payment_failed",
        "subscription.disable",
      ]),
    );
    for (const delivery of fake.deliveries) {
      expect(paystackEventNames).toContain(delivery.event);
      expect(issues(webhookEventSchema, JSON.parse(delivery.rawBody)), delivery.event).toEqual([]);
    }
  });
});

describe("Paystack contract: the documented samples through our webhook handler", () => {
  /** Paystack's sample objects (doc-code-snippets), rebuilt with our own values. */
  const sampleCustomer = (code: string, id: number) => ({
    id,
    first_name: "BoJack",
    last_name: "Horseman",
    email: "bojack@example.com",
    customer_code: code,
    phone: "",
    metadata: {},
    risk_action: "default",
  });
  const sampleAuthorization = {
    authorization_code: "AUTH_96xphygz",
    bin: "539983",
    last4: "7357",
    exp_month: "10",
    exp_year: "2030",
    card_type: "MASTERCARD DEBIT",
    bank: "GTBANK",
    country_code: "NG",
    brand: "MASTERCARD",
    account_name: "BoJack Horseman",
    channel: "card",
    reusable: true,
    signature: "SIG_sample",
  };
  const deliver = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await postWebhook(raw, fake.sign(raw));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json?.outcome;
  };

  it("subscription.create without email_token, invoice.create already paid with period_end before period_start, invoice.payment_failed, expiring_cards", async () => {
    fake.setWebhookTarget(undefined);
    const { owner, organizationId } = await ownerWithOrganization();
    await buy(owner, "STARTER");
    fake.setWebhookTarget(async (rawBody, signature) => (await postWebhook(rawBody, signature)).status);
    const onPaystack = [...fake.subscriptions.values()].at(-1)!;
    const plan = { ...fake.payloads.subscription(onPaystack.subscription_code).plan, domain: "test" };
    const customer = sampleCustomer(onPaystack.customer.customer_code, onPaystack.customer.id);
    const now = new Date();
    const next = new Date(now.getTime() + 30 * 86_400_000);

    const create = {
      event: "subscription.create",
      data: {
        domain: "test",
        status: "active",
        subscription_code: onPaystack.subscription_code,
        amount: plan.amount,
        cron_expression: "0 0 28 * *",
        next_payment_date: next.toISOString(),
        open_invoice: null,
        createdAt: now.toISOString(),
        plan,
        authorization: sampleAuthorization,
        customer,
        created_at: now.toISOString(),
      },
    };
    expect(issues(webhookEventSchema, create)).toEqual([]);
    expect(await deliver(create)).toBe("processed");
    const linked = await db().subscription.findUniqueOrThrow({ where: { organizationId } });
    expect(linked.paystackEmailToken).toBe(onPaystack.email_token);

    const invoice = (event: string, status: "success" | "failed", invoiceCode: string, periodStart: Date) => ({
      event,
      data: {
        domain: "test",
        invoice_code: invoiceCode,
        amount: plan.amount,
        period_start: periodStart.toISOString(),
        period_end: new Date(periodStart.getTime() - 15 * 3_600_000).toISOString(),
        status,
        paid: status === "success",
        paid_at: status === "success" ? periodStart.toISOString() : null,
        description: null,
        authorization: sampleAuthorization,
        subscription: {
          status: status === "success" ? "active" : "attention",
          subscription_code: onPaystack.subscription_code,
          email_token: onPaystack.email_token,
          amount: plan.amount,
          cron_expression: "0 0 28 * *",
          next_payment_date: new Date(periodStart.getTime() + 30 * 86_400_000).toISOString(),
          open_invoice: null,
        },
        customer,
        transaction:
          status === "success"
            ? { reference: `sample-${invoiceCode}`, status, amount: plan.amount, currency: "NGN" }
            : {},
        created_at: periodStart.toISOString(),
      },
    });
    const paid = invoice("invoice.create", "success", `INV_samplepaid${counter}`, next);
    expect(issues(webhookEventSchema, paid)).toEqual([]);
    expect(await deliver(paid)).toBe("processed");
    expect(
      (await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: paid.data.invoice_code } })).status,
    ).toBe("PAID");

    const failed = invoice(
      "invoice.payment_failed",
      "failed",
      `INV_samplefail${counter}`,
      new Date(next.getTime() + 30 * 86_400_000),
    );
    expect(issues(webhookEventSchema, failed)).toEqual([]);
    expect(await deliver(failed)).toBe("processed");
    expect((await db().subscription.findUniqueOrThrow({ where: { organizationId } })).status).toBe("ATTENTION");

    const expiring = {
      event: "subscription.expiring_cards",
      data: [
        {
          expiry_date: "12/2030",
          description: "mastercard ending with 7357",
          brand: "mastercard",
          subscription: {
            id: onPaystack.id,
            subscription_code: onPaystack.subscription_code,
            amount: plan.amount,
            next_payment_date: next.toISOString(),
            plan: { interval: "monthly", id: plan.id, name: plan.name, plan_code: plan.plan_code },
          },
          customer: { ...customer, phone: null },
        },
      ],
    };
    expect(issues(expiringCardsSchema, expiring.data)).toEqual([]);
    expect(issues(webhookEventSchema, expiring)).toEqual([]);
    expect(await deliver(expiring)).toBe("ignored");
  });

  it("a fake payload with an invented field fails the schema", () => {
    const [delivery] = fake.deliveries.filter((d) => d.event === "subscription.create");
    const body = JSON.parse(delivery!.rawBody) as { event: string; data: Record<string, unknown> };
    expect(issues(webhookEventSchema, body)).toEqual([]);
    expect(issues(webhookEventSchema, { ...body, data: { ...body.data, renews_at: "soon" } })).not.toEqual([]);
  });
});
