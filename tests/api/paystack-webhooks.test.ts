import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { signPaystackBody } from "../fakes/paystack-fake";
import { billingSnapshot, postWebhook, storedEventsMentioning } from "./billing-setup";
import { paystackWebhookSuite } from "./paystack-webhook-suite";

const suite = paystackWebhookSuite("hook");
const { signed, deliver } = suite;
const { fake } = suite;

/** An organization whose OWNER started a checkout and paid on the fake; no event delivered yet. */
async function paidCheckout(plan: "STARTER" | "PRO" = "STARTER") {
  const { owner, organizationId, reference, code, charge, create } = await suite.paidCheckout(plan);
  const state = async () => ({
    plan: (await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan,
    subscription: await db().subscription.findUnique({ where: { organizationId } }),
    invoices: await db().invoice.findMany({
      where: { organizationId },
      include: { items: true },
      orderBy: { createdAt: "asc" },
    }),
  });
  return { organizationId, owner, reference, code, charge, create, state };
}

/** Events of a renewal recorded by the fake (invoice.create, then invoice.update + charge.success or a failure). */
async function renewal(code: string, outcome: "success" | "failed") {
  const from = fake().deliveries.length;
  const invoiceCode = await fake().renew(code, outcome);
  return { invoiceCode, events: fake().deliveries.slice(from) };
}

describe("Paystack webhooks: signatures", () => {
  it("a correctly signed event is acknowledged and stored once", async () => {
    const reference = `trf-${Date.now()}`;
    expect(await deliver(signed("transfer.success", { reference }))).toBe("ignored");
    expect(await storedEventsMentioning(reference)).toBe(1);
  });

  it("a missing, wrong, truncated or foreign-key signature, or a tampered body → 401 and nothing stored", async () => {
    const paid = await paidCheckout();
    const event = signed("charge.success", JSON.parse(paid.charge.rawBody).data);
    const tampered = event.rawBody.replace(`"status":"success"`, `"status":"success" `);
    const attempts: [string, string | null][] = [
      [event.rawBody, null],
      [event.rawBody, ""],
      [event.rawBody, "0".repeat(128)],
      [event.rawBody, event.signature.slice(0, 127)],
      [event.rawBody, signPaystackBody(event.rawBody, "sk_test_someone_else")],
      [event.rawBody, event.signature.replace(/.$/, (c) => (c === "a" ? "b" : "a"))],
      [tampered, event.signature],
      [`${event.rawBody}\n`, event.signature],
    ];
    const before = await billingSnapshot(paid.organizationId);
    for (const [body, signature] of attempts) {
      const res = await postWebhook(body, signature);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: "INVALID_SIGNATURE" } });
    }
    expect(await storedEventsMentioning(paid.reference)).toBe(0);
    expect(await billingSnapshot(paid.organizationId)).toBe(before);
    expect((await paid.state()).plan).toBe("FREE");
    // The genuine delivery still works afterwards.
    expect(await deliver(event)).toBe("processed");
    expect((await paid.state()).plan).toBe("STARTER");
  });

  it("a signed body that is not a Paystack event → 400 naming the field, nothing stored", async () => {
    const marker = `malformed-${Date.now()}`;
    const bodies: [string, string, string | null][] = [
      [`not json ${marker}`, "INVALID_JSON", null],
      [JSON.stringify({ event: 5, data: { reference: marker } }), "VALIDATION_FAILED", "event"],
      [JSON.stringify({ event: "charge.success", reference: marker }), "VALIDATION_FAILED", "data"],
    ];
    for (const [rawBody, code, field] of bodies) {
      const res = await postWebhook(rawBody, fake().sign(rawBody));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code, field } });
    }
    expect(await storedEventsMentioning(marker)).toBe(0);
  });
});

describe("Paystack webhooks: exactly once", () => {
  it("the same charge.success delivered 10 times at once → one upgrade, one invoice, one activity entry", async () => {
    const paid = await paidCheckout();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => deliver(paid.charge)));
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    const state = await paid.state();
    expect(state.plan).toBe("STARTER");
    expect(state.invoices).toHaveLength(1);
    expect(state.invoices[0]!.items).toHaveLength(1);
    expect(
      await db().activityLog.count({
        where: { organizationId: paid.organizationId, action: "billing.subscription_activated" },
      }),
    ).toBe(1);
    expect(await db().webhookEvent.count({ where: { eventKey: `charge.success:${paid.reference}` } })).toBe(1);
  });

  it("a renewal's invoice.update replayed 10 times → one invoice, one item, the period advanced once", async () => {
    const paid = await paidCheckout();
    await deliver(paid.charge);
    await deliver(paid.create);
    const periodEnd = (await paid.state()).subscription!.currentPeriodEnd!;
    const { invoiceCode, events } = await renewal(paid.code, "success");
    const update = events.find((e) => e.event === "invoice.update")!;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => deliver(update)));
    expect(outcomes.sort()).toEqual(["duplicate", ...Array(8).fill("duplicate"), "processed"].sort());
    const state = await paid.state();
    const invoices = state.invoices.filter((i) => i.paystackInvoiceCode === invoiceCode);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "PAID", amount: 9_900_00 });
    expect(invoices[0]!.items).toMatchObject([{ description: "Starter plan, monthly renewal", amount: 9_900_00 }]);
    expect(state.subscription!.currentPeriodEnd!.getTime()).toBe(invoices[0]!.periodEnd!.getTime());
    expect(state.subscription!.currentPeriodEnd!.getTime()).toBeGreaterThan(periodEnd.getTime());
    // The renewal's charge.success is no checkout: acknowledged, changes nothing.
    const before = await billingSnapshot(paid.organizationId);
    expect(await deliver(events.find((e) => e.event === "charge.success")!)).toBe("ignored");
    expect(await billingSnapshot(paid.organizationId)).toBe(before);
  });
});

describe("Paystack webhooks: out of order", () => {
  it("disable, not_renew and create before the payment is confirmed: parked, then CANCELLED and FREE", async () => {
    const paid = await paidCheckout();
    const subscription = fake().payloads.subscription(paid.code);
    const notRenew = signed("subscription.not_renew", { ...subscription, status: "non-renewing" });
    const disable = signed("subscription.disable", { ...subscription, status: "cancelled" });
    expect(await deliver(disable)).toBe("parked");
    expect(await deliver(notRenew)).toBe("parked");
    expect(await deliver(paid.create)).toBe("parked");
    expect((await paid.state()).plan).toBe("FREE");

    expect(await deliver(paid.charge)).toBe("processed");
    const state = await paid.state();
    expect(state.subscription).toMatchObject({ status: "CANCELLED", paystackSubscriptionCode: paid.code });
    expect(state.plan).toBe("FREE");
    const stored = await db().webhookEvent.findMany({
      where: { eventKey: { in: [`subscription.disable:${paid.code}`, `subscription.create:${paid.code}`] } },
    });
    expect(stored.map((e) => (e.payload as { outcome: string }).outcome).sort()).toEqual(["ignored", "processed"]);
  });

  it("a late subscription.create never resurrects a disabled subscription", async () => {
    const paid = await paidCheckout();
    await deliver(paid.charge);
    const disable = signed("subscription.disable", { ...fake().payloads.subscription(paid.code), status: "cancelled" });
    expect(await deliver(disable)).toBe("processed");
    expect(await deliver(paid.create)).toBe("ignored");
    const state = await paid.state();
    expect(state.subscription?.status).toBe("CANCELLED");
    expect(state.plan).toBe("FREE");
    // A late not_renew is stale too.
    const notRenew = signed("subscription.not_renew", {
      ...fake().payloads.subscription(paid.code),
      status: "non-renewing",
    });
    expect(await deliver(notRenew)).toBe("ignored");
    expect((await paid.state()).subscription?.status).toBe("CANCELLED");
  });

  it("invoice.update (paid) before invoice.create, then a late payment failure: the invoice stays PAID, ACTIVE", async () => {
    const paid = await paidCheckout();
    await deliver(paid.charge);
    await deliver(paid.create);
    const { invoiceCode, events } = await renewal(paid.code, "success");
    const byEvent = (name: string) => events.find((e) => e.event === name)!;
    expect(await deliver(byEvent("invoice.update"))).toBe("processed");
    expect(await deliver(byEvent("invoice.create"))).toBe("processed");
    const invoice = await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: invoiceCode } });
    expect(invoice.status).toBe("PAID");
    const failed = signed(
      "invoice.payment_failed",
      fake().payloads.invoice(paid.code, {
        invoice_code: invoiceCode,
        status: "failed",
        start: invoice.periodStart!,
        end: invoice.periodEnd!,
      }),
    );
    expect(await deliver(failed)).toBe("processed");
    expect((await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: invoiceCode } })).status).toBe("PAID");
    const state = await paid.state();
    expect(state.subscription?.status).toBe("ACTIVE");
    expect(state.plan).toBe("STARTER");
  });

  it("a failed renewal puts the subscription in ATTENTION (plan kept); the paid retry makes it ACTIVE again", async () => {
    const paid = await paidCheckout("PRO");
    await deliver(paid.charge);
    await deliver(paid.create);
    const { invoiceCode, events } = await renewal(paid.code, "failed");
    for (const e of events) expect(await deliver(e)).toBe("processed");
    let state = await paid.state();
    expect(state.subscription?.status).toBe("ATTENTION");
    expect(state.plan).toBe("PRO");
    expect(state.invoices.find((i) => i.paystackInvoiceCode === invoiceCode)?.status).toBe("FAILED");
    expect(
      await db().activityLog.count({
        where: { organizationId: paid.organizationId, action: "billing.payment_failed" },
      }),
    ).toBe(1);

    const failedInvoice = state.invoices.find((i) => i.paystackInvoiceCode === invoiceCode)!;
    fake().subscriptions.get(paid.code)!.status = "active";
    const retry = signed("invoice.update", {
      ...fake().payloads.invoice(paid.code, {
        invoice_code: invoiceCode,
        status: "success",
        start: failedInvoice.periodStart!,
        end: failedInvoice.periodEnd!,
      }),
    });
    expect(await deliver(retry)).toBe("processed");
    state = await paid.state();
    expect(state.subscription?.status).toBe("ACTIVE");
    expect(state.subscription?.currentPeriodEnd?.getTime()).toBe(failedInvoice.periodEnd!.getTime());
    expect(state.invoices.find((i) => i.paystackInvoiceCode === invoiceCode)?.status).toBe("PAID");
  });

  it("an invoice that arrives before its subscription is linked is parked, then recorded", async () => {
    const paid = await paidCheckout();
    await deliver(paid.charge);
    const { invoiceCode, events } = await renewal(paid.code, "success");
    expect(await deliver(events.find((e) => e.event === "invoice.create")!)).toBe("parked");
    expect(await db().invoice.count({ where: { paystackInvoiceCode: invoiceCode } })).toBe(0);
    expect(await deliver(paid.create)).toBe("processed");
    expect(await db().invoice.findUniqueOrThrow({ where: { paystackInvoiceCode: invoiceCode } })).toMatchObject({
      status: "PENDING",
      organizationId: paid.organizationId,
    });
  });
});

describe("Paystack webhooks: what is not ours", () => {
  it("a payment that does not match the checkout's plan is never granted", async () => {
    const paid = await paidCheckout("STARTER");
    const data = JSON.parse(paid.charge.rawBody).data;
    const pro = fake().plans[1]!;
    const forged = signed("charge.success", { ...data, plan: { ...data.plan, plan_code: pro.plan_code } });
    expect(await deliver(forged)).toBe("processed");
    const state = await paid.state();
    expect(state.plan).toBe("FREE");
    expect(state.invoices).toEqual([]);
    expect((await db().billingCheckout.findUniqueOrThrow({ where: { reference: paid.reference } })).status).toBe(
      "MISMATCH",
    );
  });

  it("events for another product's plan and unknown event types are acknowledged and ignored", async () => {
    const paid = await paidCheckout();
    const before = await billingSnapshot(paid.organizationId);
    const foreign = fake().payloads.subscription(paid.code);
    const other = signed("subscription.create", {
      ...foreign,
      subscription_code: "SUB_foreignproduct",
      plan: { ...foreign.plan, plan_code: "PLN_someone_else" },
    });
    expect(await deliver(other)).toBe("ignored");
    expect(await deliver(signed("customeridentification.success", { customer_code: "CUS_x" }))).toBe("ignored");
    expect(await billingSnapshot(paid.organizationId)).toBe(before);
  });
});
