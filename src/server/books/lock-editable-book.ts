import "server-only";
import type { Book } from "@/generated/prisma/client";
import type { JobStatus } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { isFinished } from "@/server/generation/job-view";

/** Why a book cannot be edited right now, or null when it can (for the UI's "Edit" button). */
export function editBlocker(
  book: Pick<Book, "status" | "content">,
  latestJobStatus: JobStatus | null,
): "BOOK_BUSY" | "NOT_GENERATED" | null {
  if (book.status === "GENERATING" || (latestJobStatus && !isFinished(latestJobStatus))) return "BOOK_BUSY";
  if (!book.content) return "NOT_GENERATED";
  return null;
}

/**
 * Locks a book of the organization for an edit, inside the edit's transaction, and refuses the edit while
 * a generation job is pending or running (409 BOOK_BUSY): the pipeline writes the chapters and
 * Book.content itself. The latest job row is locked before the book row, the order the pipeline uses
 * (retry, fail, finalize), so an edit and a retry run one after the other instead of deadlocking, and a
 * retry committed just before is seen here. NO KEY UPDATE locks leave foreign-key inserts (downloads)
 * unblocked while still serializing concurrent edits of the same book.
 * With `requireContent`, a book never assembled (its generation has not completed) answers 409 CONFLICT.
 */
export async function lockEditableBook(
  tx: DbTx,
  organizationId: string,
  bookId: string,
  options: { requireContent: boolean },
): Promise<Book> {
  const jobs = await tx.$queryRaw<{ status: JobStatus }[]>`
    SELECT "status"::text AS "status" FROM "BookJob"
    WHERE "bookId" = ${bookId} AND "organizationId" = ${organizationId}
    ORDER BY "createdAt" DESC LIMIT 1
    FOR NO KEY UPDATE`;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Book" WHERE "id" = ${bookId} AND "organizationId" = ${organizationId} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw notFound("Book");
  const book = await tx.book.findUniqueOrThrow({ where: { id: bookId } });
  const jobStatus = jobs[0]?.status ?? null;
  const blocker = editBlocker(book, jobStatus);
  if (blocker === "BOOK_BUSY") {
    throw new AppError("BOOK_BUSY", "This book is being generated; edit it once its generation has finished", {
      details: { jobStatus },
    });
  }
  if (blocker === "NOT_GENERATED" && options.requireContent) {
    throw new AppError(
      "CONFLICT",
      "This book has not been written yet: its chapters can be edited once its generation has completed",
    );
  }
  return book;
}
