import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ENGINE_LABEL } from "@/engines/demo-engine";
import { db } from "@/server/db/client";
import { createOrgWithMember, createTestBook, testDeps } from "../../../tests/helpers/books";
import { monthlyPeriod } from "@/server/books/count-usage";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import { EXPORT_FORMATS_QUEUE } from "@/server/formats/export-formats-queue";
import { BOOK_CHECK_QUEUE } from "@/server/corrections/check-queue";
import { GENERATE_BOOK_QUEUE } from "./generation-queue";
import type { ProgressDetails } from "./job-progress";
import { runGeneration } from "./run-generation";

describe("runGeneration with the demo engine", () => {
  afterAll(() => db().$disconnect());

  it("writes, stores, records and announces a complete book", async () => {
    const { ctx, user, org } = await createOrgWithMember("pipeline");
    const { book, job, sends: createSends } = await createTestBook(ctx);
    expect(createSends).toEqual([
      { name: GENERATE_BOOK_QUEUE, data: { bookJobId: job.id }, options: { singletonKey: job.id } },
    ]);
    expect(book).toMatchObject({ status: "GENERATING", isDemoContent: true, demoLabel: DEMO_ENGINE_LABEL });
    expect(job.status).toBe("PENDING");

    const { deps, sends } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const savedJob = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(savedJob).toMatchObject({ status: "COMPLETED", progress: 100, attempts: 1, error: null });
    expect(savedJob.completedAt).toBeInstanceOf(Date);
    const details = savedJob.progressDetails as unknown as ProgressDetails;
    expect(details).toMatchObject({
      state: "COMPLETED",
      percent: 100,
      chaptersDone: 3,
      chaptersTotal: 3,
      wordsWritten: 600,
    });
    expect(details.chapters.map((c) => c.state)).toEqual(["DONE", "DONE", "DONE"]);

    const chapters = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(chapters.map((c) => c.order)).toEqual([1, 2, 3]);
    expect(chapters.every((c) => c.status === "DONE" && c.wordCount === c.wordBudget)).toBe(true);
    expect(chapters.reduce((sum, c) => sum + (c.wordBudget ?? 0), 0)).toBe(600);

    const savedBook = await db().book.findUniqueOrThrow({ where: { id: book.id } });
    expect(savedBook).toMatchObject({ status: "COMPLETED", isDemoContent: true });
    expect(savedBook.content).toMatch(/^# The Quiet Workshop\n\n## /);
    expect(savedBook.content).toContain(DEMO_ENGINE_LABEL);
    for (const chapter of chapters) expect(savedBook.content).toContain(`## ${chapter.title}`);
    expect(savedBook.s3Key).toBe(`orgs/${org.id}/books/${book.id}/book.md`);
    const { provider } = await organizationStorage(db(), org.id);
    const stored = await provider.get(savedBook.s3Key!);
    expect(new TextDecoder().decode(stored.bytes)).toBe(savedBook.content);
    expect(stored.contentType).toContain("text/markdown");

    const revisions = await db().bookRevision.findMany({ where: { bookId: book.id } });
    expect(revisions).toEqual([
      expect.objectContaining({ version: "1.0", content: savedBook.content, authorId: user.id }),
    ]);
    expect(sends).toEqual([
      {
        name: EXPORT_FORMATS_QUEUE,
        data: { bookId: book.id, organizationId: org.id },
        options: { singletonKey: book.id },
      },
      // The completed book is checked (corrections): the worker records the run when it takes the job.
      {
        name: BOOK_CHECK_QUEUE,
        data: { bookId: book.id, request: { requestedById: user.id, full: true } },
        options: { singletonKey: `${book.id}:generated` },
      },
    ]);

    const notifications = await db().notification.findMany({ where: { userId: user.id } });
    expect(notifications).toEqual([
      expect.objectContaining({
        type: "book.completed",
        organizationId: org.id,
        link: `/app/books/${book.id}`,
        readAt: null,
      }),
    ]);
    const emails = await db().outboxEmail.findMany({ where: { to: user.email } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain("The Quiet Workshop");
    expect(emails[0]!.text).toContain(`/app/books/${book.id}`);

    const actions = (
      await db().activityLog.findMany({ where: { organizationId: org.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["book.created", "job.completed"]);
    const usage = await db().usageMetric.findUniqueOrThrow({
      where: {
        organizationId_metric_periodStart: {
          organizationId: org.id,
          metric: "BOOKS_CREATED",
          periodStart: monthlyPeriod(new Date()).periodStart,
        },
      },
    });
    expect(usage.value.toNumber()).toBe(1);
  });

  it("resumes a half-written book without rewriting finished chapters", async () => {
    const { ctx } = await createOrgWithMember("resume");
    const { book, job } = await createTestBook(ctx, { targetChapters: 4, targetWords: 800 });
    // The state a killed worker leaves: outline saved, chapter 2 finished, chapter 3 half-written, no heartbeat.
    await db().chapter.createMany({
      data: [1, 2, 3, 4].map((order) => ({
        bookId: book.id,
        order,
        title: `Saved ${order}`,
        synopsis: `About ${order}.`,
        wordBudget: 200,
      })),
    });
    await db().chapter.updateMany({
      where: { bookId: book.id, order: 2 },
      data: { status: "DONE", content: "Written before the crash.", wordCount: 4 },
    });
    await db().chapter.updateMany({ where: { bookId: book.id, order: 3 }, data: { status: "WRITING", content: "" } });
    await db().bookJob.update({
      where: { id: job.id },
      data: { status: "WRITING_CHAPTERS", attempts: 1, updatedAt: new Date(Date.now() - 60_000) },
    });
    const before = await db().chapter.findFirstOrThrow({ where: { bookId: book.id, order: 2 } });

    const { deps } = testDeps({ leaseSeconds: 5 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const after = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(after.map((c) => c.title)).toEqual(["Saved 1", "Saved 2", "Saved 3", "Saved 4"]);
    expect(after[1]).toEqual(before);
    expect(after.every((c) => c.status === "DONE")).toBe(true);
    expect(after[0]!.wordCount).toBe(200);
    const savedJob = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(savedJob).toMatchObject({ status: "COMPLETED", attempts: 2 });
  });

  it("lets only one run own a job: a fresh job runs once, a finished one is skipped", async () => {
    const { ctx } = await createOrgWithMember("once");
    const { job } = await createTestBook(ctx);
    const { deps } = testDeps();
    const outcomes = await Promise.all([
      runGeneration(deps, { bookJobId: job.id }),
      runGeneration(deps, { bookJobId: job.id }),
    ]);
    expect(outcomes.sort()).toEqual(["completed", "skipped"]);
    const completed = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("skipped");
    expect(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).toEqual(completed);
    expect(await db().bookRevision.count({ where: { bookId: job.bookId } })).toBe(1);
  });

  it("counts every book created concurrently in the monthly usage", async () => {
    const { ctx, org } = await createOrgWithMember("usage");
    await Promise.all(Array.from({ length: 5 }, () => createTestBook(ctx)));
    const rows = await db().usageMetric.findMany({ where: { organizationId: org.id, metric: "BOOKS_CREATED" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value.toNumber()).toBe(5);
    expect(rows[0]!.periodStart).toEqual(monthlyPeriod(new Date()).periodStart);
  });
});
