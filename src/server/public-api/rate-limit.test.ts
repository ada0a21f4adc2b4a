import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createPostgresRateLimiter } from "./postgres-rate-limiter";
import { rateLimiter } from "./rate-limiter";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";
import { callV1, createTestKey, createTestOrg, type TestOrg } from "../../../tests/support/public-api/v1-test-kit";

const apiCalls = async (organizationId: string) =>
  Number((await db().usageMetric.findFirst({ where: { organizationId, metric: "API_CALLS" } }))?.value ?? 0);

/** Milliseconds until the next minute starts, so a burst is not split across two windows. */
async function awayFromWindowEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe("rate limiting on PostgreSQL (no REDIS_URL)", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createTestOrg("v1-rate");
  });

  it("uses the PostgreSQL limiter", () => {
    expect(rateLimiter().kind).toBe("postgres");
  });

  it("lets exactly 30 of 100 concurrent requests through a 30/min key; the 70 others get 429 with headers", async () => {
    const key = (await createTestKey(org.owner, { scopes: ["books:read"], rateLimit: 30 })).secret;
    const callsBefore = await apiCalls(org.organizationId);
    await awayFromWindowEdge();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => callV1(v1Routes.books.GET, { key, path: "/books?limit=1" })),
    );
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(30);
    expect(limited).toHaveLength(70);
    const reset = Number(ok[0]!.headers.get("x-ratelimit-reset"));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000 - Date.now()).toBeLessThanOrEqual(60_000);
    expect(ok.map((r) => Number(r.headers.get("x-ratelimit-remaining"))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
    for (const r of [...ok, ...limited]) {
      expect(r.headers.get("x-ratelimit-limit")).toBe("30");
      expect(r.headers.get("x-ratelimit-reset")).toBe(String(reset));
    }
    for (const r of limited) {
      expect((r.json as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Metering counts the calls that were served, exactly.
    expect((await apiCalls(org.organizationId)) - callsBefore).toBe(30);
  });

  it("starts a fresh count in the next window", async () => {
    const limiter = createPostgresRateLimiter();
    const subject = `test:${Date.now()}`;
    const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1000);
    expect((await limiter.hit(subject, 2, { now: t0 })).allowed).toBe(true);
    expect((await limiter.hit(subject, 2, { now: t0 })).allowed).toBe(true);
    const third = await limiter.hit(subject, 2, { now: t0 });
    expect(third).toMatchObject({ allowed: false, count: 3, remaining: 0 });
    const next = await limiter.hit(subject, 2, { now: new Date(t0.getTime() + 60_000) });
    expect(next).toMatchObject({ allowed: true, count: 1, remaining: 1 });
  });
});
