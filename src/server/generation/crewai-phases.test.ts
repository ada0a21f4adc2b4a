import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { CrewAiClient } from "@/engines/crewai-client";
import { defaultCrewInputs } from "../../../tests/fakes/crewai-fake";
import { createTestBook, testDeps } from "../../../tests/helpers/books";
import { crewPipelineSuite } from "../../../tests/helpers/crewai-pipeline-suite";
import { cancelJob } from "./cancel-job";
import { runGeneration } from "./run-generation";
import { hashWebhookSecret } from "./write-with-crewai";

// The crew contract through the pipeline: phases from the crew's task names (status and task webhooks),
// the final output checked, and cancel stopping the run on the platform.
describe("the CrewAI pipeline and the book crew contract", () => {
  const { fake, app, crewOrg } = crewPipelineSuite();
  const readJob = (id: string) => db().bookJob.findUniqueOrThrow({ where: { id } });

  it("goes through outline, chapters and finalizing as the crew's tasks run", async () => {
    const { ctx } = await crewOrg("crew-phases", 150);
    const { job } = await createTestBook(ctx, { targetChapters: 3 });
    const seen: string[] = [];
    const running = runGeneration(testDeps({ webhookBaseUrl: app().url }).deps, { bookJobId: job.id });
    await expect
      .poll(
        async () => {
          const status = (await readJob(job.id)).status;
          if (seen.at(-1) !== status) seen.push(status);
          return status === "COMPLETED" || status === "FAILED";
        },
        { timeout: 15_000, interval: 10 },
      )
      .toBe(true);
    expect(await running).toBe("completed");
    expect(seen).toEqual(expect.arrayContaining(["GENERATING_OUTLINE", "WRITING_CHAPTERS", "FINALIZING", "COMPLETED"]));
    expect(seen.indexOf("GENERATING_OUTLINE")).toBeLessThan(seen.indexOf("WRITING_CHAPTERS"));
  });

  it("fails the job clearly when the crew's last task returns something other than the book", async () => {
    fake().setBehaviour({ tasks: [{ name: "planning_task", output: "7-day detailed itinerary with activities" }] });
    try {
      const { ctx } = await crewOrg("crew-not-a-book");
      const { job, book } = await createTestBook(ctx);
      expect(await runGeneration(testDeps({ webhookBaseUrl: app().url }).deps, { bookJobId: job.id })).toBe("failed");
      await fake().flushWebhooks();
      const saved = await readJob(job.id);
      expect(saved).toMatchObject({ status: "FAILED", errorCode: "CREW_RESULT_MISSING" });
      expect(saved.error).toContain("one `##` heading per chapter");
      expect(await db().chapter.count({ where: { bookId: book.id, status: "DONE" } })).toBe(0);
      // The crew webhook with the same result was acknowledged, not saved.
      const crew = fake().webhookDeliveries.find((d) => d.kind === "crew" && d.url.includes(job.id));
      expect(crew?.status).toBe(200);
    } finally {
      fake().setBehaviour({ tasks: undefined });
    }
  });

  it("stops the crew run on the platform when the book is cancelled", async () => {
    fake().setBehaviour({ tasks: Array.from({ length: 50 }, (_, i) => ({ name: `task_${i}` })) });
    try {
      const { ctx } = await crewOrg("crew-cancel", 50);
      const { job, book } = await createTestBook(ctx);
      const running = runGeneration(testDeps({ webhookBaseUrl: app().url, heartbeatMs: 100 }).deps, {
        bookJobId: job.id,
      });
      await expect.poll(async () => (await readJob(job.id)).externalJobId, { timeout: 10_000 }).toBeTruthy();
      const kickoffId = (await readJob(job.id)).externalJobId!;
      await cancelJob(ctx, book.id);
      expect(await running).toBe("cancelled");
      const stops = fake().requests.filter((r) => r.method === "POST" && r.path === `/stop/${kickoffId}`);
      expect(stops.length).toBeGreaterThanOrEqual(1);
      expect(fake().responses.find((r) => r.path === `/stop/${kickoffId}`)).toMatchObject({ status: 200 });
      expect(await readJob(job.id)).toMatchObject({ status: "FAILED", errorCode: "CANCELLED" });
    } finally {
      fake().setBehaviour({ tasks: undefined });
    }
  });

  it("stops the crew of a job no worker runs (released for a retry) straight from the cancel request", async () => {
    const { ctx } = await crewOrg("crew-cancel-idle");
    const { job, book } = await createTestBook(ctx);
    const { kickoffId } = await new CrewAiClient({ baseUrl: fake().url, token: "crew-token" }).kickoff({
      inputs: Object.fromEntries(defaultCrewInputs.map((name) => [name, "x"])),
    });
    await db().bookJob.update({ where: { id: job.id }, data: { externalJobId: kickoffId } });
    await cancelJob(ctx, book.id);
    expect(fake().responses.find((r) => r.path === `/stop/${kickoffId}`)).toMatchObject({
      status: 200,
      body: { status: "stopped", kickoffId },
    });
    expect(await readJob(job.id)).toMatchObject({ status: "FAILED", errorCode: "CANCELLED" });
  });

  describe("task webhooks", () => {
    const secret = "per-job-secret-for-phase-tests";
    const post = (jobId: string, body: unknown) =>
      fetch(`${app().url}/api/webhooks/crewai/${jobId}?kind=task&token=${secret}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    it("move the job forward through the contract's phases, never backwards, ignoring other tasks", async () => {
      const { ctx } = await crewOrg("crew-task-phases");
      const { job } = await createTestBook(ctx);
      const kickoffId = `kick-${job.id}`;
      await db().bookJob.update({
        where: { id: job.id },
        data: { status: "GENERATING_OUTLINE", externalJobId: kickoffId, webhookSecretHash: hashWebhookSecret(secret) },
      });
      const task = (name: string, output: string) => ({ kickoff_id: kickoffId, name, output, agent: "Author" });
      const state = async () => {
        const saved = await readJob(job.id);
        return [saved.status, (saved.progressDetails as { state?: string } | null)?.state];
      };

      // The documented sample's task is not part of the contract: progress only.
      expect((await post(job.id, task("Industry Research Task", "Research report"))).status).toBe(200);
      expect((await readJob(job.id)).status).toBe("GENERATING_OUTLINE");

      expect((await post(job.id, task("outline_book", "1. One\n2. Two"))).status).toBe(200);
      expect(await state()).toEqual(["WRITING_CHAPTERS", "WRITING_CHAPTERS"]);
      expect((await post(job.id, task("write_chapters", "## One\n\nText."))).status).toBe(200);
      expect(await state()).toEqual(["FINALIZING", "FINALIZING"]);
      // A late (re-sent) outline delivery changes nothing.
      expect((await post(job.id, task("outline_book", "1. One (again)"))).status).toBe(200);
      expect((await readJob(job.id)).status).toBe("FINALIZING");
    });
  });
});
