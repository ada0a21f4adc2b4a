import "server-only";
import { budgetReport } from "@/engines/long-form/budget-report";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { bookMarkdownKey } from "@/server/books/book-storage-key";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import { recordActivity } from "@/server/activity/record-activity";
import { enqueueExportFormats } from "@/server/formats/export-formats-queue";
import { resetFormatRows } from "@/server/formats/reset-format-rows";
import { queueCheckAfterGeneration } from "@/server/corrections/check-queue";
import { busyRetryLog, withBusyRetry } from "./busy-write-retry";
import { type GenerationRun, LostJobError } from "./generation-run";
import { asJson, type ProgressDetails } from "./job-progress";
import { notifyJobOutcome } from "./notify-job-outcome";
import { announceJobChange } from "./record-progress";

export const FIRST_REVISION = "1.0";

/**
 * Assembles the book (title, chapters in order), stores it in Book.content and in the organization's
 * storage, records revision 1.0, queues the format exports, then marks the job COMPLETED and notifies the
 * requester in one transaction. Every step can be replayed after a crash: the same key is overwritten, the
 * revision is unique per book and version, and the completion is a conditional update.
 */
export async function finalizeBook(run: GenerationRun): Promise<void> {
  const { db, book, job } = run;
  await run.transition(["WRITING_CHAPTERS", "FINALIZING"], "FINALIZING", "Assembling the book");
  const chapters = await db.chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
  const missing = chapters.filter((c) => c.status !== "DONE");
  if (chapters.length === 0 || missing.length > 0) {
    throw new Error(`Cannot finalize: chapters ${missing.map((c) => c.order).join(", ") || "(none)"} are not written`);
  }
  const markdown = assembleBookMarkdown(book.title, chapters);

  const storage = await organizationStorage(db, book.organizationId);
  const bucket = storage.config.bucket ?? null;
  const key = bookMarkdownKey(book.organizationId, book.id);
  await storage.provider.put(key, new TextEncoder().encode(markdown), "text/markdown; charset=utf-8");
  // Idempotent (the same content, a revision unique per version): safe to try again when the pool is busy.
  await withBusyRetry(
    () =>
      db.$transaction([
        db.book.update({
          where: { id: book.id },
          data: { content: markdown, s3Bucket: bucket, s3Key: key, isDemoContent: run.engine.isDemo },
        }),
        db.bookRevision.createMany({
          data: [
            {
              bookId: book.id,
              version: FIRST_REVISION,
              content: markdown,
              authorId: job.requestedById,
              changes: { kind: "generated", engine: job.engine, jobId: job.id },
            },
          ],
          skipDuplicates: true,
        }),
      ]),
    busyRetryLog(run),
  );
  // The rows turn PENDING before the render is queued (and before the job reads COMPLETED), so a client
  // that sees the book completed also sees its files on their way, never "not rendered".
  await withBusyRetry(() => db.$transaction((tx) => resetFormatRows(tx, book, "PENDING")), busyRetryLog(run));
  await enqueueExportFormats({ bookId: book.id, organizationId: book.organizationId }, run.deps.enqueue);

  const final = run.tracker.snapshot();
  const details: ProgressDetails = {
    ...final,
    state: "COMPLETED",
    percent: 100,
    message: null,
    currentChapter: null,
    chaptersDone: chapters.length,
    chaptersTotal: chapters.length,
    wordsWritten: chapters.reduce((sum, c) => sum + c.wordCount, 0),
    chapters: chapters.map((c) => {
      const before = final.chapters.find((p) => p.order === c.order);
      return {
        order: c.order,
        title: c.title,
        state: "DONE" as const,
        words: c.wordCount,
        budget: c.wordBudget,
        ...(before?.sectionsTotal ? { sectionsDone: before.sectionsTotal, sectionsTotal: before.sectionsTotal } : {}),
      };
    }),
    // Never silent: the job view and the book page show which chapters missed their budget, and by how much.
    budgetReport: budgetReport(chapters),
    updatedAt: new Date().toISOString(),
  };
  if (details.budgetReport?.missed.length) {
    run.deps.log(`job ${job.id}: chapters ${details.budgetReport.missed.join(", ")} missed their word budget (±15 %)`);
  }
  await run.tracker.close();
  await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.bookJob.updateMany({
      where: { id: job.id, attempts: run.attempt, status: "FINALIZING" },
      data: {
        status: "COMPLETED",
        progress: 100,
        completedAt: now,
        progressDetails: asJson(details),
        error: null,
        errorCode: null,
      },
    });
    if (count === 0) throw new LostJobError();
    await tx.book.update({ where: { id: book.id }, data: { status: "COMPLETED" } });
    await recordActivity(tx, {
      action: "job.completed",
      resource: "book",
      resourceId: book.id,
      organizationId: book.organizationId,
      actorId: null,
      metadata: { jobId: job.id, engine: job.engine, chapters: chapters.length, words: details.wordsWritten },
    });
    await notifyJobOutcome(tx, {
      outcome: "completed",
      bookId: book.id,
      bookTitle: book.title,
      organizationId: book.organizationId,
      requestedById: job.requestedById,
    });
    await announceJobChange(tx, job.id);
  });
  await queueCheckAfterGeneration({ bookId: book.id, requestedById: job.requestedById }, run.deps.enqueue);
}
