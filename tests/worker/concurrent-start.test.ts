import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations } from "@/server/db/migrations";
import { EXPORT_FORMATS_QUEUE, exportFormatsQueueOptions } from "@/server/formats/export-formats-queue";
import { GENERATE_BOOK_QUEUE, generateBookQueueOptions } from "@/server/generation/generation-queue";
import { REMOVE_STORED_FILES_QUEUE } from "@/server/storage-settings/remove-stored-files";
import { BOOK_CHECK_QUEUE } from "@/server/corrections/check-queue";
import {
  EXPIRE_INVITATIONS_JOB,
  EXPIRE_LAPSED_SUBSCRIPTIONS_JOB,
  PURGE_API_RECORDS_JOB,
  PURGE_AUTH_THROTTLES_JOB,
} from "@/worker/maintenance-queues";
import { PGBOSS_CRON_QUEUE } from "@/worker/register-handlers";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-database";

// Replicas are deployed together: four real worker processes (`node --import tsx src/worker/main.ts`)
// start at the same moment on a fresh database, where pg-boss has neither its schema nor any queue yet.
// Before queue set-up was retried, all but one exited with "worker failed to start: deadlock detected".
const WORKERS = 4;

describe("workers started together on a fresh database", () => {
  let database: TempDatabase;
  const children: ChildProcess[] = [];
  const output: string[][] = [];

  beforeAll(async () => {
    database = await createTempDatabase("workers");
    await deployMigrations(database.url);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await database?.drop();
  });

  const dataDir = mkdtempSync(path.join(tmpdir(), "scriptorium-workers-"));
  function startWorker(index: number): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    output[index] = [];
    child.stdout?.on("data", (d: Buffer) => output[index]!.push(d.toString()));
    child.stderr?.on("data", (d: Buffer) => output[index]!.push(d.toString()));
    children.push(child);
    return child;
  }
  const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => (running(child) ? child.once("exit", () => resolve()) : resolve()));

  it("all start, keep running, and create each queue once", { timeout: 300_000 }, async () => {
    // Loading tsx takes each process a different time on a busy machine, so "the same moment" is made
    // exact: the test holds pg-boss's own schema-creation lock until all four are waiting for it; then they
    // create pg-boss's schema and their queues together.
    const barrier = new pg.Client({ connectionString: database.url });
    await barrier.connect();
    const lockKey = `('x' || encode(sha224((current_database() || '.pgboss.pgboss')::bytea), 'hex'))::bit(64)::bigint`;
    await barrier.query(`SELECT pg_advisory_lock(${lockKey})`);
    const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(i));
    const waitingForLock = async () =>
      Number(
        (
          await barrier.query<{ count: string }>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'",
          )
        ).rows[0]!.count,
      );
    await expect
      .poll(async () => (await waitingForLock()) === WORKERS || !workers.every(running), {
        // Four tsx processes loading at once on two shared cores: minutes, not seconds, on a busy machine.
        timeout: 120_000,
        interval: 100,
      })
      .toBe(true);
    await barrier.query(`SELECT pg_advisory_unlock(${lockKey})`);
    await barrier.end();

    const ready = () => output.filter((lines) => lines.join("").includes("worker ready")).length;
    // Wait until all are ready, or stop as soon as one has exited: that is the failure this test is about.
    await expect
      .poll(() => ready() === WORKERS || !workers.every(running), { timeout: 120_000, interval: 100 })
      .toBe(true);
    // Still running a moment later (a late failure would exit too).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const logs = output.map((lines) => lines.join("")).join("\n---\n");
    expect(workers.map(running), logs).toEqual(workers.map(() => true));
    expect(ready(), logs).toBe(WORKERS);
    expect(logs).not.toContain("failed to start");

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const queues = await client.query<{ name: string; policy: string; retry_limit: number }>(
        "SELECT name, policy, retry_limit FROM pgboss.queue ORDER BY name",
      );
      expect(queues.rows.map((q) => q.name)).toEqual(
        [
          PGBOSS_CRON_QUEUE,
          EXPORT_FORMATS_QUEUE,
          GENERATE_BOOK_QUEUE,
          EXPIRE_INVITATIONS_JOB,
          EXPIRE_LAPSED_SUBSCRIPTIONS_JOB,
          PURGE_API_RECORDS_JOB,
          PURGE_AUTH_THROTTLES_JOB,
          REMOVE_STORED_FILES_QUEUE,
          BOOK_CHECK_QUEUE,
        ].sort(),
      );
      expect(queues.rows.find((q) => q.name === GENERATE_BOOK_QUEUE)).toMatchObject({
        policy: generateBookQueueOptions.policy,
        retry_limit: generateBookQueueOptions.retryLimit,
      });
      expect(queues.rows.find((q) => q.name === EXPORT_FORMATS_QUEUE)).toMatchObject({
        policy: exportFormatsQueueOptions.policy,
        retry_limit: exportFormatsQueueOptions.retryLimit,
      });
      // One job partition per queue, none made twice; one schedule per cron job.
      const partitions = await client.query<{ count: string }>(
        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'pgboss.job'::regclass",
      );
      expect(Number(partitions.rows[0]!.count)).toBe(queues.rows.length);
      const schedules = await client.query<{ name: string }>("SELECT name FROM pgboss.schedule ORDER BY name");
      expect(schedules.rows.map((s) => s.name)).toEqual(
        [
          EXPIRE_INVITATIONS_JOB,
          EXPIRE_LAPSED_SUBSCRIPTIONS_JOB,
          PURGE_API_RECORDS_JOB,
          PURGE_AUTH_THROTTLES_JOB,
        ].sort(),
      );
      expect((await client.query<{ version: number }>("SELECT version FROM pgboss.version")).rows).toHaveLength(1);
    } finally {
      await client.end();
    }

    // They also stop cleanly together.
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(workers.map(exited));
    expect(workers.map((w) => w.exitCode)).toEqual(workers.map(() => 0));
  });
});
