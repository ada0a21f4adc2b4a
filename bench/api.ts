// Benchmark of the public API: `GET /api/v1/books` at 50 concurrent clients (autocannon, loopback) against
// a baseline serving the same rows with raw `pg` in the same run; prints p50/p99 and the p99 ratio
// (target ≤ 2×).
//
//   npm run bench:api -- [--duration 4] [--rounds 5] [--connections 50] [--books 60] [--split]
//   (or: npm run bench:api)
//
// How it runs: a fresh PostgreSQL database (127.0.0.1:5432, TEST_DATABASE_ADMIN_URL to change) is created,
// migrated and dropped at the end. The v1 route handlers — the same functions Next.js calls — are served
// by a minimal node:http adapter (tests/support/public-api/v1-http-server.ts), so the number measures our
// request path (API-key auth, atomic rate limit + metering, validation, the listBooks use case, JSON), not
// Next.js. The baseline is a node:http server that runs one hand-written query for the same page (same
// books, same columns, latest job and chapter count per book) through a pg.Pool and serializes the rows.
//
// Fairness, because the machine is small (2 cores) and shared:
// - autocannon runs in its own process (as real clients would), not on the servers' event loop;
// - both sides get the same connections, duration and URL shape, and each gets a discarded warm-up;
// - the sides run interleaved, round after round, in alternating order (raw then API, API then raw …, so a
//   drift in the machine's load favours neither), and the verdict uses the median of the per-round
//   ratios: a burst of load from elsewhere spoils one round of one side rather than deciding the result;
// - `--split` adds a third side, the listBooks use case alone (no HTTP adapter, auth, limit or metering),
//   to tell the use case's cost from the pipeline's;
// - the baseline's pg pool is configured like the API's (10 connections, the same timestamp parser) and
//   its query is a prepared statement, as the API's are; the API runs both its statements (key + rate
//   limit + metering, then the list) through its one pool of 10;
// - the load average is printed with the result.
// Total run time ≈ setup (~15 s) + rounds × sides × (duration + ~0.5 s): about 70 s with the defaults,
// 95 s with --split.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createTempDatabase } from "../tests/helpers/temp-database";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "4" },
    rounds: { type: "string", default: "5" },
    split: { type: "boolean", default: false },
    connections: { type: "string", default: "50" },
    books: { type: "string", default: "60" },
  },
});
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const bookCount = Number(values.books);
const PAGE = 20;

const database = await createTempDatabase("bench_api");
process.env.DATABASE_URL = database.url;
delete process.env.REDIS_URL;

const { deployMigrations } = await import("@/server/db/migrations");
const { db } = await import("@/server/db/client");
const { generateApiKey } = await import("@/server/api-keys/api-key-secret");
const { startV1Server } = await import("../tests/support/public-api/v1-http-server");
const { apiSql, apiSqlTypes, closeApiSql } = await import("@/server/public-api/api-sql");
const { listBooks } = await import("@/server/books/list-books");

interface Result {
  p50: number;
  p99: number;
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Server-side CPU per request, µs: this process (the servers) plus the database's backends. */
  cpu: number;
}

// CPU used by the database's backends (PostgreSQL on this machine), from /proc: less sensitive than
// latency to load from other processes, so it tells the cost of each side even on a busy machine.
let backendPids: () => Promise<number[]> = async () => [];
function backendTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the backend ended (or /proc is not there): its time is not counted
    }
  }
  return ticks;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  const before = backendTicks(await backendPids());
  const nodeBefore = process.cpuUsage();
  const r = await autocannonRun(url, headers, seconds);
  const node = process.cpuUsage(nodeBefore);
  let ticks = 0;
  for (const [pid, now] of backendTicks(await backendPids())) ticks += now - (before.get(pid) ?? 0);
  const micros = node.user + node.system + ticks * 10_000; // USER_HZ = 100 on Linux
  return { ...r, cpu: micros / Math.max(1, r.total) };
}

const autocannonCli = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** One autocannon run in a child process (its JSON report on stdout). */
function autocannonRun(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<Omit<Result, "cpu"> & { total: number }> {
  const args = [autocannonCli, "-j", "-n", "-c", String(connections), "-d", String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out);
      resolve({
        p50: r.latency.p50,
        p99: r.latency.p99,
        rps: r.requests.average,
        ok: r["2xx"],
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        total: r.requests.total,
      });
    });
  });
}

// The same page as listBooks: newest first, the latest job and the chapter count of each book.
const baselineSql = `
  SELECT b.id, b.title, b.topic, b.goal, b.audience, b.language, b.tone, b."targetChapters", b."targetWords",
         b.engine, b."isDemoContent", b.status, (b.content IS NOT NULL AND b.content <> '') AS "hasContent",
         b."createdById", b."createdAt", b."updatedAt",
         (SELECT count(*)::int FROM "Chapter" c WHERE c."bookId" = b.id) AS "chapterCount",
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

const listen = async (server: Server) => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const closeServer = (server: Server | null) =>
  new Promise<void>((done) => {
    if (!server) return done();
    server.closeAllConnections();
    server.close(() => done());
  });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let v1Server: Awaited<ReturnType<typeof startV1Server>> | null = null;
let rawServer: Server | null = null;
let useCaseServer: Server | null = null;
// Same size as the API's pool, and the same (UTC, cheaper than pg's default) timestamp parser.
const pool = new pg.Pool({ connectionString: database.url, max: 10, types: apiSqlTypes });
pool.on("error", () => {}); // idle clients cut when the database is dropped at the end
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
      rateLimit: 10_000_000,
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
        content: i % 2 ? "# Book\n\nSome text." : null,
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
    const { rows } = await pool.query({ name: "baseline", text: baselineSql, values: [org.id, PAGE + 1] });
    const body = JSON.stringify({
      items: rows.slice(0, PAGE),
      nextCursor: rows.length > PAGE ? rows[PAGE - 1].id : null,
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  const rawUrl = `${await listen(rawServer)}/books`;
  // Third side (--split): the listBooks use case alone, read like the v1 route reads it (fixed context: no
  // adapter, auth, rate limit or metering).
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
    const body = JSON.stringify(await listBooks(ctx, { limit: PAGE }, apiSql()));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  const useCaseUrl = `${await listen(useCaseServer)}/books`;
  const apiUrl = `${v1Server.url}/api/v1/books?limit=${PAGE}`;
  const apiHeaders = { authorization: `Bearer ${key.secret}` };

  // Sanity: both answer the same page (same books, jobs, chapter counts and content flags).
  const viaApi = await (await fetch(apiUrl, { headers: apiHeaders })).json();
  const viaPg = await (await fetch(rawUrl)).json();
  const apiFacts = viaApi.items.map(
    (b: { id: string; chapterCount: number; hasContent: boolean; job: { id: string } | null }) =>
      `${b.id}/${b.chapterCount}/${b.hasContent}/${b.job?.id}`,
  );
  const pgFacts = viaPg.items.map(
    (b: { id: string; chapterCount: number; hasContent: boolean; jobId: string | null }) =>
      `${b.id}/${b.chapterCount}/${b.hasContent}/${b.jobId ?? undefined}`,
  );
  if (apiFacts.length !== PAGE || JSON.stringify(apiFacts) !== JSON.stringify(pgFacts)) {
    throw new Error("The API and the raw query disagree on the page of books");
  }

  backendPids = async () =>
    (await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).rows.map(
      (r) => r.pid,
    );
  const sides: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: "raw pg (baseline)", url: rawUrl, headers: {} },
    { name: "v1 API (key, limit, meter)", url: apiUrl, headers: apiHeaders },
  ];
  if (values.split) sides.push({ name: "listBooks use case only", url: useCaseUrl, headers: {} });
  console.log(
    `GET /api/v1/books?limit=${PAGE} — ${connections} connections, ${rounds} interleaved rounds of ${duration} s ` +
      `per side after a discarded 2 s warm-up per side; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n`,
  );
  for (const side of sides) await load(side.url, side.headers, 2);
  const apiCalls = async () => {
    // Let requests autocannon abandoned when a run stopped finish first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const metric = await client.usageMetric.findFirst({ where: { organizationId: org.id, metric: "API_CALLS" } });
    return Number(metric?.value ?? 0);
  };
  const callsBefore = await apiCalls();
  const results: Result[][] = sides.map(() => []);
  const row = (name: string, r: Result) =>
    `  ${name.padEnd(27)} p50 ${String(r.p50).padStart(5)} ms   p99 ${String(r.p99).padStart(5)} ms   ` +
    `${Math.round(r.rps).toString().padStart(6)} req/s   cpu ${Math.round(r.cpu).toString().padStart(5)} µs/req   ` +
    `non-2xx ${r.non2xx}   errors ${r.errors}`;
  for (let round = 0; round < rounds; round++) {
    console.log(`round ${round + 1}`);
    const order = [...sides.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const r = await load(sides[i]!.url, sides[i]!.headers, duration);
      results[i]![round] = r;
      console.log(row(sides[i]!.name, r));
    }
    const [raw, api] = [results[0]![round]!, results[1]![round]!];
    console.log(`  p99 ratio ${(api.p99 / Math.max(raw.p99, 1)).toFixed(2)}×\n`);
  }
  const p99Ratios = results[1]!.map((api, i) => api.p99 / Math.max(results[0]![i]!.p99, 1));
  const p50Ratios = results[1]!.map((api, i) => api.p50 / Math.max(results[0]![i]!.p50, 1));
  const medians = (rs: Result[]) => ({
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    cpu: median(rs.map((r) => r.cpu)),
  });
  console.log("medians over the rounds");
  for (const [i, side] of sides.entries()) {
    const m = medians(results[i]!);
    console.log(
      `  ${side.name.padEnd(27)} p50 ${String(m.p50).padStart(5)} ms   p99 ${String(m.p99).padStart(5)} ms   ` +
        `cpu ${Math.round(m.cpu)} µs/req`,
    );
  }
  const ratio = median(p99Ratios);
  console.log(
    `\np99 ratio API / raw pg: ${ratio.toFixed(2)}× median of [${p99Ratios.map((r) => r.toFixed(2)).join(", ")}] ` +
      `(target ≤ 2×) ${ratio <= 2 ? "✓ met" : "✗ not met"}`,
  );
  console.log(`p50 ratio API / raw pg: ${median(p50Ratios).toFixed(2)}×`);
  const cpuRatios = results[1]!.map((api, i) => api.cpu / Math.max(results[0]![i]!.cpu, 1));
  console.log(
    `server CPU per request API / raw pg: ${median(cpuRatios).toFixed(2)}× (this process + the database's ` +
      "backends; steadier than latency on a shared machine)",
  );
  if (values.split) {
    const useCaseRatios = results[2]!.map((uc, i) => uc.p99 / Math.max(results[0]![i]!.p99, 1));
    console.log(`use case alone / raw pg p99: ${median(useCaseRatios).toFixed(2)}×`);
  }
  // Metering: every API call served in the measured rounds is one API_CALLS. autocannon counts the 2xx it
  // saw; requests still in flight when a run stopped are served (and metered) but not seen, at most
  // `connections` per run.
  const served = results[1]!.reduce((n, r) => n + r.ok, 0);
  const metered = (await apiCalls()) - callsBefore;
  const exact = metered >= served && metered <= served + connections * rounds;
  console.log(
    `API_CALLS metered in the rounds: ${metered}; 2xx seen by autocannon: ${served} ` +
      `(+ at most ${connections * rounds} abandoned in flight) ${exact ? "✓" : "✗ metering is off"}`,
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (ratio > 2 || !exact) process.exitCode = 1;
} finally {
  await v1Server?.close();
  await closeServer(rawServer);
  await closeServer(useCaseServer);
  await closeApiSql();
  await pool.end();
  await db().$disconnect();
  // pool.end() resolves before the sockets are closed; let them close before the database is dropped.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await database.drop();
}
