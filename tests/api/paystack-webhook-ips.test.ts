// The optional sender allow-list of POST /api/webhooks/paystack (issue 18, item 6), over real TCP
// connections from distinct loopback addresses, served like production (peer address recorded by our web
// server) with one trusted proxy, so the client address is read through the TRUSTED_PROXIES rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/paystack/route";
import { PAYSTACK_PUBLISHED_WEBHOOK_IPS, parsePaystackWebhookIps } from "@/server/billing/paystack-webhook-ips";
import type { PaystackFake } from "../fakes/paystack-fake";
import { startPeerServer } from "../helpers/peer-server";
import { startBillingFake, storedEventsMentioning } from "./billing-setup";

// Read once by env(), on first use (after these lines).
const previousEnv = { ips: process.env.PAYSTACK_WEBHOOK_IPS, proxies: process.env.TRUSTED_PROXIES };
process.env.PAYSTACK_WEBHOOK_IPS = "127.0.0.20, 127.0.0.32/30";
process.env.TRUSTED_PROXIES = "127.0.0.10";
afterAll(() => {
  for (const [name, value] of [
    ["PAYSTACK_WEBHOOK_IPS", previousEnv.ips],
    ["TRUSTED_PROXIES", previousEnv.proxies],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("Paystack webhook sender allow-list (PAYSTACK_WEBHOOK_IPS)", () => {
  let fake: PaystackFake;
  let server: Awaited<ReturnType<typeof startPeerServer>>;
  beforeAll(async () => {
    fake = await startBillingFake();
    server = await startPeerServer(webhookRoute.POST);
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  let counter = 0;
  /** A correctly signed event from `from` (with extra headers); returns the status and the event's marker. */
  async function deliverFrom(from: string, headers: Record<string, string> = {}) {
    const marker = `ips-${Date.now()}-${++counter}`;
    const body = { event: "transfer.success", data: { reference: marker } };
    const signature = fake.sign(JSON.stringify(body));
    const res = await server.post("/api/webhooks/paystack", body, {
      from,
      headers: { "x-paystack-signature": signature, ...headers },
    });
    return { ...res, marker };
  }

  it("a listed address (or one inside a listed CIDR) delivers", async () => {
    for (const from of ["127.0.0.20", "127.0.0.33"]) {
      const res = await deliverFrom(from);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(await storedEventsMentioning(res.marker)).toBe(1);
    }
  });

  it("any other address is refused with 403 and nothing is stored, even correctly signed or with a forged X-Forwarded-For", async () => {
    for (const [from, headers] of [
      ["127.0.0.21", {}],
      ["127.0.0.21", { "x-forwarded-for": "127.0.0.20" }],
      ["127.0.0.10", { "x-forwarded-for": "127.0.0.99" }],
    ] as const) {
      const res = await deliverFrom(from, headers);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: "FORBIDDEN" } });
      expect(await storedEventsMentioning(res.marker)).toBe(0);
    }
  });

  it("behind the trusted proxy, the address the proxy saw decides", async () => {
    const res = await deliverFrom("127.0.0.10", { "x-forwarded-for": "127.0.0.20" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  });

  it("true means Paystack's published addresses; a malformed value is refused", () => {
    const list = parsePaystackWebhookIps("true")!;
    for (const ip of PAYSTACK_PUBLISHED_WEBHOOK_IPS) expect(list.check(ip, "ipv4")).toBe(true);
    expect(list.check("127.0.0.1", "ipv4")).toBe(false);
    expect(parsePaystackWebhookIps("")).toBeNull();
    expect(parsePaystackWebhookIps("false")).toBeNull();
    expect(() => parsePaystackWebhookIps("paystack.co")).toThrow(/not an IP address/);
    expect(() => parsePaystackWebhookIps("10.0.0.0/99")).toThrow(/invalid prefix/);
  });
});
