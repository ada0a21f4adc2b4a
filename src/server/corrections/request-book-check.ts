import "server-only";
import type { BookCheckRun } from "@/generated/prisma/client";
import type { CheckTrigger } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";

export interface CheckRequest {
  bookId: string;
  organizationId: string;
  trigger: CheckTrigger;
  requestedById: string | null;
  /** Check every chapter, not only the changed ones. */
  full?: boolean;
  /** Chapters to look at (only if changed, unless full); empty or absent = every changed chapter. */
  chapterIds?: string[];
}

/** Serialises the pending-run bookkeeping of one book (merge or create) across processes. */
export async function lockBookChecks(tx: DbTx, bookId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`book-check:${bookId}`}))`;
}

/**
 * Inside the caller's transaction: the book's PENDING run takes the request (its chapters merge, `full`
 * sticks, a person's trigger replaces an automatic one), or a new PENDING run is created. The caller
 * enqueues after committing (`sendBookCheck`), so a worker never looks for a row not yet visible.
 */
export async function recordCheckRequest(tx: DbTx, request: CheckRequest): Promise<BookCheckRun> {
  await lockBookChecks(tx, request.bookId);
  const chapterIds = request.chapterIds ?? [];
  const pending = await tx.bookCheckRun.findFirst({
    where: { bookId: request.bookId, status: "PENDING" },
    orderBy: { createdAt: "asc" },
  });
  if (pending) {
    const merged =
      pending.chapterIds.length === 0 || chapterIds.length === 0
        ? []
        : [...new Set([...pending.chapterIds, ...chapterIds])];
    const personal = request.trigger === "MANUAL" || request.trigger === "API";
    return tx.bookCheckRun.update({
      where: { id: pending.id },
      data: {
        chapterIds: merged,
        full: pending.full || Boolean(request.full),
        ...(personal ? { trigger: request.trigger, requestedById: request.requestedById } : {}),
      },
    });
  }
  return tx.bookCheckRun.create({
    data: {
      bookId: request.bookId,
      organizationId: request.organizationId,
      requestedById: request.requestedById,
      trigger: request.trigger,
      full: Boolean(request.full),
      chapterIds,
    },
  });
}
