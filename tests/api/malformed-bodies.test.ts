import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { throttleKeys } from "@/server/auth/sign-in-throttle";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

type ErrorBody = { error: { code: string; field: string | null; message: string } };

async function postAuth(path: string, rawBody: string) {
  const response = await authRoute.POST(
    new Request(`${env().APP_URL}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: env().APP_URL },
      body: rawBody,
    }),
  );
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as ErrorBody & { code: string },
  };
}

describe("malformed bodies on auth routes get 400, a code and the field", () => {
  const cases: [string, string, string][] = [
    ["/sign-up/email", JSON.stringify({ email: "not-an-email", password: "long enough pw", name: "N" }), "email"],
    ["/sign-up/email", JSON.stringify({ email: "ok@example.test", password: "long enough pw" }), "name"],
    ["/sign-up/email", JSON.stringify({ email: "short@example.test", password: "short", name: "N" }), "password"],
    ["/sign-in/email", JSON.stringify({ email: 42, password: "x" }), "email"],
    ["/sign-in/email", JSON.stringify({ email: "a@example.test" }), "password"],
    ["/request-password-reset", JSON.stringify({}), "email"],
    ["/reset-password", JSON.stringify({ token: "abc" }), "newPassword"],
    ["/send-verification-email", JSON.stringify({}), "email"],
    ["/sign-in/email", "{not json", "body"],
  ];
  for (const [path, body, field] of cases) {
    it(`${path} ${body.slice(0, 40)} → field ${field}`, async () => {
      const users = await db().user.count();
      const res = await postAuth(path, body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toMatch(/^[A-Z_]+$/);
      expect(res.json.error.field).toBe(field);
      expect(res.json.code).toBe(res.json.error.code);
      expect(await db().user.count()).toBe(users);
    });
  }
});

describe("malformed bodies on organization routes get 400, a code and the field, and change nothing", () => {
  let owner: TestUser;
  let memberId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("malformed");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Malformed Inc" } });
    expect(created.status).toBe(201);
    memberId = (await db().organizationMember.findFirstOrThrow({ where: { userId: owner.id } })).id;
  });

  type Handler = Parameters<typeof callRoute>[0];
  const cases: [string, () => Handler, string, string | undefined, string, string | null][] = [
    ["create org: not JSON", () => routes.organizations.POST, "POST", "{", "INVALID_JSON", null],
    ["create org: no name", () => routes.organizations.POST, "POST", "{}", "VALIDATION_FAILED", "name"],
    [
      "create org: name too short",
      () => routes.organizations.POST,
      "POST",
      '{"name":"x"}',
      "VALIDATION_FAILED",
      "name",
    ],
    [
      "create org: bad slug",
      () => routes.organizations.POST,
      "POST",
      '{"name":"Good","slug":"Bad Slug!"}',
      "VALIDATION_FAILED",
      "slug",
    ],
    [
      "switch org: no id",
      () => routes.activeOrganization.POST,
      "POST",
      '{"organizationId":5}',
      "VALIDATION_FAILED",
      "organizationId",
    ],
    ["rename: array", () => routes.organization.PATCH, "PATCH", "[1,2]", "VALIDATION_FAILED", null],
    [
      "rename: too long",
      () => routes.organization.PATCH,
      "PATCH",
      JSON.stringify({ name: "n".repeat(81) }),
      "VALIDATION_FAILED",
      "name",
    ],
    [
      "delete org: no confirmation",
      () => routes.organization.DELETE,
      "DELETE",
      "{}",
      "VALIDATION_FAILED",
      "confirmSlug",
    ],
    ["change role: unknown role", () => routes.member.PATCH, "PATCH", '{"role":"KING"}', "VALIDATION_FAILED", "role"],
    ["change role: not JSON", () => routes.member.PATCH, "PATCH", "role=ADMIN", "INVALID_JSON", null],
    [
      "invite: bad email",
      () => routes.orgInvitations.POST,
      "POST",
      '{"email":"nope","role":"MEMBER"}',
      "VALIDATION_FAILED",
      "email",
    ],
    [
      "invite: bad role",
      () => routes.orgInvitations.POST,
      "POST",
      '{"email":"ok@example.test","role":"ROOT"}',
      "VALIDATION_FAILED",
      "role",
    ],
  ];

  for (const [name, handler, method, rawBody, code, field] of cases) {
    it(name, async () => {
      const before = JSON.stringify(
        await Promise.all([
          db().organization.findMany({ where: { members: { some: { userId: owner.id } } } }),
          db().invitation.count(),
          db().organizationMember.findMany({ where: { userId: owner.id } }),
        ]),
      );
      const res = await callRoute(handler(), { user: owner, method, rawBody, params: { memberId } });
      expect(res.status).toBe(400);
      const error = (res.json as ErrorBody).error;
      expect(error.code).toBe(code);
      if (field) expect(error.field).toBe(field);
      expect(error.message.length).toBeGreaterThan(0);
      const after = JSON.stringify(
        await Promise.all([
          db().organization.findMany({ where: { members: { some: { userId: owner.id } } } }),
          db().invitation.count(),
          db().organizationMember.findMany({ where: { userId: owner.id } }),
        ]),
      );
      expect(after).toBe(before);
    });
  }
});

describe("sign-in throttling", () => {
  it("locks an account after repeated failures, with Retry-After, even with the right password", async () => {
    const user = await signUpAndSignIn("throttled");
    for (let i = 0; i < env().SIGN_IN_MAX_FAILURES; i++) {
      const res = await postAuth(
        "/sign-in/email",
        JSON.stringify({ email: user.email, password: `wrong-password-${i}` }),
      );
      expect(res.status).toBe(401);
    }
    const locked = await postAuth(
      "/sign-in/email",
      JSON.stringify({ email: user.email, password: "correct horse battery" }),
    );
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(60);
    const row = await db().authThrottle.findUniqueOrThrow({ where: { key: throttleKeys(user.email, null).pair! } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});
