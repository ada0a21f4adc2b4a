import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as billing from "@/app/api/billing/route";
import * as callback from "@/app/api/billing/callback/route";
import * as cancel from "@/app/api/billing/cancel/route";
import * as checkout from "@/app/api/billing/checkout/route";
import * as manageLink from "@/app/api/billing/manage-link/route";
import * as usage from "@/app/api/billing/usage/route";
import { usagePeriod } from "@/server/billing/usage-period";
import { db } from "@/server/db/client";
import type { PaystackFake } from "../fakes/paystack-fake";
import type { TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { billingSnapshot, call, organizationWithRoles, postWebhook, startBillingFake } from "./billing-setup";

interface Overview {
  plan: { id: string; limits: { booksPerMonth: number | null; storageBytes: number | null } };
  plans: { id: string; purchasable: boolean; current: boolean; monthlyPrice: number }[];
  subscription: { plan: string; status: string; manageable: boolean; currentPeriodEnd: string | null } | null;
  usage: { periodStart: string; metrics: { metric: string; used: number; limit: number | null; unit: string }[] };
  invoices: { status: string; amount: number; currency: string; reference: string | null; items: unknown[] }[];
  canManage: boolean;
}

let fake: PaystackFake;
beforeAll(async () => {
  fake = await startBillingFake();
});
afterAll(() => fake.close());

/** What a browser does on the fake's hosted page: press Pay (or Decline) and follow the redirect home. */
async function payOnHostedPage(authorizationUrl: string, outcome: "success" | "failed" = "success") {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<button");
  const reference = decodeURIComponent(new URL(authorizationUrl).pathname.split("/").pop()!);
  const paid = await fetch(`${fake.url}/checkout/${encodeURIComponent(reference)}/pay`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: "manual",
  });
  expect(paid.status).toBe(302);
  const location = new URL(paid.headers.get("location")!);
  expect(location.pathname).toBe("/api/billing/callback");
  expect(location.searchParams.get("reference")).toBe(reference);
  return `${location.pathname}${location.search}`;
}

describe("billing: upgrade, manage and cancel through Paystack", () => {
  let org: Awaited<ReturnType<typeof organizationWithRoles>>;
  let reference: string;

  beforeAll(async () => {
    org = await organizationWithRoles("upgrade");
  });

  it("shows the FREE plan, its limits, this month's usage and every plan on offer", async () => {
    const res = await call(billing.GET, org.owner);
    expect(res.status).toBe(200);
    const body = res.json as unknown as Overview;
    expect(body.plan).toMatchObject({ id: "FREE", limits: { booksPerMonth: 10, storageBytes: 1024 ** 3 } });
    expect(body.plans.map((p) => [p.id, p.purchasable, p.current])).toEqual([
      ["FREE", false, true],
      ["STARTER", true, false],
      ["PRO", true, false],
      ["ENTERPRISE", true, false],
    ]);
    expect(body.subscription).toBeNull();
    expect(body.usage.periodStart).toBe(usagePeriod().periodStart.toISOString());
    expect(body.usage.metrics.map((m) => [m.metric, m.used, m.limit])).toEqual([
      ["BOOKS_CREATED", 0, 10],
      ["STORAGE_USED", 0, 1024 ** 3],
      ["API_CALLS", 0, 0],
    ]);
    expect(body.invoices).toEqual([]);
    expect(body.canManage).toBe(true);
  });

  it("OWNER checks out STARTER: the plan changes only once Paystack's verify confirms the payment", async () => {
    fake.setWebhookTarget(undefined); // this time the browser comes back before any webhook
    const res = await call(checkout.POST, org.owner, { body: { plan: "STARTER" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const started = res.json as { authorizationUrl: string; reference: string; amount: number; currency: string };
    expect(started.authorizationUrl.startsWith(fake.url)).toBe(true);
    expect(started).toMatchObject({ amount: 9_900_00, currency: "NGN" });
    reference = started.reference;
    const sent = fake.transactions.get(reference)!;
    expect(sent.email).toBe(org.owner.email);
    expect(sent.plan?.plan_code).toBe(process.env.PAYSTACK_PLAN_STARTER);
    expect(sent.callback_url).toBe("http://localhost:3000/api/billing/callback");
    expect(sent.metadata).toMatchObject({ organizationId: org.organizationId, plan: "STARTER" });
    // Only a card can be charged again for the renewals (no one-off transfer, USSD or QR payment).
    expect(sent.channels).toEqual(["card"]);
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("FREE");

    // Coming back without paying (or forging the URL) changes nothing: verify still says "abandoned".
    const early = await call(callback.GET, null, { path: `/api/billing/callback?reference=${reference}` });
    expect(early.status).toBe(303);
    expect(early.headers.get("location")).toBe("http://localhost:3000/app/settings/billing?checkout=pending");
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("FREE");

    const callbackPath = await payOnHostedPage(started.authorizationUrl);
    const back = await call(callback.GET, org.owner, { path: callbackPath });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("http://localhost:3000/app/settings/billing?checkout=paid");

    const organization = await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } });
    expect(organization.plan).toBe("STARTER");
    const subscription = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(subscription).toMatchObject({ plan: "STARTER", status: "ACTIVE", paystackSubscriptionCode: null });
    expect(subscription.paystackCustomerCode).toMatch(/^CUS_/);
    const invoices = await db().invoice.findMany({
      where: { organizationId: org.organizationId },
      include: { items: true },
    });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      status: "PAID",
      amount: 9_900_00,
      currency: "NGN",
      paystackReference: reference,
    });
    expect(invoices[0]!.items).toMatchObject([
      { description: "Starter plan, first month", amount: 9_900_00, quantity: 1 },
    ]);
    const activity = await db().activityLog.findFirstOrThrow({
      where: { organizationId: org.organizationId, action: "billing.subscription_activated" },
    });
    expect(activity.actorId).toBe(org.owner.id);
    expect(activity.metadata).toMatchObject({ plan: { from: "FREE", to: "STARTER" } });

    // The same callback again (browser refresh) settles nothing twice.
    const again = await call(callback.GET, org.owner, { path: callbackPath });
    expect(again.headers.get("location")).toContain("checkout=paid");
    expect(await db().invoice.count({ where: { organizationId: org.organizationId } })).toBe(1);
  });

  it("the webhooks that arrive after the callback link Paystack's subscription and change nothing else", async () => {
    const pending = fake.deliveries.filter((d) => d.status === null);
    expect(pending.map((d) => JSON.parse(d.rawBody).event)).toEqual(["charge.success", "subscription.create"]);
    const outcomes = [];
    for (const d of pending) outcomes.push((await postWebhook(d.rawBody, d.signature)).json?.outcome);
    expect(outcomes).toEqual(["ignored", "processed"]);
    fake.setWebhookTarget(async (rawBody, signature) => (await postWebhook(rawBody, signature)).status);

    const body = (await call(billing.GET, org.admin)).json as unknown as Overview;
    expect(body.plan).toMatchObject({ id: "STARTER", limits: { booksPerMonth: 100, storageBytes: 10 * 1024 ** 3 } });
    expect(body.subscription).toMatchObject({ plan: "STARTER", status: "ACTIVE", manageable: true });
    expect(body.invoices).toHaveLength(1);
    expect(body.invoices[0]).toMatchObject({ status: "PAID", amount: 9_900_00, reference });
    expect(body.canManage).toBe(false);
    const subscription = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(fake.subscriptions.get(subscription.paystackSubscriptionCode!)?.email_token).toBe(
      subscription.paystackEmailToken,
    );
  });

  it("buying the plan it already has is refused (409 on field plan)", async () => {
    const res = await call(checkout.POST, org.owner, { body: { plan: "STARTER" } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: { code: "CONFLICT", field: "plan" } });
  });

  it("OWNER gets Paystack's manage link", async () => {
    const res = await call(manageLink.GET, org.owner);
    expect(res.status).toBe(200);
    const { link } = res.json as { link: string };
    expect(link.startsWith(`${fake.url}/manage/SUB_`)).toBe(true);
  });

  it("cancel: NON_RENEWING with the plan kept until the period ends, then CANCELLED and FREE on subscription.disable", async () => {
    const res = await call(cancel.POST, org.owner);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((res.json as { subscription: { status: string } }).subscription.status).toBe("NON_RENEWING");
    const subscription = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(subscription.status).toBe("NON_RENEWING");
    expect(subscription.cancelledAt).not.toBeNull();
    expect(fake.subscriptions.get(subscription.paystackSubscriptionCode!)?.status).toBe("non-renewing");
    expect(fake.deliveries.at(-1)).toMatchObject({ event: "subscription.not_renew", status: 200 });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("STARTER");

    const twice = await call(cancel.POST, org.owner);
    expect(twice.status).toBe(409);

    // The paid period is over when Paystack sends subscription.disable (an earlier one keeps the plan).
    await db().subscription.update({
      where: { id: subscription.id },
      data: { currentPeriodEnd: new Date(Date.now() - 1000) },
    });
    const ended = await fake.endPeriod(subscription.paystackSubscriptionCode!);
    expect(ended.status).toBe(200);
    const after = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(after.status).toBe("CANCELLED");
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("FREE");
    const log = await db().activityLog.findFirstOrThrow({
      where: { organizationId: org.organizationId, action: "billing.subscription_ended" },
    });
    expect(log.metadata).toMatchObject({ status: "CANCELLED", plan: { from: "STARTER", to: "FREE" } });
  });

  it("a declined payment leaves the checkout FAILED and the plan unchanged", async () => {
    const res = await call(checkout.POST, org.owner, { body: { plan: "PRO" } });
    expect(res.status).toBe(201);
    const { authorizationUrl, reference: declined } = res.json as { authorizationUrl: string; reference: string };
    const back = await call(callback.GET, org.owner, { path: await payOnHostedPage(authorizationUrl, "failed") });
    expect(back.headers.get("location")).toContain("checkout=failed");
    expect(await db().billingCheckout.findUniqueOrThrow({ where: { reference: declined } })).toMatchObject({
      status: "FAILED",
    });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("FREE");

    // The customer retries on the same page with another card: Paystack's charge.success settles it.
    const retried = await payOnHostedPage(authorizationUrl, "success");
    expect(fake.deliveries.at(-2)).toMatchObject({ event: "charge.success", status: 200 });
    expect(await db().billingCheckout.findUniqueOrThrow({ where: { reference: declined } })).toMatchObject({
      status: "PAID",
    });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("PRO");
    const back2 = await call(callback.GET, org.owner, { path: retried });
    expect(back2.headers.get("location")).toContain("checkout=paid");
  });

  it("usage history: one point per month, oldest first, the current month last", async () => {
    const { periodStart, periodEnd } = usagePeriod(new Date(), -2);
    await db().usageMetric.create({
      data: { organizationId: org.organizationId, metric: "API_CALLS", value: 42, periodStart, periodEnd },
    });
    const res = await call(usage.GET, org.member, { path: "/api/billing/usage?months=3" });
    expect(res.status).toBe(200);
    const { months } = res.json as { months: { periodStart: string; values: Record<string, number> }[] };
    expect(months.map((m) => m.periodStart)).toEqual(
      [-2, -1, 0].map((offset) => usagePeriod(new Date(), offset).periodStart.toISOString()),
    );
    expect(months[0]!.values).toEqual({ BOOKS_CREATED: 0, STORAGE_USED: 0, API_CALLS: 42 });
    const defaults = await call(usage.GET, org.owner, { path: "/api/billing/usage" });
    expect((defaults.json as { months: unknown[] }).months).toHaveLength(6);
  });
});

describe("billing: permissions, other tenants, malformed input, provider failures", () => {
  let org: Awaited<ReturnType<typeof organizationWithRoles>>;
  let other: Awaited<ReturnType<typeof organizationWithRoles>>;

  beforeAll(async () => {
    org = await organizationWithRoles("perm");
    other = await organizationWithRoles("other");
  });

  const refusedWithoutChange = async (user: TestUser, attempt: () => Promise<{ status: number }>, status = 403) => {
    const before = [await billingSnapshot(org.organizationId), await tenantSnapshot(org.organizationId, [user.id])];
    const res = await attempt();
    expect(res.status).toBe(status);
    expect([await billingSnapshot(org.organizationId), await tenantSnapshot(org.organizationId, [user.id])]).toEqual(
      before,
    );
  };

  it("ADMIN reads billing but cannot check out, cancel or open the manage link", async () => {
    const read = await call(billing.GET, org.admin);
    expect(read.status).toBe(200);
    expect((read.json as unknown as Overview).canManage).toBe(false);
    const requests = fake.requests.length;
    await refusedWithoutChange(org.admin, () => call(checkout.POST, org.admin, { body: { plan: "STARTER" } }));
    await refusedWithoutChange(org.admin, () => call(cancel.POST, org.admin));
    await refusedWithoutChange(org.admin, () => call(manageLink.GET, org.admin));
    expect(fake.requests.length).toBe(requests); // nothing reached Paystack
  });

  it("MEMBER and GUEST cannot read or manage billing; MEMBER may read the usage history, GUEST not", async () => {
    for (const user of [org.member, org.guest]) {
      await refusedWithoutChange(user, () => call(billing.GET, user));
      await refusedWithoutChange(user, () => call(checkout.POST, user, { body: { plan: "PRO" } }));
      await refusedWithoutChange(user, () => call(cancel.POST, user));
      await refusedWithoutChange(user, () => call(manageLink.GET, user));
    }
    expect((await call(usage.GET, org.member)).status).toBe(200);
    await refusedWithoutChange(org.guest, () => call(usage.GET, org.guest));
    expect((await call(billing.GET, null)).status).toBe(401);
  });

  it("another organization's OWNER only ever acts on their own organization", async () => {
    const before = await billingSnapshot(org.organizationId);
    const res = await call(checkout.POST, other.owner, { body: { plan: "STARTER" } });
    expect(res.status).toBe(201);
    const { reference } = res.json as { reference: string };
    expect((await db().billingCheckout.findUniqueOrThrow({ where: { reference } })).organizationId).toBe(
      other.organizationId,
    );
    expect((await call(cancel.POST, other.owner)).status).toBe(409); // no subscription of its own
    const overview = (await call(billing.GET, other.owner)).json as unknown as Overview;
    expect(overview.invoices).toEqual([]);
    expect(await billingSnapshot(org.organizationId)).toBe(before);
  });

  it("malformed input → 400 naming the field, nothing stored", async () => {
    const cases: [unknown, string | null, string][] = [
      [{ plan: "GOLD" }, "plan", "VALIDATION_FAILED"],
      [{ plan: "FREE" }, "plan", "VALIDATION_FAILED"],
      [{}, "plan", "VALIDATION_FAILED"],
      [{ plan: 3 }, "plan", "VALIDATION_FAILED"],
    ];
    for (const [body, field, code] of cases) {
      const before = await billingSnapshot(org.organizationId);
      const res = await call(checkout.POST, org.owner, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ error: { code, field } });
      expect(await billingSnapshot(org.organizationId)).toBe(before);
    }
    const notJson = await call(checkout.POST, org.owner, { rawBody: "{plan:" });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ error: { code: "INVALID_JSON" } });
    for (const months of ["0", "25", "abc", "1.5"]) {
      const res = await call(usage.GET, org.owner, { path: `/api/billing/usage?months=${months}` });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "VALIDATION_FAILED", field: "months" } });
    }
    const noReference = await call(callback.GET, null, { path: "/api/billing/callback" });
    expect(noReference.status).toBe(400);
    expect(noReference.json).toMatchObject({ error: { field: "reference" } });
    const unknown = await call(callback.GET, null, { path: "/api/billing/callback?reference=scr-nope" });
    expect(unknown.headers.get("location")).toContain("checkout=unknown");
  });

  it("Paystack down: checkout answers 502 and records a FAILED checkout; the callback leaves payment pending", async () => {
    fake.misbehave("500", 1, "/transaction/initialize");
    const res = await call(checkout.POST, org.owner, { body: { plan: "PRO" } });
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({
      error: { code: "PAYMENT_PROVIDER_ERROR", provider: "paystack", reason: "unavailable" },
    });
    const failed = await db().billingCheckout.findFirstOrThrow({
      where: { organizationId: org.organizationId },
      orderBy: { createdAt: "desc" },
    });
    expect(failed).toMatchObject({ status: "FAILED", plan: "PRO", authorizationUrl: null });

    const started = await call(checkout.POST, org.owner, { body: { plan: "PRO" } });
    const { authorizationUrl, reference } = started.json as { authorizationUrl: string; reference: string };
    fake.setWebhookTarget(undefined);
    const path = await payOnHostedPage(authorizationUrl);
    fake.misbehave("500", 3, "/transaction/verify");
    const back = await call(callback.GET, org.owner, { path });
    expect(back.headers.get("location")).toContain("checkout=pending");
    expect((await db().billingCheckout.findUniqueOrThrow({ where: { reference } })).status).toBe("PENDING");
    // Paystack's signed charge.success settles it anyway.
    const charge = fake.deliveries.find((d) => d.event === "charge.success" && d.rawBody.includes(reference))!;
    expect((await postWebhook(charge.rawBody, charge.signature)).json?.outcome).toBe("processed");
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("PRO");
    fake.setWebhookTarget(async (rawBody, signature) => (await postWebhook(rawBody, signature)).status);
  });

  it("cancel before subscription.create arrived: the subscription is looked up on Paystack, then disabled", async () => {
    const before = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(before).toMatchObject({ plan: "PRO", status: "ACTIVE", paystackSubscriptionCode: null });
    const res = await call(cancel.POST, org.owner);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const after = await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(after.status).toBe("NON_RENEWING");
    const onPaystack = fake.subscriptions.get(after.paystackSubscriptionCode!);
    expect(onPaystack?.customer.customer_code).toBe(before.paystackCustomerCode);
    expect(onPaystack?.status).toBe("non-renewing");
    // The late subscription.create cannot make it renew again.
    const late = fake.deliveries.find(
      (d) => d.event === "subscription.create" && d.rawBody.includes(after.paystackSubscriptionCode!),
    )!;
    await postWebhook(late.rawBody, late.signature);
    expect((await db().subscription.findUniqueOrThrow({ where: { organizationId: org.organizationId } })).status).toBe(
      "NON_RENEWING",
    );
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.organizationId } })).plan).toBe("PRO");
  });
});
