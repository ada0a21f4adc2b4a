import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createRedisRateLimiter } from "./redis-rate-limiter";
import { rateLimiter } from "./rate-limiter";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";
import { callV1, createTestKey, createTestOrg } from "../../../tests/support/public-api/v1-test-kit";

// A private redis-server on a free loopback port (the Debian package `redis-server`; .ci/run installs it).
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) resolve();
    });
    setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

describe("rate limiting on Redis (REDIS_URL set)", () => {
  let redis: { url: string; process: ChildProcess };

  beforeAll(async () => {
    redis = await startRedis();
    // Read lazily by env() on the first request of this test file's module graph.
    process.env.REDIS_URL = redis.url;
  });
  afterAll(async () => {
    await rateLimiter().close();
    redis?.process.kill();
  });

  it("counts exactly under concurrency: 30 of 100 pass, and only they are metered", async () => {
    const limiter = createRedisRateLimiter(redis.url);
    const subject = `direct:${Date.now()}`;
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
    const results = await Promise.all(Array.from({ length: 100 }, () => limiter.hit(subject, 30, { now })));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await limiter.close();
  });

  it("serves the v1 routes: 100 concurrent calls on a 30/min key → 30 × 200, 70 × 429 with Retry-After", async () => {
    expect(rateLimiter().kind).toBe("redis");
    const org = await createTestOrg("v1-redis");
    const created = await createTestKey(org.owner, { scopes: ["books:read"], rateLimit: 30 });
    const key = created.secret;
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    const results = await Promise.all(
      Array.from({ length: 100 }, () => callV1(v1Routes.books.GET, { key, path: "/books?limit=1" })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(70);
    for (const r of limited) {
      expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(r.headers.get("x-ratelimit-limit")).toBe("30");
    }
    const metric = await db().usageMetric.findFirst({
      where: { organizationId: org.organizationId, metric: "API_CALLS" },
    });
    expect(Number(metric?.value)).toBe(30);
    // No PostgreSQL bucket was written for this key: Redis holds the counts.
    expect(await db().rateLimitBucket.count({ where: { key: { startsWith: `key:${created.id}:` } } })).toBe(0);
  });
});
