import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { defaultCrewMarkdown } from "../../../tests/fakes/crewai-fake";
import { createTestBook, testDeps } from "../../../tests/helpers/books";
import { crewPipelineSuite } from "../../../tests/helpers/crewai-pipeline-suite";
import type { ProgressDetails } from "./job-progress";
import { runGeneration } from "./run-generation";
import { hashWebhookSecret } from "./write-with-crewai";

// The real CrewAI engine and webhook route through the pipeline, against a loopback fake of a deployed
// crew that answers kickoff/status and posts task/step/crew webhooks to the route over HTTP.
describe("the pipeline with the CrewAI engine", () => {
  const { fake, app, crewOrg } = crewPipelineSuite();

  it("kicks off the crew, follows its states, takes its webhooks and splits the book into chapters", async () => {
    fake().setBehaviour({ failRun: undefined });
    const { ctx } = await crewOrg("crew-ok");
    const { job, book } = await createTestBook(ctx, { targetChapters: 3 });
    const seen = new Set<string>();
    const { deps } = testDeps({ webhookBaseUrl: app().url });
    const running = runGeneration(deps, { bookJobId: job.id });
    await expect
      .poll(
        async () => {
          seen.add((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).status);
          return seen.has("COMPLETED") || seen.has("FAILED");
        },
        { timeout: 15_000, interval: 5 },
      )
      .toBe(true);
    expect(await running).toBe("completed");
    await fake().flushWebhooks();

    const kickoff = fake().requests.find((r) => r.path === "/kickoff" && r.body.meta?.jobId === job.id);
    expect(kickoff?.body.inputs).toMatchObject({ title: "The Quiet Workshop", target_chapters: "3", language: "en" });
    expect(kickoff?.body.crewWebhookUrl).toMatch(
      new RegExp(`^${app().url}/api/webhooks/crewai/${job.id}\\?kind=crew&token=`),
    );
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved.status).toBe("COMPLETED");
    expect(saved.externalJobId).toEqual(expect.any(String));
    expect(fake().requests.some((r) => r.path === `/status/${saved.externalJobId}`)).toBe(true);
    expect(saved.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.has("WRITING_CHAPTERS") || seen.has("FINALIZING")).toBe(true);

    const mine = fake().webhookDeliveries.filter((d) => d.url.includes(job.id));
    expect(mine.map((d) => d.kind)).toEqual(expect.arrayContaining(["step", "task", "crew"]));
    expect(mine.every((d) => d.status === 200)).toBe(true);

    const chapters = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(chapters.map((c) => c.title)).toEqual(["Opening the Door", "Learning the Tools", "The First Piece"]);
    expect(chapters[1]!.content).toContain("### A note on chisels");
    const content = (await db().book.findUniqueOrThrow({ where: { id: book.id } })).content ?? "";
    expect(content).toMatch(/^# The Quiet Workshop\n\n## Opening the Door/);
    // The crew's word counts go into the same per-chapter budget report: the book's 600 words over 3 chapters.
    const report = (saved.progressDetails as unknown as ProgressDetails).budgetReport!;
    expect(report.chapters.map((c) => [c.order, c.budget, c.words])).toEqual(
      chapters.map((c) => [c.order, 200, c.wordCount]),
    );
    expect(report.missed).toEqual(report.chapters.filter((c) => !c.withinTolerance).map((c) => c.order));
    expect(
      await db().webhookEvent.count({ where: { provider: "crewai", eventKey: { startsWith: `${job.id}:` } } }),
    ).toBe(mine.length);
  });

  it("fails the job with the crew's error when the run fails", async () => {
    fake().setBehaviour({ failRun: "The writer agent ran out of budget" });
    const { ctx } = await crewOrg("crew-fail");
    const { job } = await createTestBook(ctx);
    const { deps } = testDeps({ webhookBaseUrl: app().url });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "CREW_FAILED" });
    expect(saved.error).toContain("The writer agent ran out of budget");
    fake().setBehaviour({ failRun: undefined });
  });

  describe("webhook deliveries", () => {
    const secret = "per-job-secret-for-tests";
    async function waitingCrewJob(label: string) {
      const { ctx } = await crewOrg(label);
      const { job, book } = await createTestBook(ctx);
      const kickoffId = `kick-${job.id}`;
      await db().bookJob.update({
        where: { id: job.id },
        data: { status: "WRITING_CHAPTERS", externalJobId: kickoffId, webhookSecretHash: hashWebhookSecret(secret) },
      });
      return { job, book, kickoffId };
    }
    const post = (jobId: string, body: unknown, query: string) =>
      fetch(`${app().url}/api/webhooks/crewai/${jobId}?${query}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const snapshot = async (jobId: string, bookId: string) =>
      JSON.stringify({
        job: await db().bookJob.findUniqueOrThrow({ where: { id: jobId } }),
        chapters: await db().chapter.findMany({ where: { bookId }, orderBy: { order: "asc" } }),
        events: await db().webhookEvent.findMany({
          where: { eventKey: { startsWith: `${jobId}:` } },
          orderBy: { id: "asc" },
        }),
      });

    it("saves the crew result once; replayed and duplicated deliveries change nothing", async () => {
      const { job, book, kickoffId } = await waitingCrewJob("crew-replay");
      const delivery = {
        kickoff_id: kickoffId,
        result: defaultCrewMarkdown,
        token_usage: { total_tokens: 30, prompt_tokens: 20, completion_tokens: 10 },
        meta: { jobId: job.id },
      };
      const first = await post(job.id, delivery, `kind=crew&token=${secret}`);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ ok: true, status: "processed", kind: "crew" });
      expect(await db().chapter.count({ where: { bookId: book.id, status: "DONE" } })).toBe(3);
      expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).tokenUsage).toEqual({
        promptTokens: 20,
        completionTokens: 10,
        totalTokens: 30,
      });
      const after = await snapshot(job.id, book.id);

      // The same delivery again (a replay), twice at once (a duplicate), and through the header.
      const replays = await Promise.all([
        post(job.id, delivery, `kind=crew&token=${secret}`),
        post(job.id, delivery, `kind=crew&token=${secret}`),
        fetch(`${app().url}/api/webhooks/crewai/${job.id}?kind=crew`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-webhook-token": secret },
          body: JSON.stringify(delivery),
        }),
      ]);
      for (const replay of replays) {
        expect(replay.status).toBe(200);
        expect(await replay.json()).toMatchObject({ status: "duplicate" });
      }
      expect(await snapshot(job.id, book.id)).toBe(after);

      // A different delivery with the same result (e.g. re-sent with new meta) adds no chapters or tokens.
      const again = await post(job.id, { ...delivery, meta: { retry: 1 } }, `kind=crew&token=${secret}`);
      expect(await again.json()).toMatchObject({ status: "processed" });
      expect(await db().chapter.count({ where: { bookId: book.id } })).toBe(3);
      expect((await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).tokenUsage).toEqual({
        promptTokens: 20,
        completionTokens: 10,
        totalTokens: 30,
      });
    });

    it("records step and task deliveries as live progress", async () => {
      const { job, kickoffId } = await waitingCrewJob("crew-progress");
      const step = await post(
        job.id,
        { kickoff_id: kickoffId, thought: "Outlining chapter two", tool: "write" },
        `kind=step&token=${secret}`,
      );
      expect(step.status).toBe(200);
      let details = (await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).progressDetails as {
        recentText: string;
        message: string;
      };
      expect(details.recentText).toBe("Outlining chapter two");
      const task = await post(
        job.id,
        { kickoff_id: kickoffId, name: "Chapter 2", output: "Each tool has a story." },
        `token=${secret}`,
      );
      expect(await task.json()).toMatchObject({ status: "processed", kind: "task" });
      details = (await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).progressDetails as {
        recentText: string;
        message: string;
      };
      expect(details).toMatchObject({ message: "CrewAI: finished Chapter 2", recentText: "Each tool has a story." });
    });

    it("refuses a wrong or missing secret, another run's id and a malformed body, changing nothing", async () => {
      const { job, book, kickoffId } = await waitingCrewJob("crew-attack");
      const other = await waitingCrewJob("crew-other");
      const before = await snapshot(job.id, book.id);
      const body = { kickoff_id: kickoffId, result: defaultCrewMarkdown };
      const cases: [Promise<Response>, number, string][] = [
        [post(job.id, body, "kind=crew"), 401, "UNAUTHENTICATED"],
        [post(job.id, body, "kind=crew&token=wrong"), 401, "UNAUTHENTICATED"],
        [post(job.id, body, `kind=crew&token=${secret}x`), 401, "UNAUTHENTICATED"],
        [post("no-such-job", body, `kind=crew&token=${secret}`), 401, "UNAUTHENTICATED"],
        [post(job.id, { ...body, kickoff_id: other.kickoffId }, `kind=crew&token=${secret}`), 409, "CONFLICT"],
        [post(job.id, "{not json", `kind=crew&token=${secret}`), 400, "INVALID_JSON"],
        [post(job.id, { result: "x" }, `kind=crew&token=${secret}`), 400, "VALIDATION_FAILED"],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        expect(response.status).toBe(status);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
      }
      expect(await snapshot(job.id, book.id)).toBe(before);
      expect(await db().chapter.count({ where: { bookId: other.book.id } })).toBe(0);
    });
  });
});
