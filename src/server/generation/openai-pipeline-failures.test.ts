import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { openAiPipelineSuite } from "../../../tests/helpers/openai-fake-suite";
import { createTestBook, testDeps } from "../../../tests/helpers/books";
import { runGeneration } from "./run-generation";

// Issue 18, items 10 and 11 through the whole pipeline: failures the author must act on end the job at once,
// with an error code and a message that say what to do, instead of being retried or saved as finished.
const API_KEY = "sk-test-pipeline-failures";
/** A script entry that changes nothing (the parameter is never sent): lets later entries hit chapters. */
const behave = { kind: "reject-param", param: "not_a_parameter" } as const;

describe("the pipeline with the OpenAI-compatible engine, failing for the author to act", () => {
  const { fake, openAiOrg } = openAiPipelineSuite(API_KEY);

  async function bookFor(label: string) {
    const { ctx } = await openAiOrg(label);
    return createTestBook(ctx, { targetChapters: 2, targetWords: 500 });
  }

  it("fails the job at once, without retrying, when the provider account is out of credit", async () => {
    fake.setBehaviour({ script: [{ kind: "quota" }, { kind: "quota" }, { kind: "quota" }] });
    const { job } = await bookFor("oa-quota");
    const since = fake.requests.length;
    expect(await runGeneration(testDeps().deps, { bookJobId: job.id })).toBe("failed");
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "QUOTA_EXHAUSTED" });
    expect(saved.error).toContain("out of credit");
    expect(fake.requests.length - since).toBe(1);
  });

  // One request per chapter (the "single" length control): with sections a cut section is continued and a
  // chapter still short is reported in the budget report instead (long-form-pipeline.test.ts).
  it("fails a chapter the model keeps cutting at its output limit as CHAPTER_TRUNCATED, saving none of it", async () => {
    const cut = { kind: "finish", reason: "length", afterChunks: 2 } as const;
    fake.setBehaviour({ script: [behave, cut, cut, cut] });
    const { job, book } = await bookFor("oa-truncated");
    const { deps } = testDeps({ concurrency: 1, lengthControl: "single" });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "CHAPTER_TRUNCATED" });
    expect(saved.error).toContain('finish_reason "length"');
    expect(await db().chapter.count({ where: { bookId: book.id, status: "DONE" } })).toBe(0);
  });
});
