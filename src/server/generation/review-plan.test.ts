import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { updateBookBible } from "@/server/books/book-bible";
import { db } from "@/server/db/client";
import { openAiPipelineSuite } from "../../../tests/helpers/openai-fake-suite";
import { createOrgWithMember, createTestBook, recordingEnqueue, testDeps } from "../../../tests/helpers/books";
import { cancelJob } from "./cancel-job";
import { claimJob } from "./claim-job";
import { continueJob } from "./continue-job";
import { requeueStalledJobs } from "./requeue-stalled-jobs";
import { runGeneration } from "./run-generation";

// "Review the plan" (Book.reviewPlan): the job pauses after the outline and the bible in AWAITING_REVIEW, no
// worker holds it, a writer continues it and the chapters are written with the (edited) bible.
const API_KEY = "sk-test-review-plan";
const sectionPrompts = (requests: { body: { stream?: boolean; messages: unknown } }[]) =>
  requests.filter((r) => r.body.stream === true).map((r) => JSON.stringify(r.body.messages));
const isBible = (r: { body: { stream?: boolean; messages: unknown } }) =>
  r.body.stream !== true && JSON.stringify(r.body.messages).includes("pointOfView");

describe("review the plan", () => {
  const { fake, openAiOrg } = openAiPipelineSuite(API_KEY);

  it("does not pause when the option is off (the default)", async () => {
    const { ctx } = await openAiOrg("review-off");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 500 });
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).reviewPlan).toBe(false);
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("completed");
  });

  it("pauses after the outline and the bible, then writes the chapters with the edited bible", async () => {
    const { ctx } = await openAiOrg("review-on");
    const { book, job } = await createTestBook(ctx, { targetChapters: 2, targetWords: 1000, reviewPlan: true });
    const since = fake.requests.length;
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("paused");

    const paused = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(paused.status).toBe("AWAITING_REVIEW");
    expect(paused.planApprovedAt).toBeNull();
    const details = paused.progressDetails as { state?: string; chapters?: { title: string; state: string }[] };
    expect(details.state).toBe("AWAITING_REVIEW");
    // The outline under review is in the live progress, every chapter still to write.
    expect(details.chapters).toHaveLength(2);
    expect(details.chapters!.every((c) => c.title.length > 0 && c.state === "PENDING")).toBe(true);
    const chapters = await db().chapter.findMany({ where: { bookId: book.id } });
    expect(chapters.map((c) => c.status)).toEqual(["PENDING", "PENDING"]);
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).bible).toMatchObject({
      characters: [{ name: "Ada Lovelace" }],
    });
    expect(sectionPrompts(fake.requests.slice(since))).toEqual([]);

    // Paused is neither stalled nor claimable: long after any lease, nothing requeues or takes it.
    const { sends, enqueue } = recordingEnqueue();
    const later = new Date(Date.now() + 3_600_000);
    await requeueStalledJobs(db(), { leaseSeconds: 1, enqueue, now: later });
    expect(sends.filter((s) => (s.data as { bookJobId?: string }).bookJobId === job.id)).toEqual([]);
    expect(await claimJob(db(), job.id, 1, later)).toBeNull();

    // The author renames the guide, then continues.
    await updateBookBible(ctx, book.id, {
      bible: {
        characters: [{ name: "Augusta Byron", role: "the guide" }],
        terms: [],
        facts: [],
        voice: "warm",
        tense: "present",
        pointOfView: "second person",
      },
    });
    const queued = recordingEnqueue();
    const continued = await continueJob(ctx, book.id, { enqueue: queued.enqueue });
    expect(continued.status).toBe("PENDING");
    expect(queued.sends).toHaveLength(1);
    expect(queued.sends[0]!.data).toEqual({ bookJobId: job.id });

    const resumedFrom = fake.requests.length;
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("completed");
    const requests = fake.requests.slice(resumedFrom);
    expect(requests.filter(isBible)).toEqual([]); // the stored (edited) bible is used as it is
    const prompts = sectionPrompts(requests);
    expect(prompts.length).toBeGreaterThan(0);
    for (const prompt of prompts) {
      expect(prompt).toContain("Augusta Byron");
      expect(prompt).not.toContain("Ada Lovelace");
    }
    const done = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.status).toBe("COMPLETED");
    expect(done.planApprovedAt).not.toBeNull();

    // Continuing twice is refused, and changes nothing.
    await expect(continueJob(ctx, book.id, { enqueue: queued.enqueue })).rejects.toMatchObject({
      code: "JOB_NOT_AWAITING_REVIEW",
    });
    expect(queued.sends).toHaveLength(1);
  });

  it("cancels a paused job at once, and a cancelled job cannot be continued", async () => {
    const { ctx } = await openAiOrg("review-cancel");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 500, reviewPlan: true });
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("paused");

    const cancelled = await cancelJob(ctx, book.id);
    expect(cancelled).toMatchObject({ status: "FAILED", errorCode: "CANCELLED", cancelling: false });
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).status).toBe("FAILED");
    const error = await continueJob(ctx, book.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "JOB_NOT_AWAITING_REVIEW" });
    expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("FAILED");
  });

  it("pauses the demo engine too (its outline is reviewed; it writes no bible)", async () => {
    const { ctx } = await createOrgWithMember("review-demo");
    const { book, job } = await createTestBook(ctx, { targetChapters: 2, reviewPlan: true });
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("paused");
    expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("AWAITING_REVIEW");
    const { enqueue } = recordingEnqueue();
    await continueJob(ctx, book.id, { enqueue });
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("completed");
    const chapters = await db().chapter.findMany({ where: { bookId: book.id } });
    expect(chapters.every((c) => c.status === "DONE")).toBe(true);
  });
});
