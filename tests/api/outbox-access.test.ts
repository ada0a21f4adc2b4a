// Issue 13, item 2: the local outbox holds verification and password-reset links, so reading it is taking
// over accounts. Attack: request a reset for the platform administrator, then read the link from
// GET /api/dev/outbox as nobody, as a normal user, as an organization OWNER; each must get a refusal with no
// email in it, and the administrator's password must not change. Only a SUPER_ADMIN reads the outbox.
import { beforeAll, describe, expect, it } from "vitest";
import * as outboxRoute from "@/app/api/dev/outbox/route";
import { db } from "@/server/db/client";
import { callAuth, callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

describe("GET /api/dev/outbox", () => {
  let admin: TestUser;
  let member: TestUser;
  let owner: TestUser;
  let adminPasswordHash: string | null;
  let resetToken: string;

  beforeAll(async () => {
    admin = await signUpAndSignIn("outbox-admin", { role: "SUPER_ADMIN" });
    member = await signUpAndSignIn("outbox-member");
    owner = await signUpAndSignIn("outbox-owner");
    const org = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Outbox Readers Ltd" } });
    expect(org.status).toBe(201);

    // The attacker's first step: ask for a reset link for the administrator's account.
    const requested = await callAuth("/request-password-reset", { email: admin.email, redirectTo: "/reset-password" });
    expect(requested.status).toBe(200);
    const email = await db().outboxEmail.findFirstOrThrow({
      where: { to: admin.email },
      orderBy: { createdAt: "desc" },
    });
    resetToken = email.text.match(/reset-password\/([^?\s]+)/)?.[1] ?? "";
    expect(resetToken).not.toBe("");
    adminPasswordHash = (await db().account.findFirstOrThrow({ where: { userId: admin.id } })).password;
  });

  const attackers: [string, () => TestUser | null, number, string][] = [
    ["nobody", () => null, 401, "UNAUTHENTICATED"],
    ["a normal user", () => member, 403, "FORBIDDEN"],
    ["an organization OWNER", () => owner, 403, "FORBIDDEN"],
  ];
  for (const [who, user, status, code] of attackers) {
    it(`refuses ${who} (${status} ${code}) without any email in the answer`, async () => {
      for (const path of ["/api/dev/outbox", `/api/dev/outbox?to=${encodeURIComponent(admin.email)}`]) {
        const res = await callRoute(outboxRoute.GET, { user: user(), path });
        expect(res.status).toBe(status);
        expect((res.json as { error: { code: string } }).error.code).toBe(code);
        expect(res.json).not.toHaveProperty("emails");
        const body = JSON.stringify(res.json);
        expect(body).not.toContain(resetToken);
        expect(body).not.toContain(admin.email);
      }
    });
  }

  it("is not fooled by headers claiming a loopback client outside development", async () => {
    const res = await callRoute(outboxRoute.GET, {
      path: "/api/dev/outbox",
      headers: { host: "127.0.0.1:3000", "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" },
    });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.json)).not.toContain(resetToken);
  });

  it("leaves the administrator's account as it was after the refused reads", async () => {
    const account = await db().account.findFirstOrThrow({ where: { userId: admin.id } });
    expect(account.password).toBe(adminPasswordHash);
    // Without the token from the outbox the attacker cannot set a password; a guessed token is refused.
    const guessed = await callAuth("/reset-password", { newPassword: "attacker-password-1", token: "guessed-token" });
    expect(guessed.status).toBe(400);
    expect((await db().account.findFirstOrThrow({ where: { userId: admin.id } })).password).toBe(adminPasswordHash);
    const signIn = await callAuth("/sign-in/email", { email: admin.email, password: "attacker-password-1" });
    expect(signIn.status).toBe(401);
  });

  it("shows a SUPER_ADMIN every email, the reset link included", async () => {
    const res = await callRoute(outboxRoute.GET, { user: admin, path: `/api/dev/outbox?to=${admin.email}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const emails = (res.json as { emails: { to: string; text: string }[] }).emails;
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((email) => email.to === admin.email)).toBe(true);
    expect(emails.some((email) => email.text.includes(resetToken))).toBe(true);
  });
});
