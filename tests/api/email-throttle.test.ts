// Attack tests: nobody can flood an address with verification, reset or invitation emails. Counted in
// the local outbox, where every email lands when SMTP_URL is not set.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { callAuth, callRoute, signUpAndSignIn, type TestUser, uniqueEmail } from "../helpers/session-client";
import { routes } from "./routes";

const outbox = (to: string, subject: string) =>
  db().outboxEmail.count({ where: { to, subject: { contains: subject } } });

describe("emails per recipient", { timeout: 120_000 }, () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await signUpAndSignIn("mail-owner");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Mailing House" } });
    expect(created.status).toBe(201);
  });

  it("20 reset requests send at most EMAIL_RECIPIENT_LIMIT emails, each answered with the same generic 200", async () => {
    const victim = await signUpAndSignIn("reset-victim");
    const tokensBefore = await db().verificationToken.count({
      where: { identifier: { startsWith: "reset-password" } },
    });
    const answers = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await callAuth("/request-password-reset", { email: victim.email, redirectTo: "/reset-password" });
      expect(res.status).toBe(200);
      answers.add(await res.text());
    }
    // An unknown address gets the very same answer.
    const unknown = await callAuth("/request-password-reset", {
      email: uniqueEmail("nobody"),
      redirectTo: "/reset-password",
    });
    expect(unknown.status).toBe(200);
    answers.add(await unknown.text());
    expect(answers.size).toBe(1);
    expect(env().EMAIL_RECIPIENT_LIMIT).toBe(5);
    expect(await outbox(victim.email, "Reset your Scriptorium password")).toBe(5);
    expect(
      await db().verificationToken.count({ where: { identifier: { startsWith: "reset-password" } } }),
    ).toBeGreaterThan(tokensBefore);
  });

  it("20 verification requests send at most EMAIL_RECIPIENT_LIMIT emails, with the same 200", async () => {
    const email = uniqueEmail("unverified");
    const signUp = await callAuth("/sign-up/email", { name: "Unverified", email, password: "correct horse battery" });
    expect(signUp.status).toBe(200);
    for (let i = 0; i < 20; i++) {
      const res = await callAuth("/send-verification-email", { email });
      expect(res.status).toBe(200);
    }
    expect(await outbox(email, "Verify your email")).toBe(5);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(false);
  });

  it("re-sending an invitation past the limit is 429 RATE_LIMITED and changes nothing", async () => {
    const invitee = uniqueEmail("invitee");
    for (let i = 0; i < 5; i++) {
      const res = await callRoute(routes.orgInvitations.POST, {
        user: owner,
        body: { email: invitee, role: "MEMBER" },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const before = await db().invitation.findFirstOrThrow({ where: { email: invitee } });
    const logsBefore = await db().activityLog.count({
      where: { action: "member.invited", metadata: { path: ["email"], equals: invitee } },
    });

    const refused = await callRoute(routes.orgInvitations.POST, {
      user: owner,
      body: { email: invitee, role: "ADMIN" },
    });
    expect(refused.status).toBe(429);
    const error = (refused.json as { error: { code: string; field: string; message: string } }).error;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.field).toBe("email");
    expect(error.message).toMatch(/too many invitation emails; try again in \d+ minute/);

    // The renewal did not happen: same role and expiry, no new log line, still 5 emails.
    expect(await db().invitation.findFirstOrThrow({ where: { email: invitee } })).toEqual(before);
    expect(await db().invitation.count({ where: { email: invitee } })).toBe(1);
    expect(
      await db().activityLog.count({
        where: { action: "member.invited", metadata: { path: ["email"], equals: invitee } },
      }),
    ).toBe(logsBefore);
    expect(await outbox(invitee, "You are invited")).toBe(5);
  });
});
