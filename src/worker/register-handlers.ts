import type PgBoss from "pg-boss";
import type { Db } from "../server/db/client";
import { expireInvitations } from "../server/orgs/expire-invitations";

/** What job handlers may use; built once per worker process (tests pass their own). */
export interface WorkerDeps {
  db: Db;
  log: (message: string) => void;
}

interface JobDefinition {
  name: string;
  /** Cron expression (UTC) when pg-boss should enqueue the job itself. */
  cron?: string;
  handle(jobs: PgBoss.Job<object>[], deps: WorkerDeps): Promise<void>;
}

export const EXPIRE_INVITATIONS_JOB = "maintenance.expire-invitations";

// One line per job: the handler calls a use case and holds no logic of its own.
const jobs: JobDefinition[] = [
  {
    name: EXPIRE_INVITATIONS_JOB,
    cron: "*/15 * * * *",
    async handle(_jobs, deps) {
      const expired = await expireInvitations(deps.db);
      if (expired > 0) deps.log(`${EXPIRE_INVITATIONS_JOB}: ${expired} invitation(s) expired`);
    },
  },
];

/** Creates every queue, schedules the cron jobs and starts a worker per queue; returns the queue names. */
export async function registerHandlers(boss: PgBoss, deps: WorkerDeps): Promise<string[]> {
  for (const job of jobs) {
    // pg-boss 10: a queue must exist before anything is scheduled, sent or worked on it.
    await boss.createQueue(job.name);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    await boss.work<object>(job.name, (batch) => job.handle(batch, deps));
  }
  return jobs.map((job) => job.name);
}
