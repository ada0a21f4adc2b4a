// The worker process (`npm run worker`; `npm start` runs one next to the web server): pg-boss queues and
// their handlers. Several can run against the same database; pg-boss hands each job to one of them.
import "server-only";
import PgBoss from "pg-boss";
import { db } from "@/server/db/client";
import { databaseUrl, isEmbeddedDatabase } from "@/server/db/database-url";
import { env } from "@/server/env";
import { enqueueWith } from "@/server/queue/queue";
import { startGenerationSupervisor, type GenerationSupervisor } from "./generation-supervisor";
import { registerHandlers } from "./register-handlers";
import { warmCheckers } from "@/server/corrections/checkers-for-book";

function log(message: string): void {
  console.log(`${new Date().toISOString()} ${message}`);
}

async function main(): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    // The embedded socket serves a bounded number of connections shared by web and worker: stay small.
    max: isEmbeddedDatabase() ? 3 : 10,
    application_name: "scriptorium-worker",
  });
  boss.on("error", (error) => console.error(`${new Date().toISOString()} pg-boss error:`, error));

  let stopping = false;
  let supervisor: GenerationSupervisor | undefined;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, finishing active jobs…`);
    try {
      // Running books are handed back first, so another worker resumes them without waiting for a lease.
      await supervisor?.stop();
      await boss.stop({ graceful: true, timeout: 20_000 });
      await db().$disconnect();
      log("worker stopped");
      process.exit(0);
    } catch (error) {
      console.error("worker shutdown failed:", error);
      process.exit(1);
    }
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  await boss.start();
  const workerIds = new Map<string, string[]>();
  const queues = await registerHandlers(boss, { db: db(), log, enqueue: enqueueWith(boss) }, { workerIds });
  // INTEGRATION: warmCheckers() from src/checkers/registry.ts loads the dictionaries once per worker (15A).
  void warmCheckers().catch((error: unknown) => log(`checkers warm-up failed: ${String(error)}`));
  supervisor = startGenerationSupervisor({
    boss,
    db: db(),
    url: databaseUrl(),
    workerIds,
    leaseSeconds: env().GENERATION_LEASE_SECONDS,
    log,
  });
  log(`worker ready (${isEmbeddedDatabase() ? "embedded database" : "PostgreSQL"}; queues: ${queues.join(", ")})`);
}

main().catch((error: unknown) => {
  console.error("worker failed to start:", error);
  process.exit(1);
});
