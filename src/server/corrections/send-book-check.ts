import "server-only";
import type { BookCheckRun } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { Enqueue } from "@/server/queue/queue";
import { enqueueBookCheck } from "./check-queue";
import { type CheckRequest, recordCheckRequest } from "./request-book-check";

/**
 * Sends the job after the run row is committed. A failed send is logged, not thrown: the edit or the
 * generation that asked for the check has succeeded, and the pending run is taken by the next send.
 */
export async function sendBookCheck(bookId: string, via?: Enqueue): Promise<void> {
  try {
    await enqueueBookCheck(bookId, via);
  } catch (error) {
    console.warn(`[book.check] could not queue the check of book ${bookId}:`, error);
  }
}

/** Records the request in its own transaction and queues the job (generation end, API, on demand). */
export async function requestBookCheck(db: Db, request: CheckRequest, via?: Enqueue): Promise<BookCheckRun> {
  const run = await db.$transaction((tx) => recordCheckRequest(tx, request));
  await sendBookCheck(request.bookId, via);
  return run;
}
