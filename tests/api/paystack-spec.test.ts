import { describe, expect, it } from "vitest";
import * as billing from "@/app/api/billing/route";
import * as cancel from "@/app/api/billing/cancel/route";
import * as checkout from "@/app/api/billing/checkout/route";
import { documentedEvents } from "@/server/billing/apply-paystack-event";
import { db } from "@/server/db/client";
import { callRoute } from "../helpers/session-client";
import { postWebhook } from "./billing-setup";
import { paystackWebhookSuite } from "./paystack-webhook-suite";

// Where Paystack differs from what our fake used to assume (issue 18, items 1–5): the real list filters,
// the subscription.create sample without email_token, array webhook data, inverted invoice periods,
// paid invoice.create, card-only checkout, lapsed periods and both disable orders.

const suite = paystackWebhookSuite("spec");
const { signed, deliver } = suite;
const { fake } = suite;

/** An organization whose OWNER bought `plan` on the fake; the callback verified it, no webhook delivered yet. */
async function paidOrganization(plan: "STARTER" | "PRO" = "STARTER") {
  const { owner, organizationId, code, charge, create } = await suite.paidCheckout(plan);
  expect(await deliver(charge)).toBe("processed");
  const row = () => db().subscription.findUniqueOrThrow({ where: { organizationId } });
  const orgPlan = async () => (await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan;
  return { organizationId, owner, code, create, row, orgPlan };
}

describe("Paystack spec: subscriptions", () => {
  it("cancel never links another customer's subscription, even when Paystack's list ignores the filters", async () => {
    const mine = await paidOrganization();
    const theirs = await paidOrganization(); // same plan, paid later: newest in the list
    fake().ignoreListFilters(true);
    try {
      const res = await callRoute(cancel.POST, { user: mine.owner });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    } finally {
      fake().ignoreListFilters(false);
    }
    expect((await mine.row()).paystackSubscriptionCode).toBe(mine.code);
    expect(fake().subscriptions.get(mine.code)?.status).toBe("non-renewing");
    expect(fake().subscriptions.get(theirs.code)?.status).toBe("active");
    // The lookup used the numeric ids the spec defines, never the CUS_/PLN_ codes.
    const lookups = fake().requests.filter((r) => r.path.startsWith("/subscription?"));
    expect(lookups.length).toBeGreaterThan(0);
    for (const r of lookups) expect(r.path).toMatch(/^\/subscription\?customer=\d+&plan=\d+$/);
  });

  it("subscription.create without email_token (Paystack's sample): the token is fetched, cancel works", async () => {
    const paid = await paidOrganization();
    expect(JSON.parse(paid.create.rawBody).data.email_token).toBeUndefined();
    expect(await deliver(paid.create)).toBe("processed");
    expect(await paid.row()).toMatchObject({
      paystackSubscriptionCode: paid.code,
      paystackEmailToken: fake().subscriptions.get(paid.code)!.email_token,
    });
    expect(fake().requests.some((r) => r.method === "GET" && r.path === `/subscription/${paid.code}`)).toBe(true);
    const res = await callRoute(cancel.POST, { user: paid.owner });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(fake().subscriptions.get(paid.code)?.status).toBe("non-renewing");
  });

  it("a plan change disables the old subscription even when its email token was never received", async () => {
    const paid = await paidOrganization("STARTER");
    await db().subscription.update({
      where: { organizationId: paid.organizationId },
      data: { paystackSubscriptionCode: paid.code, paystackEmailToken: null },
    });
    const started = await callRoute(checkout.POST, { user: paid.owner, body: { plan: "PRO" } });
    const { reference } = started.json as { reference: string };
    const from = fake().deliveries.length;
    await fake().pay(reference);
    expect(await deliver(fake().deliveries[from]!)).toBe("processed");
    expect(fake().subscriptions.get(paid.code)?.status).toBe("non-renewing");
  });

  it("subscription.disable straight after cancel keeps the paid plan until the period ends, then FREE", async () => {
    const paid = await paidOrganization();
    await deliver(paid.create);
    fake().setDisableOrder("immediate");
    fake().setWebhookTarget(async (rawBody, signature) => (await postWebhook(rawBody, signature)).status);
    try {
      expect((await callRoute(cancel.POST, { user: paid.owner })).status).toBe(200);
    } finally {
      fake().setDisableOrder("period-end");
      fake().setWebhookTarget(undefined);
    }
    expect(fake().deliveries.at(-1)).toMatchObject({ event: "subscription.disable", status: 200 });
    expect((await paid.row()).status).toBe("NON_RENEWING");
    expect(await paid.orgPlan()).toBe("STARTER");
    // The period ends without any further webhook: the billing page (and the hourly sweep) apply it.
    await db().subscription.update({
      where: { organizationId: paid.organizationId },
      data: { currentPeriodEnd: new Date(Date.now() - 1000) },
    });
    const res = await callRoute(billing.GET, { user: paid.owner });
    expect((res.json as { plan: { id: string } }).plan.id).toBe("FREE");
    expect(await paid.orgPlan()).toBe("FREE");
  });

  it("an active subscription whose period ended without a renewal webhook stops granting the plan after the grace", async () => {
    const paid = await paidOrganization("PRO");
    await deliver(paid.create);
    const day = 24 * 60 * 60 * 1000;
    const setEnd = (ms: number) =>
      db().subscription.update({
        where: { organizationId: paid.organizationId },
        data: { currentPeriodEnd: new Date(Date.now() - ms) },
      });
    await setEnd(day); // a day late: the renewal's webhooks may still come
    await callRoute(billing.GET, { user: paid.owner });
    expect(await paid.orgPlan()).toBe("PRO");
    await setEnd(4 * day);
    await callRoute(billing.GET, { user: paid.owner });
    expect(await paid.orgPlan()).toBe("FREE");
    const log = await db().activityLog.findFirstOrThrow({
      where: { organizationId: paid.organizationId, action: "billing.subscription_ended" },
    });
    expect(log.metadata).toMatchObject({ reason: "period_lapsed", plan: { from: "PRO", to: "FREE" } });
  });
});

describe("Paystack spec: invoices", () => {
  /** An invoice payload shaped like Paystack's samples: period_end before period_start. */
  const sampleInvoice = (code: string, invoiceCode: string, status: "pending" | "failed" | "success") => {
    const s = fake().subscriptions.get(code)!;
    const start = new Date(s.next_payment_date!);
    const base = fake().payloads.invoice(code, { invoice_code: invoiceCode, status, start, end: start });
    return { ...base, period_end: new Date(start.getTime() - 15 * 60 * 60 * 1000).toISOString() };
  };

  it("a failed renewal whose invoice has period_end before period_start puts the subscription in ATTENTION", async () => {
    const paid = await paidOrganization();
    await deliver(paid.create);
    const invoiceCode = `INV_${paid.code}a`;
    expect(await deliver(signed("invoice.create", sampleInvoice(paid.code, invoiceCode, "pending")))).toBe("processed");
    expect(await deliver(signed("invoice.payment_failed", sampleInvoice(paid.code, invoiceCode, "failed")))).toBe(
      "processed",
    );
    expect((await paid.row()).status).toBe("ATTENTION");
    const invoice = await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: invoiceCode } });
    expect(invoice.status).toBe("FAILED");
    expect(invoice.periodEnd!.getTime()).toBeGreaterThan(invoice.periodStart!.getTime());
  });

  it("invoice.create that arrives already paid is stored PAID and advances the period", async () => {
    const paid = await paidOrganization();
    await deliver(paid.create);
    const before = (await paid.row()).currentPeriodEnd!;
    const invoiceCode = `INV_${paid.code}b`;
    expect(await deliver(signed("invoice.create", sampleInvoice(paid.code, invoiceCode, "success")))).toBe("processed");
    const invoice = await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: invoiceCode } });
    expect(invoice.status).toBe("PAID");
    expect((await paid.row()).currentPeriodEnd!.getTime()).toBeGreaterThan(before.getTime());
  });
});

describe("Paystack spec: every documented event is acknowledged", () => {
  it("subscription.expiring_cards (data is an array, as in Paystack's sample) → 200", async () => {
    const expiring = signed("subscription.expiring_cards", [
      {
        expiry_date: "12/2021",
        description: "visa ending with 4081",
        brand: "visa",
        subscription: {
          id: 4192,
          subscription_code: "SUB_a88fea",
          amount: 50000,
          next_payment_date: "2021-11-11T00:00:01.000Z",
          plan: { interval: "monthly", id: 22637, name: "Premium Service (Monthly)", plan_code: "PLN_pfmwz75o021slex" },
        },
        customer: { id: 9387, first_name: "Wes", last_name: "Wes", email: "wes@example.com", customer_code: "CUS_x" },
      },
    ]);
    expect(await deliver(expiring)).toBe("ignored");
  });

  it("each documented event with an unrelated object → 200, never 400", async () => {
    for (const event of documentedEvents) {
      const data = { id: 1, reference: `spec-${event}-${Date.now()}`, domain: "test", status: "success" };
      const res = await postWebhook(JSON.stringify({ event, data }), fake().sign(JSON.stringify({ event, data })));
      expect(res.status, `${event}: ${JSON.stringify(res.json)}`).toBe(200);
    }
  });
});
