import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { apiAccess, apiKeyContext } from "./api-context";
import { createPostgresRateLimiter } from "./postgres-rate-limiter";
import { callV1, createTestKey, createTestOrg, type TestOrg } from "../../../tests/support/public-api/v1-test-kit";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";

const limiter = createPostgresRateLimiter();
const request = (secret: string) =>
  new Request("http://localhost/api/v1/books", { headers: { authorization: `Bearer ${secret}` } });
const apiCalls = async (organizationId: string) =>
  Number((await db().usageMetric.findFirst({ where: { organizationId, metric: "API_CALLS" } }))?.value ?? 0);
const buckets = (keyId: string) => db().rateLimitBucket.findMany({ where: { key: { startsWith: `key:${keyId}:` } } });
const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

/** A minute-aligned instant in the current month, away from the month's edges. */
function fixedNow(offsetMs = 0) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15, 12, 0, 0) + offsetMs);
}

describe("apiAccess: key checks, rate limit and metering in one statement", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createTestOrg("v1-access");
  });

  it("counts and meters like the two-step path (apiKeyContext, then the limiter)", async () => {
    const oneStep = await createTestKey(org.owner, { scopes: ["books:read"], rateLimit: 3 });
    const twoSteps = await createTestKey(org.owner, { scopes: ["books:read"], rateLimit: 3 });
    const now = fixedNow(1_000);
    const before = await apiCalls(org.organizationId);
    for (let i = 1; i <= 5; i++) {
      const a = await apiAccess(request(oneStep.secret), limiter, now);
      const ctx = await apiKeyContext(twoSteps.secret, request(twoSteps.secret), now);
      const b = await limiter.hit(ctx.rateLimit.subject, ctx.rateLimit.limit, { meter: org.organizationId, now });
      expect(a.limit).toEqual(b);
      expect(a.limit).toMatchObject({ count: i, allowed: i <= 3, remaining: Math.max(0, 3 - i) });
      expect(a.ctx.actor).toEqual({ ...ctx.actor, apiKeyId: oneStep.id });
      expect(a.ctx.rateLimit).toEqual({ subject: `key:${oneStep.id}`, limit: 3 });
    }
    // 3 allowed calls metered on each side, the 2 refused ones not.
    expect((await apiCalls(org.organizationId)) - before).toBe(6);
    // The window starts on the minute (fixedNow(1_000) is one second past it).
    expect((await buckets(oneStep.id)).map((b) => b.key)).toEqual([`key:${oneStep.id}:${now.getTime() - 1_000}`]);
  });

  it("batches concurrent calls of a key yet gives each its own count, limits and meters exactly", async () => {
    const key = await createTestKey(org.owner, { scopes: ["books:read"], rateLimit: 25 });
    const now = fixedNow(1_500);
    const before = await apiCalls(org.organizationId);
    // The first call goes alone, the 59 arriving while it is in flight go together (counts 2 … 60 in one
    // statement, crossing the limit): 25 allowed, 35 refused, 25 metered.
    const wave = await Promise.all(Array.from({ length: 60 }, () => apiAccess(request(key.secret), limiter, now)));
    expect(wave.map((a) => a.limit.count)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(wave.filter((a) => a.limit.allowed)).toHaveLength(25);
    expect(wave.map((a) => a.limit.remaining)).toEqual(Array.from({ length: 60 }, (_, i) => Math.max(0, 24 - i)));
    expect((await apiCalls(org.organizationId)) - before).toBe(25);
    // A second wave in the same window: all refused, none metered.
    const late = await Promise.all(Array.from({ length: 10 }, () => apiAccess(request(key.secret), limiter, now)));
    expect(late.map((a) => a.limit.allowed)).toEqual(Array(10).fill(false));
    expect(late.map((a) => a.limit.count)).toEqual(Array.from({ length: 10 }, (_, i) => 61 + i));
    expect((await apiCalls(org.organizationId)) - before).toBe(25);
    expect((await buckets(key.id)).map((b) => b.count)).toEqual([70]);
    // Revoked between two waves: every call of the next one is refused and nothing is counted.
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const refused = await Promise.all(
      Array.from({ length: 10 }, () => errorCode(apiAccess(request(key.secret), limiter, now))),
    );
    expect(refused).toEqual(Array(10).fill("API_KEY_REVOKED"));
    expect((await buckets(key.id)).map((b) => b.count)).toEqual([70]);
  });

  it("neither counts nor meters a key it refuses, and refuses it with the same error", async () => {
    const revoked = await createTestKey(org.owner);
    await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await createTestKey(org.owner, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const now = fixedNow(2_000);
    await db().apiKey.update({ where: { id: expired.id }, data: { expiresAt: now } });
    const departed = await createTestOrg("v1-access-departed");
    const departedKey = await createTestKey(departed.owner);
    const coOwner = await createTestOrg("v1-access-co-owner");
    await db().organizationMember.create({
      data: { organizationId: departed.organizationId, userId: coOwner.owner.id, role: "OWNER" },
    });
    await db().organizationMember.delete({
      where: { organizationId_userId: { organizationId: departed.organizationId, userId: departed.owner.id } },
    });
    const downgraded = await createTestOrg("v1-access-free");
    const downgradedKey = await createTestKey(downgraded.owner);
    await db().organization.update({ where: { id: downgraded.organizationId }, data: { plan: "FREE" } });

    const cases: [{ id: string; secret: string }, string, string][] = [
      [revoked, "API_KEY_REVOKED", org.organizationId],
      [expired, "API_KEY_EXPIRED", org.organizationId],
      [departedKey, "INVALID_API_KEY", departed.organizationId],
      [downgradedKey, "PLAN_LIMIT_REACHED", downgraded.organizationId],
      [{ id: "none", secret: `sk_live_${"Z".repeat(40)}` }, "INVALID_API_KEY", org.organizationId],
    ];
    for (const [key, code, organizationId] of cases) {
      const before = await apiCalls(organizationId);
      expect(await errorCode(apiAccess(request(key.secret), limiter, now)), key.id).toBe(code);
      expect(await errorCode(apiKeyContext(key.secret, request(key.secret), now)), key.id).toBe(code);
      expect(await buckets(key.id), key.id).toEqual([]);
      expect(await apiCalls(organizationId), key.id).toBe(before);
    }
  });

  it("expires a key at its expiry instant exactly (the statement and the checks use the same clock)", async () => {
    const key = await createTestKey(org.owner, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const expiresAt = new Date(Date.now() + 600_000);
    await db().apiKey.update({ where: { id: key.id }, data: { expiresAt } });
    const justBefore = await apiAccess(request(key.secret), limiter, new Date(expiresAt.getTime() - 1));
    expect(justBefore.limit.count).toBe(1);
    expect(await errorCode(apiAccess(request(key.secret), limiter, expiresAt))).toBe("API_KEY_EXPIRED");
    expect((await buckets(key.id)).reduce((n, b) => n + b.count, 0)).toBe(1);
  });

  it("acts with the creator's role as it is at the call (no cached role)", async () => {
    const team = await createTestOrg("v1-access-role");
    const key = await createTestKey(team.owner, { scopes: ["books:read", "books:write"] });
    expect((await apiAccess(request(key.secret), limiter)).ctx.actor.orgRole).toBe("OWNER");
    const coOwner = await createTestOrg("v1-access-role-co");
    await db().organizationMember.create({
      data: { organizationId: team.organizationId, userId: coOwner.owner.id, role: "OWNER" },
    });
    await db().organizationMember.update({
      where: { organizationId_userId: { organizationId: team.organizationId, userId: team.owner.id } },
      data: { role: "GUEST" },
    });
    expect((await apiAccess(request(key.secret), limiter)).ctx.actor.orgRole).toBe("GUEST");
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await errorCode(apiAccess(request(key.secret), limiter))).toBe("API_KEY_REVOKED");
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const key = await createTestKey(org.owner);
    const lastUsed = async () => (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    const t0 = fixedNow(3_000);
    await apiAccess(request(key.secret), limiter, t0);
    expect(await lastUsed()).toEqual(t0);
    await apiAccess(request(key.secret), limiter, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toEqual(t0);
    await apiAccess(request(key.secret), limiter, new Date(t0.getTime() + 60_000));
    expect(await lastUsed()).toEqual(new Date(t0.getTime() + 60_000));
  });

  it("counts a call refused for its scope (it reached the API), like before", async () => {
    const key = await createTestKey(org.owner, { scopes: ["books:write"], rateLimit: 5 });
    const before = await apiCalls(org.organizationId);
    const res = await callV1(v1Routes.books.GET, { key: key.secret, path: "/books" });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-ratelimit-remaining")).toBe("4");
    expect((await apiCalls(org.organizationId)) - before).toBe(1);
  });
});
