import "server-only";
import type { BookCheckRun, Prisma } from "@/generated/prisma/client";
import { recordActivity } from "@/server/activity/record-activity";
import { bookLinkFor } from "@/server/books/book-links";
import type { Db, DbTx } from "@/server/db/client";
import type { CheckSummary } from "./correction-view";

/** Open findings of a book by severity (chapter and book level). */
export async function openSeverityCounts(tx: DbTx, bookId: string): Promise<Omit<CheckSummary, "new">> {
  const [chapterRows, bookRows] = await Promise.all([
    tx.chapterCorrection.groupBy({ by: ["severity"], where: { bookId, status: "OPEN" }, _count: { _all: true } }),
    tx.bookCorrection.groupBy({ by: ["severity"], where: { bookId, status: "OPEN" }, _count: { _all: true } }),
  ]);
  const count = (...severities: string[]) =>
    [...chapterRows, ...bookRows]
      .filter((row) => severities.includes(row.severity))
      .reduce((sum, row) => sum + row._count._all, 0);
  return { errors: count("ERROR", "CRITICAL"), warnings: count("WARNING"), infos: count("INFO") };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Check finished: 3 errors, 12 warnings" in the reader's language. */
export function checkFinishedTitle(summary: CheckSummary, locale: string): string {
  if (locale === "fr") {
    return `Vérification terminée : ${plural(summary.errors, "erreur", "erreurs")}, ${plural(summary.warnings, "avertissement", "avertissements")}`;
  }
  return `Check finished: ${plural(summary.errors, "error", "errors")}, ${plural(summary.warnings, "warning", "warnings")}`;
}

/**
 * Ends a run: its status and summary; for a completed run, in the same transaction, the activity-log row
 * and a notification to whoever asked for it (the book's creator for automatic runs).
 */
export async function finishCheckRun(
  db: Db,
  run: BookCheckRun,
  outcome: { status: "COMPLETED" | "FAILED" | "CANCELLED"; created: number; error?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const summary: CheckSummary = { ...(await openSeverityCounts(tx, run.bookId)), new: outcome.created };
    const { count } = await tx.bookCheckRun.updateMany({
      where: { id: run.id, status: "RUNNING" },
      data: {
        status: outcome.status,
        summary: summary as unknown as Prisma.InputJsonObject,
        error: outcome.error ?? null,
        finishedAt: new Date(),
        ...(outcome.status === "COMPLETED" ? { progress: 100 } : {}),
      },
    });
    if (count === 0 || outcome.status !== "COMPLETED") return;
    const book = await tx.book.findUnique({ where: { id: run.bookId }, select: { title: true, createdById: true } });
    if (!book) return;
    await recordActivity(tx, {
      action: "book.checked",
      resource: "book",
      resourceId: run.bookId,
      organizationId: run.organizationId,
      actorId: run.requestedById,
      metadata: { runId: run.id, trigger: run.trigger, ...summary },
    });
    const recipientId = run.requestedById ?? book.createdById;
    if (!recipientId) return;
    const user = await tx.user.findUnique({ where: { id: recipientId }, select: { id: true, locale: true } });
    if (!user) return;
    await tx.notification.create({
      data: {
        userId: user.id,
        organizationId: run.organizationId,
        type: "book.checked",
        title: checkFinishedTitle(summary, user.locale),
        body: book.title,
        // An outside EDITOR may have started the check: the link opens the book where they work.
        link: await bookLinkFor(tx, { id: run.bookId, organizationId: run.organizationId }, user.id),
      },
    });
  });
}
