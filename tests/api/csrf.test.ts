// CSRF attacks on every state-changing route (issue 13 item 4): an owner's session cookie riding on a
// request the owner's browser was tricked into sending. Every route is found on disk (mutating-routes.ts),
// so a new route is attacked too; the few that cannot be attacked this way are listed with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as paystackWebhook from "@/app/api/webhooks/paystack/route";
import * as v1Book from "@/app/api/v1/books/[bookId]/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { hasSessionCookie, trustedOrigins } from "@/server/http/request-origin";
import { closeJobEvents } from "@/server/generation/job-events";
import { createTestKey } from "../support/public-api/v1-test-kit";
import { callRoute, cookieFrom, signUpAndSignIn, uniqueEmail } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import {
  createRouteFixtures,
  everythingSnapshot,
  type MutatingRoute,
  mutatingRoutes,
  type RouteFixtures,
  send,
} from "./mutating-routes";
import { routes } from "./routes";

const appOrigin = new URL(env().APP_URL).origin;
const evil = "http://evil.example";
const json = "application/json";

/** Routes the walk does not attack, and why. */
const notAttacked: Record<string, string> = {
  // better-auth's handler is not wrapped in handleRoute: it refuses a foreign or missing Origin itself
  // whenever a cookie is sent (and on sign-in/sign-up also without one); verified below.
  "POST /api/auth/[...all]": "better-auth's own origin check",
};

/** Routes that accept any body type, and why (the origin attacks still apply to them). */
const anyContentType: Record<string, string> = {
  "POST /api/webhooks/paystack": "no cookie authenticates it: the HMAC signature over the raw bytes does",
  "POST /api/webhooks/crewai/[jobId]": "no cookie authenticates it: the per-job token does",
};

/** What a forged request would ask for: valid input, so only the CSRF defence stands in the way. */
function forgedBody(route: MutatingRoute, f: RouteFixtures): unknown {
  const book = { title: "Hijacked", topic: "forgery", goal: "take over", targetChapters: 2, targetWords: 600 };
  const bodies: Record<string, unknown> = {
    "POST /api/books": book,
    "POST /api/v1/books": book,
    "PATCH /api/books/[bookId]": { title: "Hijacked" },
    "PATCH /api/v1/books/[bookId]": { title: "Hijacked" },
    "PATCH /api/books/[bookId]/chapters/[chapterId]": { title: "Hijacked" },
    "PATCH /api/v1/books/[bookId]/chapters/[chapterId]": { title: "Hijacked" },
    "POST /api/billing/checkout": { plan: "PRO" },
    "POST /api/notifications": { all: true },
    "POST /api/organization/api-keys": { name: "exfiltration", scopes: ["books:read", "books:write"] },
    "PATCH /api/organization/api-keys/[keyId]": { name: "hijacked" },
    "PUT /api/organization/engine": { defaultEngine: "demo" },
    "POST /api/organization/invitations": { email: "attacker@evil.example", role: "ADMIN" },
    "PATCH /api/organization/members/[memberId]": { role: "OWNER" },
    "PATCH /api/organization": { name: "Hijacked" },
    "POST /api/organizations": { name: "Attacker's Org" },
    "POST /api/organizations/active": { organizationId: f.otherOrganizationId },
  };
  return bodies[route.name] ?? {};
}

interface Attack {
  name: string;
  headers: Record<string, string>;
  /** The forged body as sent: JSON text, or a form. */
  body: (jsonText: string) => string;
  /** Pretend the Host header said evil.example (the request's own URL is then the attacker's origin). */
  spoofHost?: boolean;
  status: number;
  code: string;
  contentTypeAttack?: boolean;
}

const attacks: Attack[] = [
  {
    name: "Origin: http://evil.example",
    headers: { origin: evil, "content-type": json },
    body: (t) => t,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "foreign Origin with a spoofed Host header",
    headers: { origin: evil, "content-type": json, "x-forwarded-host": "evil.example" },
    body: (t) => t,
    spoofHost: true,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "Origin: null",
    headers: { origin: "null", "content-type": json },
    body: (t) => t,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "no Origin, no Sec-Fetch-Site",
    headers: { "content-type": json },
    body: (t) => t,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "no Origin, Sec-Fetch-Site: cross-site",
    headers: { "sec-fetch-site": "cross-site", "content-type": json },
    body: (t) => t,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "no Origin, Sec-Fetch-Site: same-site",
    headers: { "sec-fetch-site": "same-site", "content-type": json },
    body: (t) => t,
    status: 403,
    code: "FORBIDDEN_ORIGIN",
  },
  {
    name: "text/plain body (JSON text, no preflight)",
    headers: { origin: appOrigin, "content-type": "text/plain;charset=UTF-8" },
    body: (t) => t,
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    contentTypeAttack: true,
  },
  {
    name: "form-encoded body",
    headers: { origin: appOrigin, "content-type": "application/x-www-form-urlencoded" },
    body: () => "name=Hijacked&role=OWNER&email=attacker%40evil.example",
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    contentTypeAttack: true,
  },
  {
    name: "multipart body",
    headers: { origin: appOrigin, "content-type": "multipart/form-data; boundary=x" },
    body: () => '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nHijacked\r\n--x--\r\n',
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    contentTypeAttack: true,
  },
  {
    name: "body without a Content-Type",
    headers: { origin: appOrigin },
    body: (t) => t,
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    contentTypeAttack: true,
  },
];

const allRoutes = await mutatingRoutes();
const attackedRoutes = allRoutes.filter((route) => !(route.name in notAttacked));

describe("CSRF: every mutating route refuses a forged cookie-authenticated request and changes nothing", () => {
  let f: RouteFixtures;

  beforeAll(async () => {
    f = await createRouteFixtures("csrf");
  });
  afterAll(async () => {
    await closeJobEvents();
  });

  it("finds the app's routes on disk, the listed exceptions among them", () => {
    const names = allRoutes.map((route) => route.name);
    expect(names).toContain("POST /api/organization/invitations");
    expect(names).toContain("POST /api/v1/books");
    expect(names).toContain("DELETE /api/organization");
    for (const name of [...Object.keys(notAttacked), ...Object.keys(anyContentType)]) expect(names).toContain(name);
    expect(attackedRoutes.length).toBeGreaterThan(30);
  });

  it("recognises the session cookie better-auth actually sets (the guard keys on it)", () => {
    expect(hasSessionCookie(new Request(appOrigin, { headers: { cookie: f.owner.cookie } }))).toBe(true);
    expect(hasSessionCookie(new Request(appOrigin, { headers: { cookie: "locale=fr; other=1" } }))).toBe(false);
    expect(
      hasSessionCookie(new Request(appOrigin, { headers: { cookie: "__Secure-better-auth.session_token=x.y" } })),
    ).toBe(true);
  });

  for (const route of attackedRoutes) {
    it(`${route.name} refuses every forgery`, async () => {
      const jsonText = JSON.stringify(forgedBody(route, f));
      const before = await everythingSnapshot(f);
      for (const attack of attacks) {
        if (attack.contentTypeAttack && route.name in anyContentType) continue;
        const res = await send(route, f, {
          cookie: f.owner.cookie,
          headers: attack.headers,
          body: attack.body(jsonText),
          host: attack.spoofHost ? "evil.example" : undefined,
        });
        expect({ attack: attack.name, status: res.status, code: res.code }).toEqual({
          attack: attack.name,
          status: attack.status,
          code: attack.code,
        });
      }
      expect(await everythingSnapshot(f)).toBe(before);
    });
  }

  it("the same write from the app's own page goes through (Origin = APP_URL, JSON)", async () => {
    const invitations = routes.orgInvitations;
    const body = JSON.stringify({ email: uniqueEmail("welcome"), role: "MEMBER" });
    const route = allRoutes.find((r) => r.name === "POST /api/organization/invitations")!;
    const forged = await send(route, f, {
      cookie: f.owner.cookie,
      headers: { origin: evil, "content-type": json },
      body,
    });
    expect(forged.status).toBe(403);
    const ok = await send(route, f, {
      cookie: f.owner.cookie,
      headers: { origin: appOrigin, "content-type": "application/json; charset=utf-8" },
      body,
    });
    expect(ok.status).toBe(201);
    const listed = await callRoute(invitations.GET, { user: f.owner });
    expect(JSON.stringify(listed.json)).toContain(JSON.parse(body).email);
  });

  it("without Origin, Sec-Fetch-Site: same-origin is the app's own page; loopback spellings are one origin", async () => {
    const patch = allRoutes.find((r) => r.name === "PATCH /api/organization")!;
    const viaFetchMetadata = await send(patch, f, {
      cookie: f.owner.cookie,
      headers: { "sec-fetch-site": "same-origin", "content-type": json },
      body: JSON.stringify({ name: "Renamed From The App" }),
    });
    expect(viaFetchMetadata.status).toBe(200);
    const org = await db().organization.findUniqueOrThrow({ where: { id: f.organizationId } });
    expect(org.name).toBe("Renamed From The App");

    expect(trustedOrigins("http://localhost:3000")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    expect(trustedOrigins("https://books.example.com/app")).toEqual(["https://books.example.com"]);
    const loopback = trustedOrigins(env().APP_URL).find((o) => o !== appOrigin);
    if (loopback) {
      const res = await send(patch, f, {
        cookie: f.owner.cookie,
        headers: { origin: loopback, "content-type": json },
        body: JSON.stringify({ name: "Renamed Via Loopback" }),
      });
      expect(res.status).toBe(200);
    }
  });

  it("a bodiless write needs no Content-Type (the UI's DELETE and POST without a body)", async () => {
    const invited = await callRoute(routes.orgInvitations.POST, {
      user: f.owner,
      body: { email: uniqueEmail("cancelled"), role: "GUEST" },
    });
    const invitationId = (invited.json as { invitation: { id: string } }).invitation.id;
    const cancel = allRoutes.find((r) => r.name === "DELETE /api/organization/invitations/[invitationId]")!;
    const cancelled = await send(
      cancel,
      { ...f, params: { ...f.params, invitationId } },
      {
        cookie: f.owner.cookie,
        headers: { origin: appOrigin, "content-length": "0" },
      },
    );
    expect(cancelled.status).toBe(204);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).not.toBe("PENDING");
  });

  it("API v1 applies the same check to a session cookie, and a Bearer API key needs no Origin", async () => {
    const v1Patch = allRoutes.find((r) => r.name === "PATCH /api/v1/books/[bookId]")!;
    expect(v1Patch.handler).toBe(v1Book.PATCH);
    const before = await everythingSnapshot(f);
    const forged = await send(v1Patch, f, {
      cookie: f.owner.cookie,
      headers: { origin: evil, "content-type": json },
      body: JSON.stringify({ title: "Hijacked" }),
    });
    expect([forged.status, forged.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    expect(await everythingSnapshot(f)).toBe(before);

    const fromApp = await send(v1Patch, f, {
      cookie: f.owner.cookie,
      headers: { origin: appOrigin, "content-type": json },
      body: JSON.stringify({ title: "Renamed In The App" }),
    });
    expect(fromApp.status).toBe(200);

    // A program: its key authenticates (the cookie a shared jar may also hold is not used), no Origin.
    const key = await createTestKey(f.owner, { name: "cli" });
    const program = await send(v1Patch, f, {
      cookie: f.owner.cookie,
      headers: { authorization: `Bearer ${key.secret}`, "content-type": json },
      body: JSON.stringify({ title: "Renamed By The CLI" }),
    });
    expect(program.status).toBe(200);
    expect((await db().book.findUniqueOrThrow({ where: { id: f.bookId } })).title).toBe("Renamed By The CLI");
    // Programs still send JSON: a key does not lift the content-type rule.
    const plain = await send(v1Patch, f, {
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "text/plain" },
      body: JSON.stringify({ title: "Plain" }),
    });
    expect([plain.status, plain.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
  });

  it("webhooks carry no cookie and keep working whatever their Content-Type", async () => {
    const paystack = await paystackWebhook.POST(
      new Request(`${appOrigin}/api/webhooks/paystack`, {
        method: "POST",
        headers: { "content-type": "text/plain", "x-paystack-signature": "0".repeat(128) },
        body: JSON.stringify({ event: "charge.success", data: {} }),
      }),
    );
    // The route ran and judged the delivery (no key configured here, or a bad signature), not refused at the door.
    const paystackCode = ((await paystack.json()) as { error: { code: string } }).error.code;
    expect(["BILLING_NOT_CONFIGURED", "INVALID_SIGNATURE"]).toContain(paystackCode);

    const crewai = allRoutes.find((r) => r.name === "POST /api/webhooks/crewai/[jobId]")!;
    const delivery = await send(crewai, f, {
      headers: { "content-type": "text/plain", "x-webhook-token": "not-the-token" },
      body: JSON.stringify({ result: "forged" }),
    });
    expect([delivery.status, delivery.code]).toEqual([401, "UNAUTHENTICATED"]);
  });
});

describe("better-auth's own routes refuse a foreign Origin (its check, kept on in every environment)", () => {
  async function postAuth(path: string, body: unknown, headers: Record<string, string>) {
    const response = await authRoute.POST(
      new Request(`${appOrigin}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": json, "user-agent": "vitest-csrf", ...headers },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, response };
  }

  it("with the victim's cookie: sign-in, sign-up, update-user and sign-out from evil.example or without Origin → 403", async () => {
    const victim = await signUpAndSignIn("auth-csrf-victim");
    const victimOrg = (
      (await callRoute(routes.organizations.POST, { user: victim, body: { name: "Auth CSRF Org" } })).json as {
        organization: { id: string };
      }
    ).organization.id;
    const snapshot = async () =>
      JSON.stringify([
        await tenantSnapshot(victimOrg, [victim.id]),
        await db().user.findUniqueOrThrow({ where: { id: victim.id } }),
        await db().session.count({ where: { userId: victim.id } }),
        await db().user.count({ where: { email: { startsWith: "auth-csrf-forged" } } }),
      ]);
    const before = await snapshot();
    const forgeries: [string, unknown][] = [
      ["/sign-in/email", { email: victim.email, password: "correct horse battery" }],
      ["/sign-up/email", { name: "Forged", email: uniqueEmail("auth-csrf-forged"), password: "correct horse battery" }],
      ["/update-user", { name: "Hijacked" }],
      ["/sign-out", {}],
    ];
    for (const [path, body] of forgeries) {
      for (const headers of [{ origin: evil }, {}, { origin: "null" }] as Record<string, string>[]) {
        const res = await postAuth(path, body, { ...headers, cookie: victim.cookie });
        expect({ path, headers, status: res.status }).toEqual({ path, headers, status: 403 });
      }
    }
    expect(await snapshot()).toBe(before);

    // From the app itself the same cookie works (update-user changes the name).
    const ok = await postAuth("/update-user", { name: "Renamed Victim" }, { origin: appOrigin, cookie: victim.cookie });
    expect(ok.status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: victim.id } })).name).toBe("Renamed Victim");
  });

  it("without a cookie, a cross-site sign-in (login CSRF) is refused too", async () => {
    const user = await signUpAndSignIn("auth-login-csrf");
    const sessions = await db().session.count({ where: { userId: user.id } });
    const res = await postAuth(
      "/sign-in/email",
      { email: user.email, password: "correct horse battery" },
      { origin: evil, "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" },
    );
    expect(res.status).toBe(403);
    expect(cookieFrom(res.response)).toBe("");
    expect(await db().session.count({ where: { userId: user.id } })).toBe(sessions);
  });
});
