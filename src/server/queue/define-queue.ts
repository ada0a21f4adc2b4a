import "server-only";
import type PgBoss from "pg-boss";
import type { Db } from "@/server/db/client";
import { type Enqueue, enqueue } from "./queue";
import type { QueuePolicy } from "./queue-setup";

/** What queue handlers may use; built once per worker process (tests pass their own). */
export interface QueueHandlerDeps {
  db: Db;
  log: (message: string) => void;
  /** Sends follow-up jobs on the worker's own pg-boss (default: the shared web-style instance). */
  enqueue?: Enqueue;
}

export interface QueueDefinition<Data extends object> {
  name: string;
  /** Policy, retries and expiry: given to the queue by the worker on every start and by every first send. */
  options?: QueuePolicy;
  /** Cron expression (UTC) when pg-boss should send the job itself. */
  cron?: string;
  /** Jobs of this queue one worker process runs at the same time (one pg-boss worker loop each; default 1). */
  workers?: () => number;
  /** Runs a batch of jobs; throwing makes pg-boss retry them. Job data comes from the database: check it. */
  handler(jobs: PgBoss.Job<object>[], deps: QueueHandlerDeps): Promise<void>;
  /**
   * Sends one job, creating the queue with `options` first when it does not exist yet (pg-boss 10 rejects a
   * send to a missing queue, and a queue created without its policy would keep the wrong one until the
   * worker restarts). `via` sends on another pg-boss than the web process's shared one (the worker's, or a
   * test's recorder).
   */
  send(data: Data, sendOptions?: PgBoss.SendOptions, via?: Enqueue): Promise<string | null>;
}

/**
 * Declares a queue once: its name, its policy, its handler and how to send to it. The worker registers
 * every definition of its list (src/worker/register-handlers.ts); senders call `definition.send`.
 */
export function defineQueue<Data extends object = object>(
  definition: Omit<QueueDefinition<Data>, "send">,
): QueueDefinition<Data> {
  return {
    ...definition,
    send: (data, sendOptions = {}, via = enqueue) => via(definition.name, data, sendOptions, definition.options),
  };
}
