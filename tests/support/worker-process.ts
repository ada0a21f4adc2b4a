import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { GENERATE_BOOK_QUEUE, generateBookQueueOptions } from "@/server/generation/generation-queue";

/**
 * Real worker processes (`node --import tsx src/worker/main.ts`) against one test database, for the
 * durability tests that kill a worker with SIGKILL and start another. Everything they print is kept in
 * `output` (the tests read the supervisor's "re-queued" line); `killAll` ends whatever is still running.
 */
export function workerProcesses(databaseUrl: () => string, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scriptorium-worker-"));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  return {
    output,
    start(): ChildProcess {
      const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: databaseUrl(), DATA_DIR: dataDir, NODE_ENV: "test", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
      child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
      children.push(child);
      return child;
    },
    killAll() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** Resolves once the process has ended (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
}

/** Puts a generation job on the database's queue the way the app does, without running any worker here. */
export async function queueGenerationJob(databaseUrl: string, bookJobId: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue(GENERATE_BOOK_QUEUE, { name: GENERATE_BOOK_QUEUE, ...generateBookQueueOptions });
  await boss.send(GENERATE_BOOK_QUEUE, { bookJobId }, { singletonKey: bookJobId });
  await boss.stop({ graceful: false, wait: true });
}
