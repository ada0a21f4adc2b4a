import { createHash } from "node:crypto";
import { expect } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/paystack/route";
import { db } from "@/server/db/client";
import { type PaystackFake, startPaystackFake } from "../fakes/paystack-fake";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

/** Delivers a raw body to POST /api/webhooks/paystack the way Paystack does; returns status and JSON. */
export async function postWebhook(rawBody: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Paystack" };
  if (signature !== null) headers["x-paystack-signature"] = signature;
  const response = await webhookRoute.POST(
    new Request("http://localhost:3000/api/webhooks/paystack", { method: "POST", headers, body: rawBody }),
  );
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/**
 * Starts the Paystack fake and points this test file's environment at it (before anything reads env()),
 * with its webhooks delivered straight to the route handler.
 */
export async function startBillingFake(): Promise<PaystackFake> {
  const fake = await startPaystackFake({
    webhookTarget: async (rawBody, signature) => (await postWebhook(rawBody, signature)).status,
  });
  Object.assign(process.env, fake.env());
  return fake;
}

/** An organization owned by a fresh user, plus one signed-in user per other role, each with it active. */
export async function organizationWithRoles(label: string) {
  const owner = await signUpAndSignIn(`${label}-owner`);
  const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: `${label} Press` } });
  expect(created.status).toBe(201);
  const organizationId = (created.json as { organization: { id: string } }).organization.id;
  const members = {} as Record<"admin" | "member" | "guest", TestUser>;
  for (const role of ["ADMIN", "MEMBER", "GUEST"] as const) {
    const user = await signUpAndSignIn(`${label}-${role.toLowerCase()}`);
    await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
    const switched = await callRoute(routes.activeOrganization.POST, { user, body: { organizationId } });
    expect(switched.status).toBe(200);
    members[role.toLowerCase() as "admin" | "member" | "guest"] = user;
  }
  return { organizationId, owner, ...members };
}

/** A fingerprint of every billing row of an organization (to prove a refused request changed nothing). */
export async function billingSnapshot(organizationId: string): Promise<string> {
  const where = { organizationId };
  const [organization, subscription, invoices, checkouts, usage, activity] = await Promise.all([
    db().organization.findUnique({ where: { id: organizationId }, select: { plan: true, updatedAt: true } }),
    db().subscription.findUnique({ where }),
    db().invoice.findMany({ where, include: { items: true }, orderBy: { id: "asc" } }),
    db().billingCheckout.findMany({ where, orderBy: { id: "asc" } }),
    db().usageMetric.findMany({ where, orderBy: { id: "asc" } }),
    db().activityLog.count({ where }),
  ]);
  const json = JSON.stringify({ organization, subscription, invoices, checkouts, usage, activity });
  return createHash("sha256").update(json).digest("hex");
}

/**
 * Stored Paystack events (dedupe rows) whose key or payload mentions `marker`, to prove a refused delivery
 * stored nothing (other test files deliver events to the same database at the same time).
 */
export async function storedEventsMentioning(marker: string): Promise<number> {
  const pattern = `%${marker}%`;
  const rows = await db().$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS "count" FROM "WebhookEvent"
    WHERE "provider" = 'paystack' AND ("eventKey" LIKE ${pattern} OR "payload"::text LIKE ${pattern})`;
  return Number(rows[0]?.count ?? 0);
}

/** Calls a route handler and returns status + JSON (shorthand for callRoute with a user). */
export const call = (
  handler: RouteHandler,
  user: TestUser | null,
  options: Omit<Parameters<typeof callRoute>[1], "user"> = {},
) => callRoute(handler, { user, ...options });
