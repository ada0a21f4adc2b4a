import { afterAll, beforeAll, expect } from "vitest";
import * as checkout from "@/app/api/billing/checkout/route";
import type { PaystackFake, WebhookDelivery } from "../fakes/paystack-fake";
import { callRoute, signUpAndSignIn } from "../helpers/session-client";
import { postWebhook, startBillingFake } from "./billing-setup";
import { routes } from "./routes";

/**
 * The Paystack fake for a test file that delivers webhooks itself, in the order each test wants (the fake
 * records them instead of posting them), with helpers to sign, deliver and buy a plan.
 */
export function paystackWebhookSuite(label: string) {
  let running: PaystackFake | undefined;
  beforeAll(async () => {
    running = await startBillingFake();
    running.setWebhookTarget(undefined);
  });
  afterAll(() => running?.close());
  const fake = (): PaystackFake => {
    if (!running) throw new Error("the Paystack fake is used outside its suite's tests");
    return running;
  };

  const signed = (event: string, data: unknown) => {
    const rawBody = JSON.stringify({ event, data });
    return { rawBody, signature: fake().sign(rawBody) };
  };
  /** Delivers a signed event to the webhook route, expects 200 and returns its outcome. */
  const deliver = async (delivery: { rawBody: string; signature: string }) => {
    const res = await postWebhook(delivery.rawBody, delivery.signature);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json?.outcome as string;
  };

  let counter = 0;
  /** An organization whose OWNER started a checkout for `plan` and paid on the fake; no event delivered yet. */
  async function paidCheckout(plan: "STARTER" | "PRO" = "STARTER") {
    const owner = await signUpAndSignIn(`${label}-${++counter}`);
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: `${label} ${counter}` } });
    const organizationId = (created.json as { organization: { id: string } }).organization.id;
    const started = await callRoute(checkout.POST, { user: owner, body: { plan } });
    expect(started.status).toBe(201);
    const { reference } = started.json as { reference: string };
    const from = fake().deliveries.length;
    const { subscription } = await fake().pay(reference);
    const [charge, create] = fake().deliveries.slice(from) as [WebhookDelivery, WebhookDelivery];
    expect([charge.event, create.event]).toEqual(["charge.success", "subscription.create"]);
    return { owner, organizationId, reference, code: subscription!.subscription_code, charge, create };
  }

  return { fake, signed, deliver, paidCheckout };
}
