// Issue 13, item 2: once real email is configured (SMTP_URL), the outbox does not exist for anyone, not even a
// SUPER_ADMIN: rows written before SMTP was set up (reset links included) must not come back out.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";

describe("GET /api/dev/outbox with SMTP configured", () => {
  let admin: TestUser;
  let GET: RouteHandler;
  const leftover = `leftover-${Date.now()}@example.test`;

  beforeAll(async () => {
    // The account is set up while email still goes to the outbox (sign-up sends a verification email).
    admin = await signUpAndSignIn("smtp-admin", { role: "SUPER_ADMIN" });
    await db().outboxEmail.create({
      data: { to: leftover, subject: "Reset your password", text: "http://localhost:3000/reset-password/old-token" },
    });
    // Then the app starts again with SMTP configured: fresh modules read the environment anew. Nothing is
    // sent to that address: the outbox route never sends email.
    process.env.SMTP_URL = "smtp://127.0.0.1:9/";
    vi.resetModules();
    const { env } = await import("@/server/env");
    expect(env().SMTP_URL).toBe("smtp://127.0.0.1:9/");
    GET = (await import("@/app/api/dev/outbox/route")).GET;
  });

  afterAll(() => {
    delete process.env.SMTP_URL;
  });

  for (const who of ["nobody", "a SUPER_ADMIN"] as const) {
    it(`answers ${who} 404 NOT_FOUND without any email`, async () => {
      const res = await callRoute(GET, { user: who === "nobody" ? null : admin, path: "/api/dev/outbox" });
      expect(res.status).toBe(404);
      expect((res.json as { error: { code: string } }).error.code).toBe("NOT_FOUND");
      expect(res.json).not.toHaveProperty("emails");
      expect(JSON.stringify(res.json)).not.toContain("old-token");
      // The row is still there: the refusal is the route's, not an empty table.
      expect(await db().outboxEmail.count({ where: { to: leftover } })).toBe(1);
    });
  }
});
