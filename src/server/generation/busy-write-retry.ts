import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { Prisma } from "@/generated/prisma/client";

/** Attempts of one short pipeline write before its error is the job's (the first try included). */
export const BUSY_WRITE_ATTEMPTS = 5;
/** First backoff in ms; doubles each attempt, half fixed and half random so parallel writers spread out. */
const BASE_DELAY_MS = 40;

/**
 * True for a write that failed only because the database was busy: the transaction could not start or timed
 * out waiting (P2028), no pooled connection came in time (P2024 / pg "timeout exceeded when trying to
 * connect"), or it lost a write conflict or deadlock (P2034, 40001, 40P01). None of them committed anything.
 */
export function isBusyDatabaseError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (["P2028", "P2024", "P2034"].includes(error.code)) return true;
  }
  if (!(error instanceof Error)) return false;
  const code = String((error as { code?: unknown }).code ?? "");
  const text = `${error.message} ${code}`;
  return /timeout exceeded when trying to connect|Timed out fetching a new connection|Unable to start a transaction|Transaction API error|deadlock detected|could not serialize|\b40001\b|\b40P01\b/i.test(
    text,
  );
}

/**
 * Runs one short pipeline write (a section, a plan, an outline with its token usage), building it afresh on
 * each attempt and retrying it with jittered exponential backoff while the database is only busy. With 30
 * chapters written at once, the writers queue on the BookJob row and on the pool; a write that could not
 * start is tried again instead of failing the whole job. The write stays one transaction, so the token sum
 * and the saved text commit together and a retry (or a resume) never counts tokens twice.
 */
export async function withBusyRetry<T>(
  write: () => Promise<T>,
  options: { attempts?: number; baseDelayMs?: number; onRetry?: (error: unknown) => void } = {},
): Promise<T> {
  const attempts = options.attempts ?? BUSY_WRITE_ATTEMPTS;
  const base = options.baseDelayMs ?? BASE_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isBusyDatabaseError(error)) throw error;
      options.onRetry?.(error);
      const delay = base * 2 ** (attempt - 1);
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }
}

/** Retry options for a run's pipeline writes: each retry is logged with the job, so a busy pool shows up. */
export function busyRetryLog(run: { job: { id: string }; deps: { log: (message: string) => void } }) {
  return {
    onRetry: (error: unknown) =>
      run.deps.log(
        `job ${run.job.id}: database busy (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); retrying the write`,
      ),
  };
}
