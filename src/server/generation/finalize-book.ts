import "server-only";
import { budgetReport } from "@/engines/long-form/budget-report";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { bookMarkdownKey } from "@/server/books/book-storage-key";
import { latestRevisionVersion, nextMajorVersion } from "@/server/books/revision-version";
import type { DbTx } from "@/server/db/client";
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

export { FIRST_REVISION } from "@/server/books/revision-version";

/**
 * Records the revision a generation produced: 1.0 for a book's first, the next major (2.0, 3.0 …) when the
 * book is generated again. A replayed finalize of the same job finds its revision (by job id) and records
 * nothing, so a crash after this commit never turns one generation into two major versions. The caller holds
 * the book's row lock, so two finalizes of one book cannot pick the same version.
 */
async function recordGeneratedRevision(
  tx: DbTx,
  input: { bookId: string; markdown: string; jobId: string; engine: string; authorId: string | null },
): Promise<void> {
  const recorded = await tx.bookRevision.findFirst({
    where: { bookId: input.bookId, changes: { path: ["jobId"], equals: input.jobId } },
    select: { id: true },
  });
  if (recorded) return;
  await tx.bookRevision.create({
    data: {
      bookId: input.bookId,
      version: nextMajorVersion(await latestRevisionVersion(tx, input.bookId)),
      content: input.markdown,
      authorId: input.authorId,
      changes: { kind: "generated", engine: input.engine, jobId: input.jobId },
    },
  });
}

/**
 * Assembles the book (title, chapters in order), stores it in Book.content and in the organization's
 * storage, records its revision (1.0, or the next major when regenerated), queues the format exports, then marks the job COMPLETED and notifies the
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
  // Idempotent (the same content, one revision per job): safe to try again when the pool is busy.
  await withBusyRetry(
    () =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT 1 FROM "Book" WHERE "id" = ${book.id} FOR UPDATE`;
        await tx.book.update({
          where: { id: book.id },
          data: { content: markdown, s3Bucket: bucket, s3Key: key, isDemoContent: run.engine.isDemo },
        });
        await recordGeneratedRevision(tx, {
          bookId: book.id,
          markdown,
          jobId: job.id,
          engine: job.engine,
          authorId: job.requestedById,
        });
      }),
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
