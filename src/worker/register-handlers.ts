import "server-only";
import type PgBoss from "pg-boss";
import { exportFormatsQueue } from "@/server/formats/export-formats-queue";
import { bookCheckQueue } from "@/server/corrections/check-queue";
import { generateBookQueue } from "@/server/generation/generation-queue";
import type { QueueDefinition, QueueHandlerDeps } from "@/server/queue/define-queue";
import { retryConcurrentSetup, setUpQueue } from "@/server/queue/queue-setup";
import { removeStoredFilesQueue } from "@/server/storage-settings/remove-stored-files";
import {
  expireInvitationsQueue,
  expireLapsedSubscriptionsQueue,
  purgeApiRecordsQueue,
  purgeAuthThrottlesQueue,
} from "./maintenance-queues";

/** Every queue the worker serves: a queue missing here is sent to but never worked. */
export const QUEUES: readonly QueueDefinition<object>[] = [
  expireInvitationsQueue,
  purgeApiRecordsQueue,
  purgeAuthThrottlesQueue,
  expireLapsedSubscriptionsQueue,
  generateBookQueue,
  exportFormatsQueue,
  removeStoredFilesQueue,
  bookCheckQueue,
];

/**
 * pg-boss's own queue through which its cron sends scheduled jobs. Its start() creates it but ignores any
 * error, so a start that lost a deadlock to another worker's queue set-up would leave cron without it.
 */
export const PGBOSS_CRON_QUEUE = "__pgboss__send-it";

/**
 * Creates every queue, schedules the cron jobs and starts the workers of each queue; returns the queue
 * names. `workerIds` (optional) receives the pg-boss worker ids per queue, so they can be woken on send.
 * Safe when several workers start at the same moment (the set-up steps are retried, see queue-setup.ts).
 */
export async function registerHandlers(
  boss: PgBoss,
  deps: QueueHandlerDeps,
  options: { workerIds?: Map<string, string[]> } = {},
): Promise<string[]> {
  if (QUEUES.some((queue) => queue.cron)) await setUpQueue(boss, PGBOSS_CRON_QUEUE);
  for (const queue of QUEUES) {
    // pg-boss 10: a queue must exist before anything is scheduled, sent or worked on it.
    await setUpQueue(boss, queue.name, queue.options);
    const cron = queue.cron;
    if (cron) await retryConcurrentSetup(() => boss.schedule(queue.name, cron, {}, { tz: "UTC" }));
    const ids: string[] = [];
    for (let i = 0; i < (queue.workers?.() ?? 1); i++) {
      ids.push(await boss.work<object>(queue.name, (batch) => queue.handler(batch, deps)));
    }
    options.workerIds?.set(queue.name, ids);
  }
  return QUEUES.map((queue) => queue.name);
}
