// Plans granted by the platform (issue 19): a SUPER_ADMIN grants an organization a complimentary plan and
// ends it; the higher of the paid and granted plans applies; every gate follows at once; non-admins,
// foreign origins and bad bodies are refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as endGrantRoute from "@/app/api/admin/organizations/[orgId]/grants/[grantId]/end/route";
import * as grantRoute from "@/app/api/admin/organizations/[orgId]/grants/[grantId]/route";
import * as grantsRoute from "@/app/api/admin/organizations/[orgId]/grants/route";
import * as billingRoute from "@/app/api/billing/route";
import * as apiKeysRoute from "@/app/api/organization/api-keys/route";
import * as v1Usage from "@/app/api/v1/usage/route";
import { adminOrganizationsPage, planGrantResponse } from "@/contracts/admin";
import { billingOverviewSchema } from "@/contracts/billing";
import type { Plan } from "@/generated/prisma/enums";
import { effectivePlanOf } from "@/server/billing/effective-plan";
import { usagePeriod } from "@/server/billing/usage-period";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { callV1, createTestKey, createTestOrg } from "../support/public-api/v1-test-kit";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

type ErrorBody = { error: { code: string; field?: string | null; upgradeTo?: string | null } };

let admin: TestUser;

beforeAll(async () => {
  admin = await signUpAndSignIn("grants-admin", { role: "SUPER_ADMIN" });
});
afterAll(async () => {
  await closeJobEvents();
});

const grant = (user: TestUser | null, orgId: string, body: unknown, headers?: Record<string, string>) =>
  callRoute(grantsRoute.POST, { user, body, params: { orgId }, headers });
const endGrant = (user: TestUser | null, orgId: string, grantId: string, headers?: Record<string, string>) =>
  callRoute(endGrantRoute.POST, { user, method: "POST", params: { orgId, grantId }, headers });

const editGrant = (
  user: TestUser | null,
  orgId: string,
  grantId: string,
  body: unknown,
  headers?: Record<string, string>,
) => callRoute(grantRoute.PATCH, { user, method: "PATCH", body, params: { orgId, grantId }, headers });

/** Everything a grant route could write: grants, the organization row, its activity, notifications, outbox. */
async function grantSnapshot(organizationId: string, ownerEmail: string): Promise<string> {
  return JSON.stringify(
    await Promise.all([
      db().planGrant.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
      db().organization.findUniqueOrThrow({ where: { id: organizationId } }),
      db().activityLog.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
      db().notification.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
      db().outboxEmail.findMany({ where: { to: ownerEmail.toLowerCase() }, orderBy: { id: "asc" } }),
      db().subscription.findMany({ where: { organizationId } }),
    ]),
  );
}

/** Sets this month's BOOKS_CREATED counter (the quota reads it). */
async function setBooksCreated(organizationId: string, value: number): Promise<void> {
  const { periodStart, periodEnd } = usagePeriod();
  await db().usageMetric.upsert({
    where: { organizationId_metric_periodStart: { organizationId, metric: "BOOKS_CREATED", periodStart } },
    create: { organizationId, metric: "BOOKS_CREATED", periodStart, periodEnd, value },
    update: { value },
  });
}

const newBook = (user: TestUser, title: string) =>
  callRoute(bookRoutes.books.POST, {
    user,
    body: { title, topic: "a topic", goal: "a goal", targetChapters: 2, targetWords: 600, engine: "demo" },
  });

describe("a SUPER_ADMIN grants a plan and ends it", () => {
  it("grants ENTERPRISE until a date: effective at once, paid plan untouched, logged and notified; then ends it", async () => {
    const { owner, organizationId } = await createTestOrg("grant-cycle", "FREE");
    const endsAt = "2027-01-31T23:59:59.000Z";

    const granted = await grant(admin, organizationId, { plan: "ENTERPRISE", reason: "Pilot customer", endsAt });
    expect(granted.status).toBe(201);
    const created = planGrantResponse.parse(granted.json).grant;
    expect(created).toMatchObject({
      organizationId,
      plan: "ENTERPRISE",
      reason: "Pilot customer",
      endsAt,
      endedAt: null,
      grantedBy: { id: admin.id },
    });

    // The paid plan (Organization.plan) is not written; the effective plan is ENTERPRISE.
    expect((await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan).toBe("FREE");
    expect(await effectivePlanOf(db(), organizationId)).toMatchObject({ plan: "ENTERPRISE", paidPlan: "FREE" });

    // Activity (the organization's log, the admin as actor) and the owner's notification and email.
    const logged = await db().activityLog.findFirstOrThrow({
      where: { organizationId, action: "billing.plan_granted" },
    });
    expect(logged).toMatchObject({ actorId: admin.id, resource: "plan_grant", resourceId: created.id });
    expect(logged.metadata).toMatchObject({ plan: "ENTERPRISE", reason: "Pilot customer", endsAt, paidPlan: "FREE" });
    const notes = await db().notification.findMany({ where: { organizationId, userId: owner.id } });
    expect(notes.map((n) => n.type)).toEqual(["billing.plan_granted"]);
    expect(notes[0]?.title).toContain("Enterprise");
    expect(notes[0]?.body).toContain("31 January 2027");
    const emails = await db().outboxEmail.findMany({ where: { to: owner.email.toLowerCase() } });
    expect(emails.some((e) => e.subject.includes("complimentary Enterprise"))).toBe(true);

    // The billing page and the v1 usage route show the effective plan and the grant.
    const overview = billingOverviewSchema.parse((await callRoute(billingRoute.GET, { user: owner })).json);
    expect(overview).toMatchObject({
      plan: { id: "ENTERPRISE" },
      paidPlan: "FREE",
      grant: { plan: "ENTERPRISE", endsAt },
      billing: "on",
    });
    expect(overview.usage.metrics.find((m) => m.metric === "BOOKS_CREATED")?.limit).toBeNull();
    const usage = await callV1(v1Usage.GET, { cookie: owner.cookie, path: "/usage" });
    expect(usage.status).toBe(200);
    expect(usage.json).toMatchObject({ plan: "ENTERPRISE" });

    // The console lists it with its effective plan, its grant and who granted it.
    const list = adminOrganizationsPage.parse(
      (await callRoute(routes.adminOrganizations.GET, { user: admin, path: "/api/admin/organizations?limit=200" }))
        .json,
    );
    const row = list.items.find((o) => o.id === organizationId);
    expect(row).toMatchObject({
      plan: "ENTERPRISE",
      paidPlan: "FREE",
      grant: { id: created.id, grantedBy: { id: admin.id } },
    });

    // One active grant at a time: a second is 409 and writes nothing.
    const before = await grantSnapshot(organizationId, owner.email);
    const second = await grant(admin, organizationId, { plan: "PRO", reason: "Again" });
    expect(second.status).toBe(409);
    expect((second.json as ErrorBody).error.code).toBe("CONFLICT");
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);

    // Ending it: kept as history, FREE again at once, logged and notified.
    const ended = await endGrant(admin, organizationId, created.id);
    expect(ended.status).toBe(200);
    expect(planGrantResponse.parse(ended.json).grant.endedAt).not.toBeNull();
    const row2 = await db().planGrant.findUniqueOrThrow({ where: { id: created.id } });
    expect(row2).toMatchObject({ endedById: admin.id });
    expect(await effectivePlanOf(db(), organizationId)).toMatchObject({ plan: "FREE", grant: null });
    expect(await db().activityLog.count({ where: { organizationId, action: "billing.plan_grant_ended" } })).toBe(1);
    const types = (await db().notification.findMany({ where: { organizationId, userId: owner.id } })).map(
      (n) => n.type,
    );
    expect(types.sort()).toEqual(["billing.plan_grant_ended", "billing.plan_granted"]);
    const after = billingOverviewSchema.parse((await callRoute(billingRoute.GET, { user: owner })).json);
    expect(after).toMatchObject({ plan: { id: "FREE" }, grant: null });

    // Ending it again is 409; a grant named under another organization is 404; nothing is written.
    const other = await createTestOrg("grant-cycle-other", "FREE");
    const snapshot = await grantSnapshot(organizationId, owner.email);
    const again = await endGrant(admin, organizationId, created.id);
    expect([again.status, (again.json as ErrorBody).error.code]).toEqual([409, "CONFLICT"]);
    const foreign = await endGrant(admin, other.organizationId, created.id);
    expect([foreign.status, (foreign.json as ErrorBody).error.code]).toEqual([404, "NOT_FOUND"]);
    expect(await grantSnapshot(organizationId, owner.email)).toBe(snapshot);

    // A new grant may follow the ended one.
    expect((await grant(admin, organizationId, { plan: "PRO", reason: "Second chance" })).status).toBe(201);
  });

  it("treats a grant whose end date has passed as ended, with no sweep", async () => {
    const { organizationId } = await createTestOrg("grant-lapsed", "FREE");
    await db().planGrant.create({
      data: {
        organizationId,
        plan: "ENTERPRISE",
        reason: "Lapsed",
        startsAt: new Date(Date.now() - 60_000),
        endsAt: new Date(Date.now() - 1_000),
      },
    });
    expect(await effectivePlanOf(db(), organizationId)).toMatchObject({ plan: "FREE", grant: null });
    // …and a new grant is allowed, since none is active.
    expect((await grant(admin, organizationId, { plan: "STARTER", reason: "Renewed" })).status).toBe(201);
    expect((await effectivePlanOf(db(), organizationId)).plan).toBe("STARTER");
  });

  it("applies the higher of the paid and granted plans and never overwrites the paid one", async () => {
    const { owner, organizationId } = await createTestOrg("grant-paid", "PRO");
    await db().subscription.create({
      data: { organizationId, plan: "PRO", status: "ACTIVE", currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000) },
    });
    const effective = async (): Promise<Plan> => (await effectivePlanOf(db(), organizationId)).plan;

    const lower = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "STARTER", reason: "Lower" })).json,
    );
    expect(await effective()).toBe("PRO");
    const lowerOverview = billingOverviewSchema.parse((await callRoute(billingRoute.GET, { user: owner })).json);
    expect(lowerOverview).toMatchObject({ plan: { id: "PRO" }, paidPlan: "PRO", grant: { plan: "STARTER" } });
    expect(lowerOverview.subscription).toMatchObject({ plan: "PRO", status: "ACTIVE" });
    expect((await endGrant(admin, organizationId, lower.grant.id)).status).toBe(200);

    const higher = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "ENTERPRISE", reason: "Up" })).json,
    );
    expect(await effective()).toBe("ENTERPRISE");
    expect((await endGrant(admin, organizationId, higher.grant.id)).status).toBe(200);

    // Back to the paid plan; the subscription and Organization.plan were never touched.
    expect(await effective()).toBe("PRO");
    expect((await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan).toBe("PRO");
    expect(await db().subscription.findUniqueOrThrow({ where: { organizationId } })).toMatchObject({
      plan: "PRO",
      status: "ACTIVE",
    });
  });
});

describe("a SUPER_ADMIN edits an active grant", () => {
  it("changes plan, reason and end date: effective at once, logged with before/after, owners notified", async () => {
    const { owner, organizationId } = await createTestOrg("grant-edit", "FREE");
    const created = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "STARTER", reason: "Trial", endsAt: "2027-01-31T00:00:00.000Z" }))
        .json,
    ).grant;
    expect((await effectivePlanOf(db(), organizationId)).plan).toBe("STARTER");

    const endsAt = "2027-06-30T00:00:00.000Z";
    const edited = await editGrant(admin, organizationId, created.id, {
      plan: "ENTERPRISE",
      reason: "Pilot extended",
      endsAt,
    });
    expect(edited.status).toBe(200);
    expect(planGrantResponse.parse(edited.json).grant).toMatchObject({
      id: created.id,
      plan: "ENTERPRISE",
      reason: "Pilot extended",
      endsAt,
      endedAt: null,
    });
    // The same row, edited in place; the paid plan untouched; the limits follow at once.
    expect(await db().planGrant.count({ where: { organizationId } })).toBe(1);
    expect((await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan).toBe("FREE");
    expect(await effectivePlanOf(db(), organizationId)).toMatchObject({ plan: "ENTERPRISE", paidPlan: "FREE" });
    expect((await createTestKey(owner, { name: "after edit", scopes: ["books:read"] })).secret).toBeTruthy();

    const logged = await db().activityLog.findFirstOrThrow({
      where: { organizationId, action: "billing.plan_grant_updated" },
    });
    expect(logged).toMatchObject({ actorId: admin.id, resource: "plan_grant", resourceId: created.id });
    expect(logged.metadata).toMatchObject({
      plan: "ENTERPRISE",
      effectivePlan: "ENTERPRISE",
      changes: {
        plan: { from: "STARTER", to: "ENTERPRISE" },
        reason: { from: "Trial", to: "Pilot extended" },
        endsAt: { from: "2027-01-31T00:00:00.000Z", to: endsAt },
      },
    });
    const note = await db().notification.findFirstOrThrow({
      where: { organizationId, userId: owner.id, type: "billing.plan_grant_updated" },
    });
    expect(note.body).toContain("Enterprise");
    expect(note.body).toContain("30 June 2027");
    const emails = await db().outboxEmail.findMany({ where: { to: owner.email.toLowerCase() } });
    expect(emails.some((e) => e.subject.includes("has changed"))).toBe(true);

    // Lowering the plan and removing the end date: only the fields sent change.
    const lowered = planGrantResponse.parse(
      (await editGrant(admin, organizationId, created.id, { plan: "PRO", endsAt: null })).json,
    ).grant;
    expect(lowered).toMatchObject({ plan: "PRO", reason: "Pilot extended", endsAt: null });
    expect((await effectivePlanOf(db(), organizationId)).plan).toBe("PRO");
    const billing = billingOverviewSchema.parse((await callRoute(billingRoute.GET, { user: owner })).json);
    expect(billing).toMatchObject({ plan: { id: "PRO" }, grant: { plan: "PRO", endsAt: null } });

    // An ended grant cannot be edited (409), and nothing is written.
    expect((await endGrant(admin, organizationId, created.id)).status).toBe(200);
    const before = await grantSnapshot(organizationId, owner.email);
    const late = await editGrant(admin, organizationId, created.id, { reason: "Too late" });
    expect([late.status, (late.json as ErrorBody).error.code]).toEqual([409, "CONFLICT"]);
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);
  });

  it("refuses everyone but a SUPER_ADMIN, foreign origins, other organizations and bad bodies, writing nothing", async () => {
    const { owner, organizationId } = await createTestOrg("grant-edit-attacks", "FREE");
    const member = await signUpAndSignIn("grant-edit-attacks-member");
    await db().organizationMember.create({ data: { organizationId, userId: member.id, role: "ADMIN" } });
    const grantId = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "PRO", reason: "Existing", endsAt: "2027-03-01T00:00:00.000Z" }))
        .json,
    ).grant.id;
    const other = await createTestOrg("grant-edit-attacks-other", "FREE");
    const valid = { plan: "ENTERPRISE", reason: "Because", endsAt: null };
    const before = await grantSnapshot(organizationId, owner.email);
    const otherBefore = await grantSnapshot(other.organizationId, other.owner.email);

    for (const [user, status, code] of [
      [owner, 403, "FORBIDDEN"],
      [member, 403, "FORBIDDEN"],
      [null, 401, "UNAUTHENTICATED"],
    ] as const) {
      const res = await editGrant(user, organizationId, grantId, valid);
      expect([res.status, (res.json as ErrorBody).error.code]).toEqual([status, code]);
    }
    const foreignOrigin = await editGrant(admin, organizationId, grantId, valid, { origin: "https://evil.example" });
    expect([foreignOrigin.status, (foreignOrigin.json as ErrorBody).error.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    // The grant named under another organization, or an unknown grant: 404.
    const foreign = await editGrant(admin, other.organizationId, grantId, valid);
    expect([foreign.status, (foreign.json as ErrorBody).error.code]).toEqual([404, "NOT_FOUND"]);
    const unknown = await editGrant(admin, organizationId, "no-such-grant", valid);
    expect([unknown.status, (unknown.json as ErrorBody).error.code]).toEqual([404, "NOT_FOUND"]);

    const cases: { body?: unknown; rawBody?: string; status: number; code: string; field?: string }[] = [
      { rawBody: '{"plan": ', status: 400, code: "INVALID_JSON" },
      { body: [42], status: 400, code: "VALIDATION_FAILED" },
      { body: {}, status: 400, code: "VALIDATION_FAILED" },
      { body: { plan: "GOLD" }, status: 400, code: "VALIDATION_FAILED", field: "plan" },
      { body: { reason: "   " }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { reason: "r".repeat(501) }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { reason: "nul\u0000here" }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { reason: "bell\u0007here" }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { endsAt: "tomorrow" }, status: 400, code: "VALIDATION_FAILED", field: "endsAt" },
      { body: { endsAt: "2020-01-01T00:00:00Z" }, status: 400, code: "VALIDATION_FAILED", field: "endsAt" },
      { body: { reason: "x".repeat(2_000_000) }, status: 413, code: "PAYLOAD_TOO_LARGE" },
    ];
    for (const c of cases) {
      const res = await callRoute(grantRoute.PATCH, {
        user: admin,
        method: "PATCH",
        params: { orgId: organizationId, grantId },
        ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : { body: c.body }),
      });
      const error = (res.json as ErrorBody).error;
      expect({ status: res.status, code: error.code, ...(c.field ? { field: error.field } : {}) }).toEqual({
        status: c.status,
        code: c.code,
        ...(c.field ? { field: c.field } : {}),
      });
    }
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);
    expect(await grantSnapshot(other.organizationId, other.owner.email)).toBe(otherBefore);
  });
});

describe("every view of a granted organization reads its effective plan", () => {
  it("get, list, me, switch and rename answer the granted plan, not the paid one; the paid plan wins when higher", async () => {
    const { owner, organizationId } = await createTestOrg("grant-views", "FREE");
    expect((await grant(admin, organizationId, { plan: "PRO", reason: "Views" })).status).toBe(201);

    const plansSeen = async () => {
      const got = await callRoute(routes.organization.GET, { user: owner });
      const listed = await callRoute(routes.organizations.GET, { user: owner });
      const me = await callRoute(routes.me.GET, { user: owner });
      const switched = await callRoute(routes.activeOrganization.POST, { user: owner, body: { organizationId } });
      const renamed = await callRoute(routes.organization.PATCH, {
        user: owner,
        method: "PATCH",
        body: { name: "grant-views Renamed" },
      });
      expect([got.status, listed.status, me.status, switched.status, renamed.status]).toEqual([
        200, 200, 200, 200, 200,
      ]);
      type Json = { organization: { plan: string }; organizations: { id: string; plan: string }[] };
      const me_ = me.json as Json & { activeOrganization: { plan: string } };
      return {
        get: (got.json as Json).organization.plan,
        list: (listed.json as Json).organizations.find((o) => o.id === organizationId)?.plan,
        me: me_.activeOrganization.plan,
        switch: (switched.json as { activeOrganization: { plan: string } }).activeOrganization.plan,
        rename: (renamed.json as Json).organization.plan,
      };
    };

    expect(await plansSeen()).toEqual({ get: "PRO", list: "PRO", me: "PRO", switch: "PRO", rename: "PRO" });
    // The paid plan is still FREE underneath.
    expect((await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).plan).toBe("FREE");

    // A paid plan higher than the grant wins in every view too.
    await db().organization.update({ where: { id: organizationId }, data: { plan: "ENTERPRISE" } });
    const all = "ENTERPRISE";
    expect(await plansSeen()).toEqual({ get: all, list: all, me: all, switch: all, rename: all });
  });
});

describe("limits follow a grant at once", () => {
  it("books: FREE limit reached → grant → more books → grant ended → refused, existing books readable", async () => {
    const { owner, organizationId } = await createTestOrg("grant-books", "FREE");
    await setBooksCreated(organizationId, 9);
    const tenth = await newBook(owner, "Tenth");
    expect(tenth.status).toBe(201);
    const refused = await newBook(owner, "Eleventh");
    expect(refused.status).toBe(402);
    expect((refused.json as ErrorBody).error).toMatchObject({ code: "PLAN_LIMIT_REACHED", upgradeTo: "STARTER" });

    const granted = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "STARTER", reason: "More" })).json,
    );
    const eleventh = await newBook(owner, "Eleventh");
    expect(eleventh.status).toBe(201);
    const twelfth = await newBook(owner, "Twelfth");
    expect(twelfth.status).toBe(201);

    expect((await endGrant(admin, organizationId, granted.grant.id)).status).toBe(200);
    const books = await db().book.count({ where: { organizationId } });
    const after = await newBook(owner, "Thirteenth");
    expect(after.status).toBe(402);
    expect(await db().book.count({ where: { organizationId } })).toBe(books);

    // Nothing was deleted: the books made under the grant are still there and readable.
    for (const res of [tenth, eleventh, twelfth]) {
      const bookId = (res.json as { book: { id: string } }).book.id;
      const read = await callRoute(bookRoutes.book.GET, { user: owner, params: { bookId } });
      expect(read.status).toBe(200);
    }
  });

  it("API access: refused on FREE, keys and v1 calls work under an ENTERPRISE grant, stop when it ends", async () => {
    const { owner, organizationId } = await createTestOrg("grant-api", "FREE");
    const refused = await callRoute(apiKeysRoute.POST, { user: owner, body: { name: "k", scopes: ["books:read"] } });
    expect(refused.status).toBe(402);
    expect((refused.json as ErrorBody).error.upgradeTo).toBe("ENTERPRISE");

    const granted = planGrantResponse.parse(
      (await grant(admin, organizationId, { plan: "ENTERPRISE", reason: "API trial" })).json,
    );
    const key = await createTestKey(owner, { name: "granted key", scopes: ["books:read"] });
    const ok = await callV1(v1Usage.GET, { key: key.secret, path: "/usage" });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ plan: "ENTERPRISE" });

    expect((await endGrant(admin, organizationId, granted.grant.id)).status).toBe(200);
    const stopped = await callV1(v1Usage.GET, { key: key.secret, path: "/usage" });
    expect(stopped.status).toBe(402);
    expect((stopped.json as ErrorBody).error).toMatchObject({ code: "PLAN_LIMIT_REACHED", upgradeTo: "ENTERPRISE" });
    // The key itself is kept (nothing is deleted).
    expect(await db().apiKey.count({ where: { id: key.id, revokedAt: null } })).toBe(1);
  });

  it("multiple organizations: an owner of a granted ENTERPRISE organization may create more", async () => {
    const { owner, organizationId } = await createTestOrg("grant-orgs", "FREE");
    const refused = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Second Press" } });
    expect(refused.status).toBe(402);
    await grant(admin, organizationId, { plan: "ENTERPRISE", reason: "Group" });
    const allowed = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Second Press" } });
    expect(allowed.status).toBe(201);
  });
});

describe("the grant routes refuse everyone but a SUPER_ADMIN, and bad requests, writing nothing", () => {
  let owner: TestUser;
  let member: TestUser;
  let organizationId: string;
  let grantId: string;

  beforeAll(async () => {
    ({ owner, organizationId } = await createTestOrg("grant-attacks", "FREE"));
    member = await signUpAndSignIn("grant-attacks-member");
    await db().organizationMember.create({ data: { organizationId, userId: member.id, role: "MEMBER" } });
    grantId = (await db().planGrant.create({ data: { organizationId, plan: "PRO", reason: "Existing" } })).id;
  });

  const valid = { plan: "ENTERPRISE", reason: "Because" };

  it("OWNER, MEMBER → 403; anonymous → 401; on both routes, with the database unchanged", async () => {
    const before = await grantSnapshot(organizationId, owner.email);
    for (const [user, status, code] of [
      [owner, 403, "FORBIDDEN"],
      [member, 403, "FORBIDDEN"],
      [null, 401, "UNAUTHENTICATED"],
    ] as const) {
      const granted = await grant(user, organizationId, valid);
      expect([granted.status, (granted.json as ErrorBody).error.code]).toEqual([status, code]);
      const ended = await endGrant(user, organizationId, grantId);
      expect([ended.status, (ended.json as ErrorBody).error.code]).toEqual([status, code]);
    }
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);
  });

  it("a foreign Origin → 403 FORBIDDEN_ORIGIN, even for a SUPER_ADMIN", async () => {
    const before = await grantSnapshot(organizationId, owner.email);
    const headers = { origin: "https://evil.example" };
    const granted = await grant(admin, organizationId, valid, headers);
    expect([granted.status, (granted.json as ErrorBody).error.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    const ended = await endGrant(admin, organizationId, grantId, headers);
    expect([ended.status, (ended.json as ErrorBody).error.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);
  });

  it("malformed, invalid, control-character and oversized bodies → 4xx with the field, nothing written", async () => {
    // End the existing grant first so a valid body would have succeeded: each refusal is about the body.
    await db().planGrant.update({ where: { id: grantId }, data: { endedAt: new Date() } });
    const before = await grantSnapshot(organizationId, owner.email);
    const cases: { body?: unknown; rawBody?: string; status: number; code: string; field?: string }[] = [
      { rawBody: '{"plan": ', status: 400, code: "INVALID_JSON" },
      { body: [42], status: 400, code: "VALIDATION_FAILED" },
      { body: { reason: "No plan" }, status: 400, code: "VALIDATION_FAILED", field: "plan" },
      { body: { plan: "GOLD", reason: "x" }, status: 400, code: "VALIDATION_FAILED", field: "plan" },
      { body: { plan: "PRO", reason: "   " }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { plan: "PRO", reason: "r".repeat(501) }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      { body: { plan: "PRO", reason: "nul\u0000here" }, status: 400, code: "VALIDATION_FAILED", field: "reason" },
      {
        body: { plan: "PRO", reason: "x", endsAt: "tomorrow" },
        status: 400,
        code: "VALIDATION_FAILED",
        field: "endsAt",
      },
      {
        body: { plan: "PRO", reason: "x", endsAt: "2020-01-01T00:00:00Z" },
        status: 400,
        code: "VALIDATION_FAILED",
        field: "endsAt",
      },
      { body: { plan: "PRO", reason: "x".repeat(2_000_000) }, status: 413, code: "PAYLOAD_TOO_LARGE" },
    ];
    for (const c of cases) {
      const res = await callRoute(grantsRoute.POST, {
        user: admin,
        params: { orgId: organizationId },
        ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : { body: c.body }),
      });
      const error = (res.json as ErrorBody).error;
      expect({ status: res.status, code: error.code, ...(c.field ? { field: error.field } : {}) }).toEqual({
        status: c.status,
        code: c.code,
        ...(c.field ? { field: c.field } : {}),
      });
    }
    expect(await grantSnapshot(organizationId, owner.email)).toBe(before);
  });

  it("an unknown organization or grant → 404", async () => {
    const granted = await grant(admin, "no-such-organization", valid);
    expect([granted.status, (granted.json as ErrorBody).error.code]).toEqual([404, "NOT_FOUND"]);
    const ended = await endGrant(admin, organizationId, "no-such-grant");
    expect([ended.status, (ended.json as ErrorBody).error.code]).toEqual([404, "NOT_FOUND"]);
  });
});
