import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PaystackFake, startPaystackFake } from "../../../tests/fakes/paystack-fake";
import { createPaystackClient, PaystackError } from "./paystack-client";
import { verifyPaystackSignature } from "./verify-paystack-signature";

// The real client against the loopback fake: the wire format, the envelope, and every way Paystack fails.
describe("Paystack client against the fake", () => {
  let fake: PaystackFake;
  const webhooks: { rawBody: string; signature: string }[] = [];
  const client = () => createPaystackClient({ baseUrl: fake.url, secretKey: fake.secretKey, timeoutMs: 500 });

  beforeAll(async () => {
    fake = await startPaystackFake({
      hangMs: 2_000,
      webhookTarget: async (rawBody, signature) => {
        webhooks.push({ rawBody, signature });
        return 200;
      },
    });
  });
  afterAll(() => fake.close());

  /** A one-time payment of 100 subunits: the misbehaviour tests only care about the reference. */
  const initializeOneTimePayment = (reference: string) =>
    client().initializeTransaction({
      email: "owner@example.test",
      amount: 100,
      reference,
      callbackUrl: "http://localhost:3000/cb",
    });
  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaystackError);
    return error as PaystackError;
  };

  it("initializes a plan checkout, verifies it before and after payment, with the plan's amount in subunits", async () => {
    const starter = fake.plans[0]!;
    const init = await client().initializeTransaction({
      email: "owner@example.test",
      amount: 1,
      currency: "NGN",
      reference: "scr-client-1",
      callbackUrl: "http://localhost:3000/api/billing/callback",
      plan: starter.plan_code,
      metadata: { organizationId: "org_1" },
    });
    expect(init.reference).toBe("scr-client-1");
    expect(init.authorizationUrl).toBe(`${fake.url}/checkout/scr-client-1`);
    const sent = fake.requests.find((r) => r.path === "/transaction/initialize");
    expect(sent?.authorized).toBe(true);
    expect(sent?.body).toMatchObject({ email: "owner@example.test", amount: "1", plan: starter.plan_code });

    const before = await client().verifyTransaction("scr-client-1");
    expect(before.status).toBe("abandoned");
    expect(before.amount).toBe(starter.amount);

    await fake.pay("scr-client-1");
    const after = await client().verifyTransaction("scr-client-1");
    expect(after).toMatchObject({
      status: "success",
      reference: "scr-client-1",
      amount: starter.amount,
      currency: "NGN",
    });
    expect(after.plan).toBe(starter.plan_code);
    expect(after.customer?.customer_code).toMatch(/^CUS_/);
    expect(after.metadata).toEqual({ organizationId: "org_1" });

    // Paying sent charge.success then subscription.create, each signed over its raw body.
    expect(webhooks.map((w) => JSON.parse(w.rawBody).event)).toEqual(["charge.success", "subscription.create"]);
    for (const w of webhooks) expect(verifyPaystackSignature(w.rawBody, w.signature, fake.secretKey)).toBe(true);
  });

  it("lists (by the customer's numeric id), links to and disables the subscription (wrong email token refused)", async () => {
    const [customer] = [...fake.customers.values()];
    const fetched = await client().fetchCustomer(customer!.customer_code);
    expect(fetched.id).toBe(customer!.id);
    const list = await client().listSubscriptions({ customer: fetched.id });
    expect(list).toHaveLength(1);
    const subscription = await client().fetchSubscription(list[0]!.subscription_code);
    expect(subscription.status).toBe("active");
    expect(subscription.email_token).toBe(fake.subscriptions.get(subscription.subscription_code)?.email_token);

    const link = await client().manageLink(subscription.subscription_code);
    expect(link).toBe(`${fake.url}/manage/${subscription.subscription_code}`);
    expect((await fetch(link)).status).toBe(200);

    const wrong = await failureOf(client().disableSubscription(subscription.subscription_code, "not-the-token"));
    expect(wrong.kind).toBe("rejected");
    expect(wrong.message).toContain("not found or already inactive");
    await client().disableSubscription(subscription.subscription_code, subscription.email_token!);
    expect(fake.subscriptions.get(subscription.subscription_code)?.status).toBe("non-renewing");
    expect(JSON.parse(webhooks.at(-1)!.rawBody).event).toBe("subscription.not_renew");

    const plans = await client().listPlans();
    expect(plans.map((p) => p.plan_code)).toEqual(fake.plans.map((p) => p.plan_code));
  });

  it("reports Paystack's own message for a refused request and a wrong key as unauthorized", async () => {
    const unknown = await failureOf(client().verifyTransaction("no-such-reference"));
    expect(unknown).toMatchObject({ kind: "rejected", httpStatus: 400, message: "Transaction reference not found" });
    const badKey = createPaystackClient({ baseUrl: fake.url, secretKey: "sk_test_wrong" });
    expect(await failureOf(badKey.listPlans())).toMatchObject({ kind: "unauthorized", httpStatus: 401 });
  });

  it("retries idempotent reads after a 500 but never a payment initialization", async () => {
    fake.misbehave("500", 1, "/plan");
    expect((await client().listPlans()).length).toBe(3);
    const before = fake.requests.length;
    fake.misbehave("500", 1, "/transaction/initialize");
    const failure = await failureOf(initializeOneTimePayment("scr-client-500"));
    expect(failure).toMatchObject({ kind: "unavailable", httpStatus: 500 });
    expect(fake.requests.length - before).toBe(1);
    expect(fake.transactions.has("scr-client-500")).toBe(false);
  });

  it("turns a truncated JSON body, a 401 and a hang into clear errors", async () => {
    fake.misbehave("bad-json", 1, "/transaction/initialize");
    const badJson = await failureOf(initializeOneTimePayment("scr-bad-json"));
    expect(badJson.kind).toBe("bad_response");
    expect(badJson.message).toContain("not its JSON envelope");

    fake.misbehave("401", 1, "/subscription/");
    expect(await failureOf(client().manageLink("SUB_x"))).toMatchObject({ kind: "unauthorized" });

    fake.misbehave("hang", 3, "/plan");
    const started = Date.now();
    const hang = await failureOf(client().listPlans());
    expect(hang.kind).toBe("timeout");
    expect(hang.message).toContain("500 ms");
    // Three attempts of 500 ms each (plus backoff), not the fake's 2 s hang.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("the signature check accepts only the exact body under the exact key", () => {
    const body = JSON.stringify({ event: "charge.success", data: { reference: "r1" } });
    const signature = fake.sign(body);
    expect(verifyPaystackSignature(body, signature, fake.secretKey)).toBe(true);
    expect(verifyPaystackSignature(`${body} `, signature, fake.secretKey)).toBe(false);
    expect(verifyPaystackSignature(body, signature, "sk_test_other")).toBe(false);
    expect(verifyPaystackSignature(body, signature.toUpperCase(), fake.secretKey)).toBe(true);
    expect(verifyPaystackSignature(body, signature.slice(0, 64), fake.secretKey)).toBe(false);
    expect(verifyPaystackSignature(body, null, fake.secretKey)).toBe(false);
    expect(verifyPaystackSignature(body, "zz".repeat(64), fake.secretKey)).toBe(false);
  });
});
