import { beforeAll, describe, expect, it } from "vitest";
import * as estimateRoute from "@/app/api/books/estimate/route";
import * as engineRoute from "@/app/api/organization/engine/route";
import * as v1EstimateRoute from "@/app/api/v1/books/estimate/route";
import { db } from "@/server/db/client";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { callV1, createTestKey } from "../support/public-api/v1-test-kit";
import { createOrganizationAs } from "./organization-setup";
import { routes } from "./routes";

// The book estimate (GET /api/books/estimate, GET /api/v1/books/estimate) and the prices per 1k tokens it
// uses (PUT /api/organization/engine, openaiCompatible.pricing): who may read it, what it refuses, and that
// nothing is ever written by it.

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

const estimate = (user: TestUser | null, query: string, headers?: Record<string, string>) =>
  callRoute(estimateRoute.GET, { user, path: `/api/books/estimate${query}`, headers });
const putEngine = (user: TestUser, body: unknown) => callRoute(engineRoute.PUT, { user, method: "PUT", body });
const pricing = { currency: "usd", promptPer1k: 0.15, completionPer1k: 0.6 };

async function joinAs(organizationId: string, role: "MEMBER" | "GUEST"): Promise<TestUser> {
  const user = await signUpAndSignIn(`estimate-${role.toLowerCase()}`);
  await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
  const switched = await callRoute(routes.activeOrganization.POST, { user, body: { organizationId } });
  expect(switched.status).toBe(200);
  return user;
}

describe("book estimate and engine prices", () => {
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;
  let outsiderOrgId: string;
  const snapshots = async () => [await tenantSnapshot(orgId), await tenantSnapshot(outsiderOrgId)];

  beforeAll(async () => {
    owner = await signUpAndSignIn("estimate-owner");
    outsider = await signUpAndSignIn("estimate-outsider");
    orgId = await createOrganizationAs(owner, "Estimate House", "ENTERPRISE");
    outsiderOrgId = await createOrganizationAs(outsider, "Other Estimates", "ENTERPRISE");
    member = await joinAs(orgId, "MEMBER");
    guest = await joinAs(orgId, "GUEST");
    const saved = await putEngine(owner, {
      defaultEngine: "openai-compatible",
      openaiCompatible: { baseUrl: "http://127.0.0.1:9/v1", model: "gpt-4o-mini", apiKey: "sk-estimate", pricing },
    });
    expect(saved.status).toBe(200);
  });

  it("stores the prices (currency upper-cased), keeps them when omitted and removes them with null", async () => {
    const read = await callRoute(engineRoute.GET, { user: owner });
    expect((read.json as Json).settings.openaiCompatible.pricing).toEqual({ ...pricing, currency: "USD" });
    await putEngine(owner, { defaultEngine: "openai-compatible", openaiCompatible: { model: "gpt-4o" } });
    const kept = await callRoute(engineRoute.GET, { user: owner });
    expect((kept.json as Json).settings.openaiCompatible).toMatchObject({
      model: "gpt-4o",
      pricing: { currency: "USD" },
    });
    await putEngine(owner, { defaultEngine: "openai-compatible", openaiCompatible: { pricing: null } });
    expect(
      ((await callRoute(engineRoute.GET, { user: owner })).json as Json).settings.openaiCompatible.pricing,
    ).toBeNull();
    await putEngine(owner, { defaultEngine: "openai-compatible", openaiCompatible: { model: "gpt-4o-mini", pricing } });
  });

  it("refuses bad prices with the field at fault, changing nothing", async () => {
    const before = await snapshots();
    for (const [bad, field] of [
      [{ ...pricing, currency: "dollars" }, "openaiCompatible.pricing.currency"],
      [{ ...pricing, currency: "U\u0000D" }, null],
      [{ ...pricing, promptPer1k: -1 }, "openaiCompatible.pricing.promptPer1k"],
      [{ ...pricing, completionPer1k: 5000 }, "openaiCompatible.pricing.completionPer1k"],
      [{ ...pricing, completionPer1k: "0.6" }, "openaiCompatible.pricing.completionPer1k"],
    ] as const) {
      const res = await putEngine(owner, { defaultEngine: "openai-compatible", openaiCompatible: { pricing: bad } });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      if (field) expect((res.json as Json).error.field).toBe(field);
    }
    // Prices are an admin setting: a member may not set them.
    const memberPut = await putEngine(member, { defaultEngine: "openai-compatible", openaiCompatible: { pricing } });
    expect(memberPut.status).toBe(403);
    expect(await snapshots()).toEqual(before);
  });

  it("estimates tokens and the cost at the organization's prices, for owners and members", async () => {
    for (const user of [owner, member]) {
      const res = await estimate(user, "?targetWords=100000&targetChapters=30");
      expect(res.status).toBe(200);
      const body = res.json as Json;
      expect(body).toMatchObject({ engine: { id: "openai-compatible" }, placeholder: false });
      expect(body.completionTokens).toBeGreaterThan(100_000 / 0.75);
      expect(body.totalTokens).toBe(body.promptTokens + body.completionTokens);
      expect(body.cost.currency).toBe("USD");
      expect(body.cost.total).toBeCloseTo((body.promptTokens * 0.15 + body.completionTokens * 0.6) / 1000, 4);
    }
    const demo = await estimate(owner, "?targetWords=100000&targetChapters=30&engine=demo");
    expect(demo.json).toMatchObject({ placeholder: true, totalTokens: 0, cost: null });
  });

  it("answers another organization with its own settings, never this one's prices", async () => {
    const res = await estimate(outsider, "?targetWords=12000&targetChapters=8");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ engine: { id: "demo" }, cost: null });
  });

  it("refuses guests (403), the signed-out (401), bad queries and control characters (400), changing nothing", async () => {
    const before = await snapshots();
    expect((await estimate(guest, "?targetWords=12000")).json).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await estimate(guest, "?targetWords=12000")).status).toBe(403);
    expect((await estimate(null, "?targetWords=12000")).status).toBe(401);
    for (const [query, field] of [
      ["?targetWords=abc", "targetWords"],
      ["?targetWords=1e5", "targetWords"],
      ["?targetWords=999999", "targetWords"],
      ["?targetChapters=0", "targetChapters"],
      ["?targetChapters=30&targetWords=1000", "targetWords"],
      ["?engine=gpt", "engine"],
      [`?targetWords=${"9".repeat(5000)}`, "targetWords"],
    ] as const) {
      const res = await estimate(owner, query);
      expect(res.status, query).toBe(400);
      expect((res.json as Json).error, query).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    const nul = await estimate(owner, "?engine=demo%00");
    expect(nul.status).toBe(400);
    // A read: a foreign Origin cannot make it write anything (and cannot read the answer: no CORS).
    const foreign = await estimate(owner, "?targetWords=12000", { origin: "https://evil.example" });
    expect([200, 403]).toContain(foreign.status);
    expect(await snapshots()).toEqual(before);
  });

  it("is in API v1 with the books:read scope", async () => {
    const readKey = (await createTestKey(owner, { scopes: ["books:read"] })).secret;
    const writeKey = (await createTestKey(owner, { scopes: ["books:write"] })).secret;
    const before = await snapshots();
    const ok = await callV1(v1EstimateRoute.GET, {
      key: readKey,
      path: "/books/estimate?targetWords=12000&targetChapters=8",
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ engine: { id: "openai-compatible" }, cost: { currency: "USD" } });
    const wrongScope = await callV1(v1EstimateRoute.GET, { key: writeKey, path: "/books/estimate" });
    expect(wrongScope.status).toBe(403);
    expect((wrongScope.json as Json).error.code).toBe("INSUFFICIENT_SCOPE");
    const bad = await callV1(v1EstimateRoute.GET, { key: readKey, path: "/books/estimate?targetChapters=99" });
    expect(bad.status).toBe(400);
    expect((bad.json as Json).error.field).toBe("targetChapters");
    expect((await snapshots()).slice(1)).toEqual(before.slice(1));
  });
});
