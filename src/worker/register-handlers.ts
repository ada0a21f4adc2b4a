import type PgBoss from "pg-boss";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { type Enqueue, GENERATE_BOOK_QUEUE, generateBookQueueOptions } from "@/server/jobs/generation-queue";
import { runGenerationBatch } from "@/server/jobs/run-generation";
import { EXPORT_FORMATS_QUEUE, exportFormatsQueueOptions } from "@/server/formats/export-formats-queue";
import { runExportFormats } from "@/server/formats/run-export-formats";
import { type QueuePolicy, retryConcurrentSetup, setUpQueue } from "@/server/jobs/queue-setup";
import { expireInvitations } from "@/server/orgs/expire-invitations";
import { purgeAuthThrottles } from "@/server/auth/purge-auth-throttles";
import { purgeApiRecords } from "@/server/public-api/purge-api-records";
import {
  REMOVE_STORED_FILES_QUEUE,
  type RemoveStoredFilesJob,
  removeStoredFiles,
  removeStoredFilesQueueOptions,
} from "@/server/storage-settings/remove-stored-files";

/** What job handlers may use; built once per worker process (tests pass their own). */
export interface WorkerDeps {
  db: Db;
  log: (message: string) => void;
  /** Sends follow-up jobs on the worker's own pg-boss (default: the shared web-style instance). */
  enqueue?: Enqueue;
}

interface JobDefinition {
  name: string;
  /** Cron expression (UTC) when pg-boss should enqueue the job itself. */
  cron?: string;
  /** Queue policy, retries and expiry (applied on every start, so changes reach existing queues). */
  queue?: QueuePolicy;
  /** Jobs of this queue one process runs at the same time (one pg-boss worker loop each; default 1). */
  workers?: number;
  handle(jobs: PgBoss.Job<object>[], deps: WorkerDeps): Promise<void>;
}

export const EXPIRE_INVITATIONS_JOB = "maintenance.expire-invitations";
export const PURGE_API_RECORDS_JOB = "maintenance.purge-api-records";
export const PURGE_AUTH_THROTTLES_JOB = "maintenance.purge-auth-throttles";
/**
 * pg-boss's own queue through which its cron sends scheduled jobs. Its start() creates it but ignores any
 * error, so a start that lost a deadlock to another worker's queue set-up would leave cron without it.
 */
export const PGBOSS_CRON_QUEUE = "__pgboss__send-it";

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
  {
    name: PURGE_API_RECORDS_JOB,
    cron: "*/10 * * * *",
    async handle(_jobs, deps) {
      const purged = await purgeApiRecords(deps.db);
      deps.log(
        `${PURGE_API_RECORDS_JOB}: ${purged.buckets} rate-limit bucket(s), ${purged.idempotencyKeys} idempotency key(s)`,
      );
    },
  },
  {
    name: PURGE_AUTH_THROTTLES_JOB,
    cron: "7 * * * *",
    async handle(_jobs, deps) {
      const purged = await purgeAuthThrottles(deps.db);
      if (purged > 0) deps.log(`${PURGE_AUTH_THROTTLES_JOB}: ${purged} expired sign-in/email counter(s)`);
    },
  },
  {
    name: GENERATE_BOOK_QUEUE,
    queue: generateBookQueueOptions,
    workers: env().GENERATION_PARALLEL_BOOKS,
    handle: (batch, deps) => runGenerationBatch(deps, batch),
  },
  {
    name: EXPORT_FORMATS_QUEUE,
    queue: exportFormatsQueueOptions,
    handle: (batch, deps) => runExportFormats(deps, batch),
  },
  {
    name: REMOVE_STORED_FILES_QUEUE,
    queue: removeStoredFilesQueueOptions,
    async handle(batch, deps) {
      for (const job of batch) {
        const data = job.data as RemoveStoredFilesJob;
        const { removed, skipped } = await removeStoredFiles(deps, data);
        deps.log(
          `${REMOVE_STORED_FILES_QUEUE}: ${skipped ? "skipped (files in use again)" : `${removed} file(s) removed`} for ${data.organizationId} (${data.reason})`,
        );
      }
    },
  },
];

/**
 * Creates every queue, schedules the cron jobs and starts the workers of each queue; returns the queue
 * names. `workerIds` (optional) receives the pg-boss worker ids per queue, so they can be woken on send.
 * Safe when several workers start at the same moment (the set-up steps are retried, see queue-setup.ts).
 */
export async function registerHandlers(
  boss: PgBoss,
  deps: WorkerDeps,
  options: { workerIds?: Map<string, string[]> } = {},
): Promise<string[]> {
  if (jobs.some((job) => job.cron)) await setUpQueue(boss, PGBOSS_CRON_QUEUE);
  for (const job of jobs) {
    // pg-boss 10: a queue must exist before anything is scheduled, sent or worked on it.
    await setUpQueue(boss, job.name, job.queue);
    const cron = job.cron;
    if (cron) await retryConcurrentSetup(() => boss.schedule(job.name, cron, {}, { tz: "UTC" }));
    const ids: string[] = [];
    for (let i = 0; i < (job.workers ?? 1); i++) {
      ids.push(await boss.work<object>(job.name, (batch) => job.handle(batch, deps)));
    }
    options.workerIds?.set(job.name, ids);
  }
  return jobs.map((job) => job.name);
}
