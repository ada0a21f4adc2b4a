import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { openAiPipelineSuite } from "../../../tests/helpers/openai-fake-suite";
import { createTestBook, recordingEnqueue, testDeps as baseTestDeps } from "../../../tests/helpers/books";
import { cancelJob } from "./cancel-job";
import type { ProgressDetails } from "./job-progress";
import { retryJob } from "./retry-job";
import { RetryLaterError, runGeneration } from "./run-generation";

// The real OpenAI-compatible engine, through the whole pipeline, against a loopback fake speaking the
// chat-completions wire protocol (SSE chunks, 429 + Retry-After, 500, malformed outlines).
const API_KEY = "sk-test-pipeline";
/** A script entry that changes nothing (the parameter is never sent): lets later entries hit chapters. */
const behave = { kind: "reject-param", param: "not_a_parameter" } as const;
/**
 * These scripts count one request per chapter: they run the "single" length control (today's baseline,
 * still callable). The sectioned path (plan, bible, sections) is covered by long-form-pipeline.test.ts.
 */
const testDeps = (overrides: Parameters<typeof baseTestDeps>[0] = {}) =>
  baseTestDeps({ lengthControl: "single", ...overrides });

describe("the pipeline with the OpenAI-compatible engine", () => {
  const { fake, openAiOrg } = openAiPipelineSuite(API_KEY);

  const chapterRequests = (since: number) =>
    fake.requests.slice(since).filter((r) => r.path === "/v1/chat/completions" && r.body.stream === true);

  it("streams chapters with the outline in every prompt, records tokens and live progress", async () => {
    fake.setBehaviour({ script: [], chunkDelayMs: 15 });
    const { ctx } = await openAiOrg("oa-stream");
    const { book, job } = await createTestBook(ctx, { targetChapters: 3, targetWords: 900 });
    expect(book).toMatchObject({ isDemoContent: false, demoLabel: null, engine: { id: "openai-compatible" } });
    const since = fake.requests.length;

    const { deps } = testDeps({ concurrency: 2 });
    const running = runGeneration(deps, { bookJobId: job.id });
    // While it runs, the persisted progress shows a chapter being written with its recent text.
    let live: ProgressDetails | undefined;
    await expect
      .poll(
        async () => {
          const row = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
          const details = row.progressDetails as unknown as ProgressDetails;
          if (row.status === "WRITING_CHAPTERS" && details.recentText && details.currentChapter) live = details;
          return live !== undefined || row.status === "COMPLETED";
        },
        { timeout: 15_000, interval: 30 },
      )
      .toBe(true);
    expect(await running).toBe("completed");
    expect(live).toBeDefined();
    expect(live!.state).toBe("WRITING_CHAPTERS");
    expect(live!.chaptersTotal).toBe(3);
    expect(live!.percent).toBeGreaterThanOrEqual(5);
    expect(live!.percent).toBeLessThanOrEqual(90);
    expect(live!.chapters.some((c) => c.state === "WRITING")).toBe(true);

    const chapters = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(chapters).toHaveLength(3);
    for (const chapter of chapters) {
      expect(chapter.status).toBe("DONE");
      expect(chapter.content).toContain("The morning light fell across the workshop.");
      expect(chapter.wordCount).toBeGreaterThan(20);
    }
    const requests = chapterRequests(since);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      const prompt = JSON.stringify(request.body.messages);
      for (const chapter of chapters) expect(prompt).toContain(chapter.title);
    }
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    const usage = saved.tokenUsage as { promptTokens: number; completionTokens: number };
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(usage.completionTokens).toBeGreaterThan(0);
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).isDemoContent).toBe(false);
  });

  it("waits out a 429 with Retry-After and a 500, then finishes", async () => {
    fake.setBehaviour({ script: [{ kind: "rate-limit", retryAfter: "1" }, { kind: "server-error" }], chunkDelayMs: 0 });
    const { ctx } = await openAiOrg("oa-429");
    const { job } = await createTestBook(ctx);
    const since = fake.requests.length;
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const [first, second, third] = fake.requests.slice(since);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(third!.receivedAt).toBeGreaterThanOrEqual(second!.receivedAt);
    expect(await db().chapter.count({ where: { bookId: job.bookId, status: "DONE" } })).toBe(3);
  });

  it("feeds a malformed outline's validation error back to the model until it is valid", async () => {
    fake.setBehaviour({ script: [{ kind: "bad-json", where: "content" }, { kind: "malformed-outline" }] });
    const { ctx } = await openAiOrg("oa-outline");
    const { job } = await createTestBook(ctx, { targetChapters: 3 });
    const since = fake.requests.length;
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const outlines = fake.requests.slice(since).filter((r) => r.body.stream !== true);
    expect(outlines).toHaveLength(3);
    expect(JSON.stringify(outlines[1]!.body.messages)).toContain("not valid JSON");
    expect(JSON.stringify(outlines[2]!.body.messages)).toContain("exactly 3 are required");
    expect(await db().chapter.count({ where: { bookId: job.bookId } })).toBe(3);
  });

  it("fails with a readable error when the outline stays invalid, and notifies the requester", async () => {
    fake.setBehaviour({
      script: [{ kind: "malformed-outline" }, { kind: "malformed-outline" }, { kind: "malformed-outline" }],
    });
    const { ctx, user } = await openAiOrg("oa-bad");
    const { job, book } = await createTestBook(ctx);
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "INVALID_OUTLINE" });
    expect(saved.error).toMatch(/still invalid after 3 attempts/);
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).status).toBe("FAILED");
    expect(await db().notification.findMany({ where: { userId: user.id } })).toEqual([
      expect.objectContaining({ type: "book.failed", body: saved.error }),
    ]);
    expect((await db().outboxEmail.findFirstOrThrow({ where: { to: user.email } })).subject).toContain(
      "could not be finished",
    );
    const actions = (await db().activityLog.findMany({ where: { organizationId: ctx.actor.organizationId } })).map(
      (a) => a.action,
    );
    expect(actions).toContain("job.failed");
  });

  it("retries a failed job from its last finished chapter", async () => {
    // Chapter 2 is refused (401, not retryable): the job fails with chapter 1 saved.
    fake.setBehaviour({ script: [behave, behave, { kind: "unauthorized" }] });
    const { ctx } = await openAiOrg("oa-retry");
    const { job, book } = await createTestBook(ctx, { targetChapters: 3 });
    const { deps } = testDeps({ concurrency: 1 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    const failed = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "AUTH" });
    const first = await db().chapter.findFirstOrThrow({ where: { bookId: book.id, order: 1 } });
    expect(first.status).toBe("DONE");
    expect(await db().chapter.count({ where: { bookId: book.id, status: "DONE" } })).toBe(1);

    const { sends, enqueue } = recordingEnqueue();
    const retried = await retryJob(ctx, book.id, { enqueue });
    expect(retried).toMatchObject({ status: "PENDING", error: null, errorCode: null });
    expect(sends.map((send) => send.data)).toEqual([{ bookJobId: job.id }]);

    fake.setBehaviour({ script: [] });
    const since = fake.requests.length;
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    // Only chapters 2 and 3 were asked for; chapter 1 is untouched.
    expect(chapterRequests(since)).toHaveLength(2);
    expect(fake.requests.slice(since).filter((r) => r.body.stream !== true)).toHaveLength(0);
    expect(await db().chapter.findFirstOrThrow({ where: { bookId: book.id, order: 1 } })).toEqual(first);
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).status).toBe("COMPLETED");
  });

  it("hands a job back to the queue after a retryable failure, and the next run finishes it", async () => {
    // maxRetries 0: each 500 reaches the pipeline; chapter 1 fails twice (its in-process attempts).
    fake.setBehaviour({ script: [behave, { kind: "server-error" }, { kind: "server-error" }] });
    const { ctx } = await openAiOrg("oa-release", { maxRetries: 0 });
    const { job, book } = await createTestBook(ctx, { targetChapters: 2, targetWords: 500 });
    const { deps } = testDeps({ concurrency: 1 });
    await expect(runGeneration(deps, { bookJobId: job.id })).rejects.toBeInstanceOf(RetryLaterError);
    const released = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(released).toMatchObject({ status: "PENDING", errorCode: "PROVIDER_ERROR", attempts: 1 });
    expect(await db().chapter.count({ where: { bookId: book.id, status: "WRITING" } })).toBe(0);

    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    expect(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "COMPLETED",
      attempts: 2,
      error: null,
    });
  });

  it("cancels within seconds, aborting a chapter request that never answers", async () => {
    fake.setBehaviour({ script: [behave, { kind: "hang" }, { kind: "hang" }, { kind: "hang" }] });
    const { ctx } = await openAiOrg("oa-cancel");
    const { job, book } = await createTestBook(ctx);
    const { deps } = testDeps({ heartbeatMs: 200 });
    const running = runGeneration(deps, { bookJobId: job.id });
    await expect
      .poll(async () => (await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 10_000,
        interval: 50,
      })
      .toBe("WRITING_CHAPTERS");
    await expect
      .poll(async () => db().chapter.count({ where: { bookId: book.id, status: "WRITING" } }), {
        timeout: 10_000,
        interval: 50,
      })
      .toBeGreaterThan(0);

    const requestedAt = Date.now();
    const answer = await cancelJob(ctx, book.id);
    expect(answer).toMatchObject({ cancelling: true });
    // The job view answers the wire shape: the request's time as ISO 8601 text.
    expect(Date.parse(answer.cancelRequestedAt ?? "")).toBeGreaterThanOrEqual(requestedAt - 1000);
    expect(await running).toBe("cancelled");
    expect(Date.now() - requestedAt).toBeLessThan(3000);

    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "CANCELLED", error: "Cancelled on request" });
    expect(await db().chapter.count({ where: { bookId: book.id, status: { in: ["WRITING", "DONE"] } } })).toBe(0);
    const actions = (await db().activityLog.findMany({ where: { organizationId: ctx.actor.organizationId } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["book.created", "job.cancelled"]));
    expect(actions).not.toContain("job.failed");
  });
});
