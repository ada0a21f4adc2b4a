import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import {
  defaultFakePlans,
  type FakeInvoice,
  invoiceJson,
  type Misbehaviour,
  type PaystackFakeOptions,
  signPaystackBody,
  subscriptionJson,
  type WebhookTarget,
} from "./paystack-fake-payloads";
import { fail, handlePaystackRequest } from "./paystack-fake-routes";
import { PaystackFakeState } from "./paystack-fake-state";

/**
 * A loopback fake of the part of Paystack that billing uses, speaking its wire protocol: bearer secret
 * key, the `{ status, message, data }` envelope, amounts in subunits. API: POST /transaction/initialize,
 * GET /transaction/verify/:reference, POST /subscription/disable, GET /subscription/:code/manage/link,
 * GET /subscription (integer customer/plan filters, as the spec types them), GET /subscription/:code,
 * GET /customer/:code, GET /plan. Payloads follow Paystack's published samples (tests/contracts/paystack.ts
 * checks them): subscription.create carries no email_token, only GET /subscription/:code does. A hosted checkout page GET /checkout/:reference
 * whose "Pay" button charges, creates the subscription, posts signed webhooks (x-paystack-signature =
 * HMAC-SHA512 hex of the raw body) and redirects to the callback_url like Paystack does. Test helpers
 * emit renewals, failed payments and period ends; `misbehave` makes the next API calls answer 500,
 * bad JSON, 401 or hang.
 *
 * Run it alone (for the Playwright journey or a manual try) with:
 *   npx tsx tests/fakes/paystack-fake.ts --port 4010 --webhook http://127.0.0.1:3000/api/webhooks/paystack
 * It prints the PAYSTACK_* variables to start the app with.
 */

export {
  defaultFakePlans,
  type FakePlan,
  type FakeSubscription,
  type Misbehaviour,
  type PaystackFakeOptions,
  signPaystackBody,
  type WebhookDelivery,
  type WebhookTarget,
} from "./paystack-fake-payloads";

/** Starts the fake on 127.0.0.1 (a random port unless `port` is given). */
export async function startPaystackFake(options: PaystackFakeOptions = {}) {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(20).toString("hex")}`;
  const state = new PaystackFakeState(secretKey, options.plans ?? defaultFakePlans, options.webhookTarget);
  const server = createServer((req, res) => {
    handlePaystackRequest(state, req, res, options.hangMs).catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, (error as Error).message);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.baseUrl = baseUrl;
  const { plans, customers, transactions, subscriptions, requests, deliveries } = state;

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
    /** Simulates a Paystack whose GET /subscription ignores the customer and plan filters. */
    ignoreListFilters(ignore = true) {
      state.listIgnoresFilters = ignore;
    },
    /** What POST /subscription/disable emits next: not_renew (then disable at period end) or disable at once. */
    setDisableOrder(order: "period-end" | "immediate") {
      state.disableOrder = order;
    },
    setWebhookTarget(target: WebhookTarget | undefined) {
      state.webhookTarget = target;
    },
    /** The next `times` API calls whose path starts with `pathPrefix` misbehave. */
    misbehave(mode: Misbehaviour, times = 1, pathPrefix = "/") {
      state.misbehaviours.push({ mode, remaining: times, pathPrefix });
    },
    pay: (reference: string, outcome: "success" | "failed" = "success") => state.pay(reference, outcome),
    deliver: (event: string, data: unknown, overrides: { signature?: string } = {}) =>
      state.deliver(event, data, overrides),
    sign: (rawBody: string) => signPaystackBody(rawBody, secretKey),
    /** The JSON Paystack would send for these objects (for hand-built, reordered or replayed events). */
    payloads: {
      charge: (reference: string) => state.chargeJson(transactions.get(reference)!),
      subscription: (subscriptionCode: string, options: { withToken?: boolean } = {}) =>
        subscriptionJson(state.subscriptionOrThrow(subscriptionCode), options),
      invoice: (subscriptionCode: string, invoice: FakeInvoice) =>
        invoiceJson(state.subscriptionOrThrow(subscriptionCode), invoice, null),
    },
    /**
     * A renewal the way Paystack runs it: invoice.create (pending), then either invoice.update (paid) and
     * charge.success, or invoice.payment_failed (the subscription goes to "attention").
     */
    renew: (subscriptionCode: string, outcome: "success" | "failed" = "success") =>
      state.renew(subscriptionCode, outcome),
    /** The paid period ends: a non-renewing subscription becomes cancelled (subscription.disable). */
    endPeriod: (subscriptionCode: string, status: "cancelled" | "completed" = "cancelled") =>
      state.endPeriod(subscriptionCode, status),
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
