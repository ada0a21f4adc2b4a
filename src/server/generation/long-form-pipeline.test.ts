import { beforeAll, describe, expect, it } from "vitest";
import { warmDictionaries } from "@/checkers/dictionaries";
import { readStoredSections } from "@/engines/long-form/section-plan";
import { countWords } from "@/engines/word-count";
import { db } from "@/server/db/client";
import { openAiPipelineSuite } from "../../../tests/helpers/openai-fake-suite";
import { createTestBook, recordingEnqueue, testDeps } from "../../../tests/helpers/books";
import { cancelJob } from "./cancel-job";
import { jobView } from "./job-view";
import { retryJob } from "./retry-job";
import type { ProgressDetails } from "./job-progress";
import { runGeneration } from "./run-generation";

// The sectioned pipeline (lengthControl "sections", the default for chat engines) against the loopback
// OpenAI-compatible fake: section plans, the book bible in every prompt, writing to length, resume at the
// section after a killed worker, cancel keeping finished sections, bad plans repaired or failed clearly.
const API_KEY = "sk-test-long-form";

const lastUser = (request: { body: { messages: { role: string; content: string }[] } }) =>
  [...request.body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
const isPlan = (r: { body: { stream?: boolean; messages: unknown } }) =>
  r.body.stream !== true && JSON.stringify(r.body.messages).includes('{\\"sections\\":[');
const isBible = (r: { body: { stream?: boolean; messages: unknown } }) =>
  r.body.stream !== true && JSON.stringify(r.body.messages).includes("pointOfView");
const sectionRequests = <T extends { body: { stream?: boolean } }>(requests: T[]) =>
  requests.filter((r) => r.body.stream === true);

const WORDS = "Ada walked into the workshop and named each tool aloud before she touched it. ";
/** About `n` words in paragraphs of ~50. */
const prose = (n: number) => {
  const words = WORDS.trim().split(" ");
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${i > 0 && i % 50 === 0 ? "\n\n" : ""}${words[i % words.length]}`);
  return out.join(" ").replace(/ \n\n/g, "\n\n");
};

/**
 * The state a worker killed mid-chapter leaves: outline and bible saved, chapter 1 planned in three sections
 * of 300 words, the first one written (`written`), the job still WRITING_CHAPTERS with no recent heartbeat.
 */
async function leaveKilledAfterFirstSection(
  bookId: string,
  jobId: string,
  written: string,
  bibleAdditions?: { characters: { name: string; role: string }[]; terms: never[] },
) {
  await db().book.update({
    where: { id: bookId },
    data: { bible: { characters: [{ name: "Bartholomew Quill", role: "the carpenter" }] } },
  });
  await db().chapter.create({
    data: {
      bookId,
      order: 1,
      title: "First cuts",
      synopsis: "The first cuts.",
      wordBudget: 900,
      status: "WRITING",
      ...(bibleAdditions ? { bibleAdditions } : {}),
      sections: [1, 2, 3].map((order) => ({
        order,
        point: `Point ${order}`,
        wordBudget: 300,
        status: order === 1 ? "DONE" : "PENDING",
        content: order === 1 ? written : "",
        wordCount: order === 1 ? countWords(written) : 0,
        tokenUsage: null,
      })),
    },
  });
  await db().bookJob.update({
    where: { id: jobId },
    data: { status: "WRITING_CHAPTERS", attempts: 1, updatedAt: new Date(Date.now() - 60_000) },
  });
}

describe("the pipeline writing with sections", () => {
  const { fake, openAiOrg } = openAiPipelineSuite(API_KEY);
  // Sections that name someone new are checked against the dictionary (loaded once, as a worker does at start).
  beforeAll(() => warmDictionaries(["en-US", "fr-FR"]), 180_000);

  it("plans sections, writes them to budget with the bible in every prompt, reports budgets and tokens", async () => {
    fake.setBehaviour({ script: [], respond: undefined, chunkDelayMs: 0 });
    const { ctx } = await openAiOrg("lf-happy");
    const { book, job } = await createTestBook(ctx, { targetChapters: 2, targetWords: 2000 });
    const since = fake.requests.length;
    const { deps } = testDeps({ sectionWords: 400 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const requests = fake.requests.slice(since);
    expect(requests.filter(isBible)).toHaveLength(1);
    expect(requests.filter(isPlan)).toHaveLength(2);
    // 1000 words a chapter, sections of at most 400: 3 sections each, one request each (the fake obeys).
    const sections = sectionRequests(requests);
    expect(sections).toHaveLength(6);
    for (const request of sections) {
      const prompt = JSON.stringify(request.body.messages);
      expect(prompt).toContain("Ada Lovelace"); // the bible's fixed spelling
      expect(prompt).toContain("Plan of this chapter");
      expect(request.body.max_tokens).toBeGreaterThan(0);
    }
    // A later section of a chapter carries the text written so far (chapters run in parallel: find one).
    const second = sections.find((r) => lastUser(r as never).includes("Write section 2 of 3"));
    expect(JSON.stringify(second!.body.messages)).toContain("The chapter so far");
    // max_tokens is sized from the words asked: ≈ words ÷ 0.75 × 1.3 + margin.
    for (const request of sections) {
      const asked = Number(/in about (\d+) words/.exec(lastUser(request as never))?.[1]);
      expect(request.body.max_tokens).toBe(Math.ceil((asked / 0.75) * 1.3) + 64);
    }

    const saved = await db().book.findUniqueOrThrow({ where: { id: book.id } });
    expect(saved.bible).toMatchObject({ characters: [{ name: "Ada Lovelace" }] });
    const chapters = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    for (const chapter of chapters) {
      expect(chapter.status).toBe("DONE");
      expect(Math.abs(chapter.wordCount - 1000)).toBeLessThanOrEqual(150);
      const stored = readStoredSections(chapter.sections)!;
      expect(stored).toHaveLength(3);
      expect(stored.reduce((a, s) => a + s.wordBudget, 0)).toBe(1000);
      expect(stored.every((s) => s.status === "DONE")).toBe(true);
    }

    const view = jobView(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } }));
    expect(view.tokenUsage!.totalTokens).toBe(view.tokenUsage!.promptTokens + view.tokenUsage!.completionTokens);
    expect(view.tokenUsage!.completionTokens).toBeGreaterThan(1500);
    const report = view.progressDetails!.budgetReport!;
    expect(report.missed).toEqual([]);
    expect(report.chapters.map((c) => c.withinTolerance)).toEqual([true, true]);
    expect(view.progressDetails!.chapters[0]).toMatchObject({ sectionsDone: 3, sectionsTotal: 3 });
  });

  it("continues a section that comes back short and cuts one that comes back long at a paragraph", async () => {
    // Section 1 of each chapter: 40 % of what was asked, then the continuation fills it. Section 2: twice as long.
    const seen = new Map<string, number>();
    fake.setBehaviour({
      script: [],
      respond: ({ lastUserMessage, body }) => {
        if (body.stream !== true) return undefined;
        const asked = Number(
          /in about (\d+) words|about (\d+) more words/.exec(lastUserMessage)?.slice(1).find(Boolean),
        );
        const key = /Write section (\d+)/.exec(lastUserMessage)?.[1] ?? "continuation";
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (key === "1") return { content: prose(Math.round(asked * 0.4)) };
        if (key === "2") return { content: prose(asked * 2) };
        return { content: prose(asked) };
      },
    });
    const { ctx } = await openAiOrg("lf-length");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 1000 });
    const since = fake.requests.length;
    const { deps } = testDeps({ sectionWords: 500, concurrency: 1 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const streamed = sectionRequests(fake.requests.slice(since));
    // Section 1, its continuation (the assistant's text goes back with a request to go on), section 2.
    expect(streamed).toHaveLength(3);
    expect(lastUser(streamed[1] as never)).toMatch(/Continue it exactly where it stops/);
    expect((streamed[1]!.body.messages as { role: string }[]).some((m) => m.role === "assistant")).toBe(true);
    // The long section was not rewritten: cut, with no request for it.
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const stored = readStoredSections(chapter.sections)!;
    expect(stored[0]!.wordCount).toBeGreaterThanOrEqual(425);
    expect(stored[1]!.wordCount).toBeLessThanOrEqual(Math.round(stored[1]!.wordBudget * 1.5 * 1.15));
    // Cut at a paragraph boundary: the fake's paragraphs are 50 words each.
    expect(stored[1]!.wordCount % 50).toBe(0);
    expect(Math.abs(chapter.wordCount - 1000)).toBeLessThanOrEqual(150);
    expect(countWords(chapter.content)).toBe(chapter.wordCount);
  });

  it("reports, never hides, a chapter the model keeps writing too short", async () => {
    fake.setBehaviour({
      script: [],
      respond: ({ body }) => (body.stream === true ? { content: prose(30) } : undefined),
    });
    const { ctx } = await openAiOrg("lf-short");
    const { job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 600 });
    const { deps, logs } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const view = jobView(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } }));
    const report = view.progressDetails!.budgetReport!;
    expect(report.missed).toEqual([1]);
    expect(report.chapters[0]).toMatchObject({ order: 1, budget: 600, withinTolerance: false });
    expect(report.chapters[0]!.deviation).toBeLessThan(-0.15);
    expect(logs.some((line) => line.includes("missed their word budget"))).toBe(true);
  });

  it("rescales plan budgets that do not add up and re-splits an oversized section", async () => {
    fake.setBehaviour({
      script: [],
      respond: ({ body, prompt }) =>
        body.stream !== true && prompt.includes('{"sections":[')
          ? {
              content: JSON.stringify({
                sections: [
                  { point: "Tools", wordBudget: 100 },
                  { point: "Wood", wordBudget: 300 },
                ],
              }),
            }
          : undefined,
    });
    const { ctx } = await openAiOrg("lf-rescale");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 1200 });
    const { deps } = testDeps({ sectionWords: 500 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const stored = readStoredSections(chapter.sections)!;
    // 100:300 of 1200 → 300 and 900; 900 > 500 is split in two.
    expect(stored.map((s) => s.point)).toEqual(["Tools", "Wood (1/2)", "Wood (2/2)"]);
    expect(stored.reduce((a, s) => a + s.wordBudget, 0)).toBe(1200);
    expect(Math.abs(stored[0]!.wordBudget - 300)).toBeLessThanOrEqual(1);
    expect(stored.every((s) => s.wordBudget <= 500)).toBe(true);
  });

  it("retries a non-JSON plan once with the error fed back, then fails clearly on zero sections", async () => {
    let plans = 0;
    fake.setBehaviour({
      script: [],
      respond: ({ body, prompt }) => {
        if (body.stream === true || !prompt.includes('{"sections":[')) return undefined;
        plans++;
        return { content: plans === 1 ? "Here is my plan: first the tools, then the wood." : '{"sections":[]}' };
      },
    });
    const { ctx } = await openAiOrg("lf-badplan");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 600 });
    const since = fake.requests.length;
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    expect(plans).toBe(2);
    const planRequests = fake.requests.slice(since).filter(isPlan);
    expect(JSON.stringify(planRequests[1]!.body.messages)).toContain("not valid JSON");
    const saved = await db().bookJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(saved).toMatchObject({ status: "FAILED", errorCode: "INVALID_SECTION_PLAN", attempts: 1 });
    expect(saved.error).toContain("no sections");
    expect(sectionRequests(fake.requests.slice(since))).toHaveLength(0);
    expect((await db().chapter.findFirstOrThrow({ where: { bookId: book.id } })).sections).toBeNull();
  });

  it("resumes at the section after a killed worker, keeping the finished sections", async () => {
    fake.setBehaviour({ script: [], respond: undefined });
    const { ctx } = await openAiOrg("lf-resume");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 900 });
    const written = prose(300);
    await leaveKilledAfterFirstSection(book.id, job.id, written);
    const since = fake.requests.length;
    const { deps } = testDeps({ leaseSeconds: 5 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const requests = fake.requests.slice(since);
    // No outline, bible or plan call; only sections 2 and 3, carrying section 1's text and the stored bible.
    expect(requests.filter((r) => r.body.stream !== true)).toHaveLength(0);
    const streamed = sectionRequests(requests);
    expect(streamed.map((r) => /Write section (\d) of 3/.exec(lastUser(r as never))?.[1])).toEqual(["2", "3"]);
    expect(JSON.stringify(streamed[0]!.body.messages)).toContain(written.slice(0, 200));
    expect(JSON.stringify(streamed[0]!.body.messages)).toContain("Bartholomew Quill");
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    expect(chapter.status).toBe("DONE");
    expect(chapter.content.startsWith(written)).toBe(true);
  });

  it("a retried job writes with the stored bible (the author's edits included): no new bible, every section told it", async () => {
    // The bible as an author left it after editing; the first run fails on its first section (401).
    const edited = { characters: [{ name: "Philippa Ashgrove", role: "the boat's owner" }], terms: [], facts: [] };
    const behave = { kind: "reject-param", param: "not_a_parameter" } as const;
    fake.setBehaviour({ script: [behave, behave, { kind: "unauthorized" }], respond: undefined });
    const { ctx } = await openAiOrg("lf-retry-bible");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 800 });
    await db().book.update({ where: { id: book.id }, data: { bible: edited } });
    const since = fake.requests.length;
    const { deps } = testDeps({ sectionWords: 400 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("failed");
    expect(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ errorCode: "AUTH" });

    await retryJob(ctx, book.id, { enqueue: recordingEnqueue().enqueue });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const requests = fake.requests.slice(since);
    expect(requests.filter(isBible)).toHaveLength(0);
    const sections = sectionRequests(requests).slice(1); // the refused one, then the retry's
    expect(sections.length).toBeGreaterThanOrEqual(2);
    for (const request of sections) expect(JSON.stringify(request.body.messages)).toContain("Philippa Ashgrove");
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).bible).toMatchObject({
      characters: [{ name: "Philippa Ashgrove" }],
    });
  });

  it("adds the names a chapter's text introduced to its part of the bible; a later chapter's section is told them", async () => {
    // Chapter 1 (written first: one chapter at a time) introduces Nadia Quill and misspells the bible's Ada
    // Lovelace; chapter 2 is written afterwards.
    fake.setBehaviour({
      script: [],
      respond: ({ body, prompt, lastUserMessage }) => {
        if (body.stream !== true) return undefined;
        const asked = Number(/in about (\d+) words/.exec(lastUserMessage)?.[1] ?? 300);
        const opening = prompt.includes('Chapter 1, "')
          ? "That morning Ada Lovelase met Nadia Quill at the workshop door. "
          : "";
        return { content: `${opening}${prose(Math.max(1, asked - countWords(opening)))}` };
      },
    });
    const { ctx } = await openAiOrg("lf-additions");
    const { book, job } = await createTestBook(ctx, { targetChapters: 2, targetWords: 1000 });
    const since = fake.requests.length;
    const { deps } = testDeps({ sectionWords: 500, concurrency: 1 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const chapters = await db().chapter.findMany({ where: { bookId: book.id }, orderBy: { order: "asc" } });
    expect(chapters[0]!.bibleAdditions).toEqual({ characters: [{ name: "Nadia Quill", role: "" }], terms: [] });
    expect(chapters[1]!.bibleAdditions).toEqual({ characters: [], terms: [] });
    const streamed = sectionRequests(fake.requests.slice(since)).map((r) => JSON.stringify(r.body.messages));
    const chapterOne = streamed.filter((p) => p.includes('Chapter 1, \\"'));
    const chapterTwo = streamed.filter((p) => p.includes('Chapter 2, \\"'));
    expect(chapterOne).toHaveLength(1);
    expect(chapterTwo).toHaveLength(1);
    expect(chapterOne[0]).not.toContain("Nadia Quill");
    // The name is in chapter 2's bible lines, with the spellings every section must use.
    expect(lastUser(sectionRequests(fake.requests.slice(since))[1] as never)).toMatch(
      /Names \(use exactly these spellings\): Ada Lovelace \(the guide\); Nadia Quill\n/,
    );
    // The misspelling is drift, not a new name: the bible keeps one spelling.
    expect(streamed.join("")).not.toMatch(/Names[^\n]*Lovelase/);
  });

  it("a resumed chapter keeps the names its finished sections added, once each, and adds its new ones", async () => {
    fake.setBehaviour({
      script: [],
      respond: ({ body, lastUserMessage }) => {
        if (body.stream !== true) return undefined;
        const section = /Write section (\d) of 3/.exec(lastUserMessage)?.[1];
        // Section 2 names Nadia Quill again and introduces Orrin Vale; section 3 names both.
        const opening =
          section === "2"
            ? "Later Nadia Quill handed Orrin Vale the saw. "
            : "Later Orrin Vale and Nadia Quill swept the floor. ";
        return { content: `${opening}${prose(300 - countWords(opening))}` };
      },
    });
    const { ctx } = await openAiOrg("lf-additions-resume");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 900 });
    // A worker killed after saving section 1, which had introduced Nadia Quill (saved with it).
    const written = `That morning Ada met Nadia Quill. ${prose(294)}`;
    const planned = { characters: [{ name: "Ivo Brandt", role: "the planned apprentice" }], terms: [] };
    await leaveKilledAfterFirstSection(book.id, job.id, written, {
      ...planned,
      characters: [...planned.characters, { name: "Nadia Quill", role: "" }],
    });
    const since = fake.requests.length;
    const { deps } = testDeps({ leaseSeconds: 5 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");

    const streamed = sectionRequests(fake.requests.slice(since)).map((r) => lastUser(r as never));
    expect(streamed).toHaveLength(2);
    // Section 2 is written with the additions saved before the kill, section 3 with section 2's too.
    expect(streamed[0]).toContain("Nadia Quill");
    expect(streamed[0]).toContain("Ivo Brandt (the planned apprentice)");
    expect(streamed[0]).not.toContain("Orrin Vale");
    expect(streamed[1]).toContain("Orrin Vale");
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    expect(chapter.status).toBe("DONE");
    expect(chapter.bibleAdditions).toEqual({
      characters: [
        { name: "Ivo Brandt", role: "the planned apprentice" },
        { name: "Nadia Quill", role: "" },
        { name: "Orrin Vale", role: "" },
      ],
      terms: [],
    });
  });

  it("cancels mid-chapter and keeps the finished sections", async () => {
    // Section 1 answers, section 2 never does.
    fake.setBehaviour({ script: [], respond: undefined });
    const { ctx } = await openAiOrg("lf-cancel");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 900 });
    let sectionsSeen = 0;
    fake.setBehaviour({
      respond: ({ body }) => {
        if (body.stream === true && ++sectionsSeen >= 2) fake.setBehaviour({ script: [{ kind: "hang" }] });
        return undefined;
      },
    });
    const { deps } = testDeps({ heartbeatMs: 100, sectionWords: 300 });
    const running = runGeneration(deps, { bookJobId: job.id });
    await expect
      .poll(
        async () => {
          const chapter = await db().chapter.findFirst({ where: { bookId: book.id } });
          return readStoredSections(chapter?.sections)?.filter((s) => s.status === "DONE").length ?? 0;
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBeGreaterThanOrEqual(1);
    // The progress row is written by the tracker on its own beat, a moment after the section itself.
    await expect
      .poll(
        async () =>
          (
            (await db().bookJob.findUniqueOrThrow({ where: { id: job.id } }))
              .progressDetails as unknown as ProgressDetails | null
          )?.chapters[0]?.sectionsTotal,
        { timeout: 15_000, interval: 50 },
      )
      .toBe(3);
    await cancelJob(ctx, book.id);
    expect(await running).toBe("cancelled");
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const stored = readStoredSections(chapter.sections)!;
    expect(stored[0]!.status).toBe("DONE");
    expect(stored[0]!.wordCount).toBeGreaterThan(200);
    expect(chapter.status).not.toBe("DONE");
  });

  it("writes a French book with French plan, bible and section prompts, on budget", async () => {
    fake.setBehaviour({ script: [], respond: undefined });
    const { ctx } = await openAiOrg("lf-french");
    const { book, job } = await createTestBook(ctx, { targetChapters: 1, targetWords: 1500, language: "fr" });
    const since = fake.requests.length;
    const { deps } = testDeps({ sectionWords: 800 });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const requests = fake.requests.slice(since);
    expect(JSON.stringify(requests.find(isBible)!.body.messages)).toContain("Rédigez la bible");
    expect(JSON.stringify(requests.find(isPlan)!.body.messages)).toContain("au plus 800 mots chacune");
    const streamed = sectionRequests(requests);
    expect(streamed).toHaveLength(2);
    expect(lastUser(streamed[0] as never)).toContain("Écrivez la section 1 sur 2");
    expect(lastUser(streamed[0] as never)).toContain("Noms (respectez exactement ces orthographes)");
    const chapter = await db().chapter.findFirstOrThrow({ where: { bookId: book.id } });
    expect(Math.abs(chapter.wordCount - 1500)).toBeLessThanOrEqual(225);
  });

  it("keeps today's one-request-per-chapter path when lengthControl is single", async () => {
    fake.setBehaviour({ script: [], respond: undefined });
    const { ctx } = await openAiOrg("lf-single");
    const { book, job } = await createTestBook(ctx, { targetChapters: 2, targetWords: 2000 });
    const since = fake.requests.length;
    const { deps } = testDeps({ lengthControl: "single" });
    expect(await runGeneration(deps, { bookJobId: job.id })).toBe("completed");
    const requests = fake.requests.slice(since);
    expect(requests.filter((r) => r.body.stream !== true)).toHaveLength(1); // the outline only
    expect(sectionRequests(requests)).toHaveLength(2);
    expect(sectionRequests(requests).every((r) => (r.body as { max_tokens?: number }).max_tokens === undefined)).toBe(
      true,
    );
    expect((await db().book.findUniqueOrThrow({ where: { id: book.id } })).bible).toBeNull();
    const view = jobView(await db().bookJob.findUniqueOrThrow({ where: { id: job.id } }));
    expect(view.progressDetails!.budgetReport!.missed).toEqual([1, 2]); // ~45 words against 1000
  });
});
