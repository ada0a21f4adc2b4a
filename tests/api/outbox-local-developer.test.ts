// Issue 13, item 2: in development, the developer on the same machine reads the outbox without signing in,
// but only when that is provable: the server listens on loopback only (HOST), the Host header is a loopback
// name (not a DNS-rebinding page) and no proxy reports another client. Everything else is refused.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as outboxRoute from "@/app/api/dev/outbox/route";
import { db } from "@/server/db/client";
import { callRoute } from "../helpers/session-client";

// Before any env() read in this test file's process: a development server bound to loopback, as
// `npm run dev` starts it.
vi.hoisted(() => {
  (process.env as Record<string, string>).NODE_ENV = "development";
  process.env.HOST = "127.0.0.1";
});

const to = `local-dev-${Date.now()}@example.test`;
const secret = `verify-token-${Date.now()}`;

describe("GET /api/dev/outbox in development", () => {
  beforeAll(async () => {
    await db().outboxEmail.create({
      data: { to, subject: "Verify your email", text: `http://localhost:3000/api/auth/verify-email?token=${secret}` },
    });
  });

  it("shows a loopback client the emails without a session", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) {
      const res = await callRoute(outboxRoute.GET, {
        path: `/api/dev/outbox?to=${to}`,
        headers: { host, "x-forwarded-for": "127.0.0.1" },
      });
      expect(res.status, host).toBe(200);
      expect(JSON.stringify(res.json)).toContain(secret);
    }
  });

  const refused: [string, Record<string, string>][] = [
    ["a DNS-rebinding page (its own Host name)", { host: "attacker.example:3000", "x-forwarded-for": "127.0.0.1" }],
    ["a client a proxy reports as remote", { host: "localhost:3000", "x-forwarded-for": "203.0.113.5" }],
    ["a proxy chain with a remote hop", { host: "localhost:3000", "x-forwarded-for": "203.0.113.5, 127.0.0.1" }],
    ["a request through a Forwarded proxy", { host: "localhost:3000", forwarded: "for=127.0.0.1" }],
    ["a remote X-Real-IP", { host: "localhost:3000", "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.1" }],
  ];
  for (const [who, headers] of refused) {
    it(`refuses ${who} with 401 and no email`, async () => {
      const res = await callRoute(outboxRoute.GET, { path: `/api/dev/outbox?to=${to}`, headers });
      expect(res.status).toBe(401);
      expect((res.json as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
      expect(JSON.stringify(res.json)).not.toContain(secret);
      expect(JSON.stringify(res.json)).not.toContain(to);
    });
  }
});
