import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl } from "@/server/db/database-url";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@/server/db/embedded-database";
import { isConcurrentSetupConflict, retryConcurrentSetup, setUpQueue } from "./queue-setup";

/** An error shaped like node-postgres's, with the given SQLSTATE. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("retryConcurrentSetup", () => {
  const noSleep = async () => {};

  it("runs a step again after a deadlock or a unique violation, and returns its result", async () => {
    const failures = [pgError("40P01", "deadlock detected"), pgError("23505", "duplicate key value")];
    let calls = 0;
    const result = await retryConcurrentSetup(
      async () => {
        calls += 1;
        const failure = failures.shift();
        if (failure) throw failure;
        return "created";
      },
      { sleep: noSleep },
    );
    expect(result).toBe("created");
    expect(calls).toBe(3);
  });

  it("throws any other error at once", async () => {
    let calls = 0;
    const error = await retryConcurrentSetup(
      async () => {
        calls += 1;
        throw pgError("42P01", 'relation "pgboss.queue" does not exist');
      },
      { sleep: noSleep },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "42P01" });
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt with the conflict itself", async () => {
    let calls = 0;
    const delays: number[] = [];
    const error = await retryConcurrentSetup(
      async () => {
        calls += 1;
        throw pgError("40P01", "deadlock detected");
      },
      { attempts: 4, delayMs: 100, sleep: async (ms) => void delays.push(ms) },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "40P01", message: "deadlock detected" });
    expect(calls).toBe(4);
    // Exponential backoff with jitter: each wait lies in [base/2, 1.5·base) for base = 100, 200, 400.
    expect(delays).toHaveLength(3);
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThan(150 * 2 ** i);
    });
  });

  it("recognizes conflicts only by their SQLSTATE", () => {
    expect(isConcurrentSetupConflict(pgError("40001", "could not serialize"))).toBe(true);
    expect(isConcurrentSetupConflict(new Error("deadlock detected"))).toBe(false);
    expect(isConcurrentSetupConflict(null)).toBe(false);
  });
});

// Its own pg-boss schema, so no other test's queues are involved; dropped afterwards.
const schema = `pgboss_setup_${process.pid}_${Date.now()}`;

describe("setUpQueue against PostgreSQL", () => {
  const bosses = Array.from(
    { length: 6 },
    () => new PgBoss({ connectionString: databaseUrl(), schema, max: 2, supervise: false, schedule: false }),
  );

  afterAll(async () => {
    await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it("creates queues from six instances at once (pg-boss's createQueue alone deadlocks here)", async () => {
    await Promise.all(bosses.map((boss) => boss.start()));
    // Each instance creates its own queue and then the shared one, all at the same moment.
    await Promise.all(
      bosses.map(async (boss, i) => {
        await setUpQueue(boss, `setup-own-${i}`);
        await setUpQueue(boss, "setup-shared", { policy: "short", retryLimit: 2 });
      }),
    );

    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      const queues = await client.query<{ name: string; policy: string; retry_limit: number }>(
        `SELECT name, policy, retry_limit FROM "${schema}".queue ORDER BY name`,
      );
      expect(queues.rows.map((q) => q.name)).toEqual([
        "setup-own-0",
        "setup-own-1",
        "setup-own-2",
        "setup-own-3",
        "setup-own-4",
        "setup-own-5",
        "setup-shared",
      ]);
      expect(queues.rows.find((q) => q.name === "setup-shared")).toMatchObject({ policy: "short", retry_limit: 2 });
      // One job partition per queue: none was created twice or left half made.
      const partitions = await client.query<{ count: string }>(
        `SELECT count(*) FROM pg_inherits WHERE inhparent = $1::regclass`,
        [`"${schema}".job`],
      );
      expect(Number(partitions.rows[0]!.count)).toBe(7);
    } finally {
      await client.end();
    }
  });
});

// The embedded database is one PGlite session behind our wire server: no deadlocks there, but every
// instance installs pg-boss's schema and creates queues at once too, and must come out with one of each.
describe("setUpQueue on the embedded database", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scriptorium-queue-setup-"));
  let database: EmbeddedDatabase | undefined;
  const bosses: PgBoss[] = [];

  afterAll(async () => {
    await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts four pg-boss instances and sets up shared queues at once", { timeout: 180_000 }, async () => {
    database = await startEmbeddedDatabase({ dataDir, port: 0 });
    const url = database.url;
    const errors: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const boss = new PgBoss({ connectionString: url, max: 2, supervise: false, schedule: false });
      boss.on("error", (error) => errors.push(error));
      bosses.push(boss);
    }
    await Promise.all(bosses.map((boss) => boss.start()));
    await Promise.all(
      bosses.map(async (boss, i) => {
        await setUpQueue(boss, `embedded-own-${i}`);
        await setUpQueue(boss, "embedded-shared", { policy: "short", retryLimit: 4 });
      }),
    );

    const queues = await bosses[0]!.getQueues();
    expect(queues.map((q) => q.name).sort()).toEqual([
      "embedded-own-0",
      "embedded-own-1",
      "embedded-own-2",
      "embedded-own-3",
      "embedded-shared",
    ]);
    expect(queues.find((q) => q.name === "embedded-shared")).toMatchObject({ policy: "short", retryLimit: 4 });
    const jobId = await bosses[1]!.send("embedded-shared", { n: 1 });
    const [job] = await bosses[2]!.fetch("embedded-shared");
    expect(job?.id).toBe(jobId);
    expect(errors).toEqual([]);
  });
});
