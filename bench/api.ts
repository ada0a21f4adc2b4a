// Benchmark of the public API: `GET /api/v1/books` at 50 concurrent clients (autocannon, loopback) against
// a baseline serving the same rows with raw `pg` in the same run; prints p50/p99 and the p99 ratio
// (target ≤ 2×).
//
//   npx tsx bench/api.ts [--duration 10] [--connections 50] [--books 60]   (or: npm run bench:api)
//
// How it runs: a fresh PostgreSQL database (127.0.0.1:5432, TEST_DATABASE_ADMIN_URL to change) is created,
// migrated and dropped at the end. The v1 route handlers — the same functions Next.js calls — are served
// by a minimal node:http adapter (src/server/public-api/v1-http-server.ts), so the number measures our
// request path (API-key auth, atomic rate limit + metering, validation, the listBooks use case through
// Prisma, JSON), not Next.js. The baseline is a node:http server that runs the equivalent SQL (same page,
// same latest job and chapter count per book) through a pg.Pool of the same size and serializes the rows.
// Both servers and autocannon share this process and the machine's cores, one run after the other, so
// run it on a quiet machine: other load hurts the heavier API path more than the one-query baseline.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { createTempDatabase } from "../tests/helpers/temp-database";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    books: { type: "string", default: "60" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const bookCount = Number(values.books);
const PAGE = 20;

const database = await createTempDatabase("bench_api");
process.env.DATABASE_URL = database.url;
delete process.env.REDIS_URL;

const { deployMigrations } = await import("../src/server/db/migrations");
const { db } = await import("../src/server/db/client");
const { generateApiKey } = await import("../src/server/api-keys/api-key-secret");
const { startV1Server } = await import("../src/server/public-api/v1-http-server");
const { closeApiSql } = await import("../src/server/public-api/api-sql");
const { listBooks } = await import("../src/server/books/list-books");

interface Result {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Result> {
  // A short warm-up (connections, JIT, query plans), then the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration, headers });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx, errors: r.errors };
}

const baselineSql = `
  SELECT b.*, (SELECT count(*)::int FROM "Chapter" c WHERE c."bookId" = b.id) AS "chapterCount",
         j.id AS "jobId", j.status AS "jobStatus", j.progress AS "jobProgress", j."errorCode" AS "jobErrorCode",
         j."updatedAt" AS "jobUpdatedAt"
  FROM "Book" b
  LEFT JOIN LATERAL (
    SELECT id, status, progress, "errorCode", "updatedAt" FROM "BookJob" WHERE "bookId" = b.id
    ORDER BY "createdAt" DESC LIMIT 1
  ) j ON true
  WHERE b."organizationId" = $1
  ORDER BY b."createdAt" DESC, b.id DESC
  LIMIT $2`;

let v1Server: Awaited<ReturnType<typeof startV1Server>> | null = null;
let rawServer: ReturnType<typeof createServer> | null = null;
let useCaseServer: ReturnType<typeof createServer> | null = null;
const pool = new pg.Pool({ connectionString: database.url, max: 10 });
try {
  await deployMigrations(database.url);
  const client = db();
  const user = await client.user.create({ data: { name: "Bench", email: "bench@example.test", emailVerified: true } });
  const org = await client.organization.create({
    data: { name: "Bench", slug: "bench", plan: "ENTERPRISE", members: { create: { userId: user.id, role: "OWNER" } } },
  });
  const key = generateApiKey();
  await client.apiKey.create({
    data: {
      organizationId: org.id,
      createdById: user.id,
      name: "bench",
      keyHash: key.hash,
      prefix: key.prefix,
      scopes: ["books:read"],
      rateLimit: 100_000,
    },
  });
  for (let i = 0; i < bookCount; i++) {
    const book = await client.book.create({
      data: {
        organizationId: org.id,
        createdById: user.id,
        title: `Book ${i}`,
        topic: "Benchmarks",
        goal: "Measure the API",
        status: "COMPLETED",
        createdAt: new Date(Date.now() - i * 1000),
        chapters: { create: [1, 2, 3].map((order) => ({ order, title: `Chapter ${order}`, content: "Text" })) },
      },
    });
    await client.bookJob.create({
      data: { bookId: book.id, organizationId: org.id, status: "COMPLETED", progress: 100 },
    });
  }

  v1Server = await startV1Server();
  rawServer = createServer(async (_req, res) => {
    const { rows } = await pool.query(baselineSql, [org.id, PAGE + 1]);
    const body = JSON.stringify({
      items: rows.slice(0, PAGE),
      nextCursor: rows.length > PAGE ? rows[PAGE - 1].id : null,
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((done) => rawServer!.listen(0, "127.0.0.1", done));
  const rawUrl = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}/books`;
  // Third line, to split the cost: the listBooks use case alone (fixed context: no auth, no rate limit).
  const ctx = {
    db: client,
    meta: { ipAddress: null, userAgent: null },
    actor: {
      userId: user.id,
      organizationId: org.id,
      orgRole: "OWNER" as const,
      userRole: "USER" as const,
      via: "session" as const,
      scopes: [],
    },
  };
  useCaseServer = createServer(async (_req, res) => {
    const body = JSON.stringify(await listBooks(ctx, { limit: PAGE }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((done) => useCaseServer!.listen(0, "127.0.0.1", done));
  const useCaseUrl = `http://127.0.0.1:${(useCaseServer.address() as AddressInfo).port}/books`;

  // Sanity: both answer the same page of books.
  const viaApi = (await (
    await fetch(`${v1Server.url}/api/v1/books?limit=${PAGE}`, { headers: { authorization: `Bearer ${key.secret}` } })
  ).json()) as { items: { id: string }[] };
  const viaPg = (await (await fetch(rawUrl)).json()) as { items: { id: string }[] };
  if (JSON.stringify(viaApi.items.map((b) => b.id)) !== JSON.stringify(viaPg.items.map((b) => b.id))) {
    throw new Error("The API and the raw query disagree on the page of books");
  }

  console.log(`GET /api/v1/books?limit=${PAGE} — ${connections} connections, ${duration} s each, ${bookCount} books\n`);
  const raw = await load(rawUrl, {});
  const useCase = await load(useCaseUrl, {});
  const api = await load(`${v1Server.url}/api/v1/books?limit=${PAGE}`, { authorization: `Bearer ${key.secret}` });
  const row = (name: string, r: Result) =>
    `${name.padEnd(26)} p50 ${String(r.p50).padStart(5)} ms   p99 ${String(r.p99).padStart(5)} ms   ${Math.round(r.rps)
      .toString()
      .padStart(6)} req/s   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(row("raw pg (baseline)", raw));
  console.log(row("listBooks use case only", useCase));
  console.log(row("v1 API (key, limit, meter)", api));
  const ratio = api.p99 / Math.max(raw.p99, 1);
  console.log(`\np99 ratio API / raw pg: ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? "✓" : "✗"}`);
  console.log(`p50 ratio API / raw pg: ${(api.p50 / Math.max(raw.p50, 1)).toFixed(2)}×`);
  console.log(
    `split: use case / raw pg p99 ${(useCase.p99 / Math.max(raw.p99, 1)).toFixed(2)}×, ` +
      `API pipeline / use case p99 ${(api.p99 / Math.max(useCase.p99, 1)).toFixed(2)}×`,
  );
  const calls = await client.usageMetric.findFirst({ where: { organizationId: org.id, metric: "API_CALLS" } });
  console.log(`API_CALLS metered: ${Number(calls?.value ?? 0)}`);
} finally {
  // Let requests autocannon left in flight finish before their database goes away.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await v1Server?.close();
  await closeApiSql();
  await new Promise((done) => (rawServer ? rawServer.close(done) : done(null)));
  await new Promise((done) => (useCaseServer ? useCaseServer.close(done) : done(null)));
  await pool.end();
  await db().$disconnect();
  await database.drop();
}
