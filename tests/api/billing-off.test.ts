// BILLING=off (issue 19, docs/decisions/0016-plan-grants-and-billing-off.md): a self-hosted installation
// lifts every plan gate for every organization, while usage is still measured and shown; the routes that
// buy, manage or cancel a plan answer 409 BILLING_OFF.
import { afterAll, describe, expect, it, vi } from "vitest";
import * as billingCancelRoute from "@/app/api/billing/cancel/route";
import * as checkoutRoute from "@/app/api/billing/checkout/route";
import * as manageLinkRoute from "@/app/api/billing/manage-link/route";
import * as billingRoute from "@/app/api/billing/route";
import * as storageTestRoute from "@/app/api/organization/storage/test/route";
import * as v1Usage from "@/app/api/v1/usage/route";
import { billingOverviewSchema } from "@/contracts/billing";
import { assertStorageAvailable } from "@/server/billing/plans";
import { usagePeriod } from "@/server/billing/usage-period";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { callRoute, signUpAndSignIn } from "../helpers/session-client";
import { callV1, createTestKey, createTestOrg } from "../support/public-api/v1-test-kit";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

type ErrorBody = { error: { code: string } };

// Hoisted above the imports, so it is set before any module reads (and caches) the environment; each test
// file runs in its own process, so other files are not affected.
vi.hoisted(() => {
  process.env.BILLING = "off";
});

afterAll(async () => {
  await closeJobEvents();
});

const booksCreated = async (organizationId: string) => {
  const { periodStart } = usagePeriod();
  const row = await db().usageMetric.findUnique({
    where: { organizationId_metric_periodStart: { organizationId, metric: "BOOKS_CREATED", periodStart } },
  });
  return Number(row?.value ?? 0);
};

describe("BILLING=off", () => {
  it("lifts every gate of a FREE organization and still counts usage", async () => {
    const { owner, organizationId } = await createTestOrg("billing-off", "FREE");
    const { periodStart, periodEnd } = usagePeriod();
    // Past the FREE book limit already.
    await db().usageMetric.create({
      data: { organizationId, metric: "BOOKS_CREATED", periodStart, periodEnd, value: 10 },
    });

    const book = await callRoute(bookRoutes.books.POST, {
      user: owner,
      body: {
        title: "Eleventh",
        topic: "a topic",
        goal: "a goal",
        targetChapters: 2,
        targetWords: 600,
        engine: "demo",
      },
    });
    expect(book.status).toBe(201);
    expect(await booksCreated(organizationId)).toBe(11); // still counted

    // Real engines (PRO feature).
    const engine = await callRoute(bookRoutes.engine.PUT, {
      user: owner,
      method: "PUT",
      body: {
        defaultEngine: "openai-compatible",
        openaiCompatible: { baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "sk-test" },
      },
    });
    expect(engine.status).toBe(200);

    // Custom storage (PRO feature): the plan gate passes; the connection test then fails on the unreachable
    // endpoint, not on the plan.
    const storageTest = await callRoute(storageTestRoute.POST, {
      user: owner,
      body: {
        provider: "AWS_S3",
        bucket: "books",
        region: "us-east-1",
        endpoint: "http://127.0.0.1:9",
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
      },
    });
    expect((storageTest.json as ErrorBody | null)?.error?.code).not.toBe("PLAN_LIMIT_REACHED");

    // Storage bytes: no limit.
    await db().$transaction((tx) => assertStorageAvailable(tx, organizationId, 50 * 1024 ** 3));

    // API keys and v1 calls (ENTERPRISE feature), metered as API_CALLS.
    const key = await createTestKey(owner, { name: "self-hosted key", scopes: ["books:read"] });
    const usage = await callV1(v1Usage.GET, { key: key.secret, path: "/usage" });
    expect(usage.status).toBe(200);
    const again = await callV1(v1Usage.GET, { key: key.secret, path: "/usage" });
    expect((again.json as { metrics: { API_CALLS: number; BOOKS_CREATED: number } }).metrics).toMatchObject({
      BOOKS_CREATED: 11,
    });
    expect((again.json as { metrics: { API_CALLS: number } }).metrics.API_CALLS).toBeGreaterThanOrEqual(1);

    // The billing page: billing is off, no limits, nothing to buy, usage still shown.
    const overview = billingOverviewSchema.parse((await callRoute(billingRoute.GET, { user: owner })).json);
    expect(overview).toMatchObject({ billing: "off", paidPlan: "FREE", canManage: false });
    expect(overview.plans.every((p) => !p.purchasable)).toBe(true);
    const metric = (id: string) => overview.usage.metrics.find((m) => m.metric === id);
    expect(metric("BOOKS_CREATED")).toMatchObject({ used: 11, limit: null });
    expect(metric("STORAGE_USED")?.limit).toBeNull();
    expect(metric("API_CALLS")?.limit).toBeNull();
    expect(metric("API_CALLS")?.used).toBeGreaterThanOrEqual(2);

    // Multiple organizations (ENTERPRISE feature): a FREE owner creates a second one (last: it becomes the active one).
    const second = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Second Self-Hosted" } });
    expect(second.status).toBe(201);
  });

  it("every organization view reads the unlimited plan: create, get, switch and rename", async () => {
    const owner = await signUpAndSignIn("billing-off-views");
    const created = await callRoute(routes.organizations.POST, { user: owner, body: { name: "Self-hosted Press" } });
    expect(created.status).toBe(201);
    const organization = (created.json as { organization: { id: string; plan: string } }).organization;
    expect(organization.plan).toBe("ENTERPRISE");
    // The paid plan underneath is FREE: nothing was written to make it so.
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).plan).toBe("FREE");

    const got = await callRoute(routes.organization.GET, { user: owner });
    expect((got.json as { organization: { plan: string } }).organization.plan).toBe("ENTERPRISE");
    const switched = await callRoute(routes.activeOrganization.POST, {
      user: owner,
      body: { organizationId: organization.id },
    });
    expect((switched.json as { activeOrganization: { plan: string } }).activeOrganization.plan).toBe("ENTERPRISE");
    const renamed = await callRoute(routes.organization.PATCH, {
      user: owner,
      method: "PATCH",
      body: { name: "Self-hosted House" },
    });
    expect(renamed.status).toBe(200);
    expect((renamed.json as { organization: { plan: string } }).organization.plan).toBe("ENTERPRISE");
  });

  it("answers 409 BILLING_OFF on checkout, manage link and cancel, writing nothing", async () => {
    const { owner, organizationId } = await createTestOrg("billing-off-checkout", "FREE");
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          db().billingCheckout.findMany({ where: { organizationId } }),
          db().subscription.findMany({ where: { organizationId } }),
          db().activityLog.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
          db().organization.findUniqueOrThrow({ where: { id: organizationId } }),
        ]),
      );
    const before = await snapshot();
    const checkout = await callRoute(checkoutRoute.POST, { user: owner, body: { plan: "PRO" } });
    const manage = await callRoute(manageLinkRoute.GET, { user: owner });
    const cancel = await callRoute(billingCancelRoute.POST, { user: owner, method: "POST" });
    for (const res of [checkout, manage, cancel]) {
      expect([res.status, (res.json as ErrorBody).error.code]).toEqual([409, "BILLING_OFF"]);
    }
    expect(await snapshot()).toBe(before);
  });
});
