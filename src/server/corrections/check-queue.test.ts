import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmCheckers } from "@/checkers/registry";
import { db } from "@/server/db/client";
import { enqueueWith } from "@/server/queue/queue";
import { setUpQueue } from "@/server/queue/queue-setup";
import { createOrgWithMember } from "../../../tests/helpers/books";
import { isolatedBoss } from "../../../tests/support/queue/isolated-boss";
import { bookCheckQueue, queueCheckAfterGeneration } from "./check-queue";

// The book.check queue end to end on a real pg-boss: the job sent after a generation is recorded as a
// GENERATION run by the worker that takes it, and the run is worked to completion with the real checkers.
// The job runs the real checkers: their dictionaries and harper load once, before the timed test (on a
// busy machine French alone takes tens of seconds).
beforeAll(() => warmCheckers(), 240_000);

describe("book.check queue", () => {
  const { boss, drop } = isolatedBoss("pgboss_check");
  afterAll(drop);

  it("records the generation's request as a run and completes it", { timeout: 60_000 }, async () => {
    const { org, user } = await createOrgWithMember("check-queue");
    const book = await db().book.create({
      data: {
        organizationId: org.id,
        createdById: user.id,
        title: "Queued",
        topic: "queues",
        goal: "check",
        status: "COMPLETED",
        content: "# Queued\n\n## One\n\nI ate a apple.\n",
      },
    });
    await db().chapter.create({
      data: { bookId: book.id, order: 1, title: "One", content: "I ate a apple.", status: "DONE" },
    });

    await boss.start();
    await setUpQueue(boss, bookCheckQueue.name, bookCheckQueue.options);
    const logs: string[] = [];
    await boss.work<object>(bookCheckQueue.name, (jobs) =>
      bookCheckQueue.handler(jobs, { db: db(), log: (line) => logs.push(line) }),
    );
    expect(
      await queueCheckAfterGeneration({ bookId: book.id, requestedById: user.id }, enqueueWith(boss)),
    ).not.toBeNull();

    await expect
      .poll(async () => (await db().bookCheckRun.findFirst({ where: { bookId: book.id } }))?.status, {
        timeout: 30_000,
      })
      .toBe("COMPLETED");
    const run = await db().bookCheckRun.findFirstOrThrow({ where: { bookId: book.id } });
    expect(run).toMatchObject({ trigger: "GENERATION", full: true, requestedById: user.id, chaptersTotal: 1 });
    // The real checkers run: harper flags the article of "a apple", and nothing else is wrong.
    expect(await db().chapterCorrection.findMany({ where: { bookId: book.id } })).toEqual([
      expect.objectContaining({ checker: "harper", ruleId: "AnA", original: "a", suggestions: ["an"] }),
    ]);
    expect(logs.some((line) => line.includes(`book.check ${book.id}`))).toBe(true);
  });
});
