import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChapterChecker } from "@/checkers/checker";
import { warmDictionaries } from "@/checkers/dictionaries";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db/client";
import { recordingEnqueue } from "../../../tests/helpers/books";
import { crewPipelineSuite } from "../../../tests/helpers/crewai-pipeline-suite";
import { type CheckerSource, checkersForBook } from "./checkers-for-book";
import { processBookChecks } from "./run-book-check";
import { startCheck } from "./start-check";

// A CrewAI book's thorough check asks the book's own crew for coherence (the crew contract's review
// kickoff, answered by the loopback fake), with no OpenAI-compatible provider configured anywhere; the
// real book checkers of `checkersForBook` run (structure, coherence), beside a small chapter checker.

const suite = crewPipelineSuite();

/** Flags "teh": the chapter checks that must survive a failing crew. */
const tehChecker: ChapterChecker = {
  id: "test",
  supports: () => true,
  async check(markdown) {
    return [...markdown.matchAll(/\bteh\b/g)].map((m) => ({
      type: "SPELLING" as const,
      severity: "ERROR" as const,
      ruleId: "teh",
      checker: "test",
      message: "Misspelt",
      original: m[0],
      suggestions: ["the"],
      startOffset: m.index ?? 0,
      endOffset: (m.index ?? 0) + m[0].length,
    }));
  },
};

/** The book's real book-level checkers (structure, and coherence when the book's engine allows it). */
const withRealBookCheckers: CheckerSource = async (request) => ({
  chapterCheckers: [tehChecker],
  bookCheckers: (await checkersForBook(request)).bookCheckers,
});

const chapterTwo = "On her twenty-fifth birthday, Ada watched teh storm from the quay.";

async function seedCrewBook(ctx: Ctx) {
  const organizationId = ctx.actor.organizationId;
  const book = await db().book.create({
    data: {
      organizationId,
      createdById: ctx.actor.userId,
      title: "Tides",
      topic: "the sea",
      goal: "tell a story",
      engine: "crewai",
      status: "COMPLETED",
      content: "# Tides",
    },
  });
  // Chapters this short are near-empty for the structure checker: it reports them (the other book-level check).
  const chapters = [
    { title: "The Harbour", content: "Ada was thirty years old when she first saw the harbour." },
    { title: "The Storm", content: chapterTwo },
  ];
  for (const [index, chapter] of chapters.entries()) {
    await db().chapter.create({
      data: { bookId: book.id, order: index + 1, ...chapter, status: "DONE", wordBudget: 1000, synopsis: "—" },
    });
  }
  return book.id;
}

async function thoroughCheck(ctx: Ctx, bookId: string) {
  const { enqueue } = recordingEnqueue();
  const run = await startCheck(ctx, bookId, { full: true }, { via: enqueue });
  expect(await processBookChecks({ db: db(), checkers: withRealBookCheckers, cancelPollMs: 20 }, bookId)).toBe("done");
  return db().bookCheckRun.findUniqueOrThrow({ where: { id: run.id } });
}

const bookFindings = (bookId: string) =>
  db().bookCorrection.findMany({ where: { bookId }, orderBy: { createdAt: "asc" } });

// Book names are found with the real dictionaries: load English first.
beforeAll(() => warmDictionaries(["en-US"]), 240_000);

describe("coherence of a CrewAI book, asked of its crew", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = (await suite.crewOrg("crew-coherence")).ctx;
  });
  beforeEach(() => {
    const fake = suite.fake();
    fake.requests.length = 0;
    fake.setBehaviour({ failRun: undefined, failKickoff: undefined, reviewPolls: 0 });
  });

  it("sends the outline and excerpts as a review kickoff and keeps only the findings quoting the text", async () => {
    suite.fake().setBehaviour({
      review: () =>
        JSON.stringify({
          findings: [
            {
              chapterOrder: 2,
              quote: "On her twenty-fifth birthday",
              message: "Chapter 1 says Ada was thirty.",
              severity: "ERROR",
            },
            { chapterOrder: 2, quote: "Ada sailed away on the ferry", message: "Invented quote." },
            { chapterOrder: 1, quote: "On her twenty-fifth birthday", message: "Quote from another chapter." },
          ],
        }),
    });
    const bookId = await seedCrewBook(ctx);
    const run = await thoroughCheck(ctx, bookId);

    expect(run).toMatchObject({ status: "COMPLETED", error: null });
    const kickoff = suite.fake().requests.find((r) => r.path === "/kickoff");
    expect(kickoff?.body.inputs).toMatchObject({ mode: "coherence_review", title: "Tides", language: "en" });
    expect(kickoff?.body.inputs.outline).toContain("2. The Storm");
    expect(kickoff?.body.inputs.excerpts).toContain(chapterTwo);

    const findings = await bookFindings(bookId);
    const coherence = findings.filter((f) => f.checker === "coherence");
    expect(coherence).toHaveLength(1);
    expect(coherence[0]).toMatchObject({
      type: "COHERENCE",
      severity: "ERROR",
      original: "On her twenty-fifth birthday",
      startOffset: 0,
      endOffset: "On her twenty-fifth birthday".length,
    });
    expect(findings.some((f) => f.checker === "structure")).toBe(true);
  });

  it("a failing or unreachable crew skips coherence only: chapter and structure findings are stored", async () => {
    for (const failure of [{ failRun: "Task execution failed: model overloaded" }, { failKickoff: 500 }]) {
      suite.fake().setBehaviour({ failRun: undefined, failKickoff: undefined, ...failure });
      const bookId = await seedCrewBook(ctx);
      const run = await thoroughCheck(ctx, bookId);

      expect(run.status).toBe("COMPLETED");
      expect(run.error).toMatch(/^Skipped: coherence: /);
      const findings = await bookFindings(bookId);
      expect(findings.some((f) => f.checker === "coherence")).toBe(false);
      expect(findings.some((f) => f.checker === "structure")).toBe(true);
      const chapterFindings = await db().chapterCorrection.findMany({ where: { bookId } });
      expect(chapterFindings.map((f) => f.original)).toEqual(["teh"]);
    }
  });

  it("cancelling the check during the review stops the crew's run", { timeout: 30_000 }, async () => {
    suite.fake().setBehaviour({ reviewPolls: 100_000 });
    const bookId = await seedCrewBook(ctx);
    const { enqueue } = recordingEnqueue();
    const run = await startCheck(ctx, bookId, { full: true }, { via: enqueue });
    const working = processBookChecks({ db: db(), checkers: withRealBookCheckers, cancelPollMs: 20 }, bookId);
    await expect.poll(() => suite.fake().requests.some((r) => r.path === "/kickoff"), { timeout: 20_000 }).toBe(true);
    await db().bookCheckRun.update({ where: { id: run.id }, data: { cancelRequestedAt: new Date() } });
    expect(await working).toBe("done");

    expect((await db().bookCheckRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("CANCELLED");
    expect(suite.fake().requests.some((r) => r.method === "POST" && r.path.startsWith("/stop/"))).toBe(true);
    expect(await db().bookCorrection.count({ where: { bookId, checker: "coherence" } })).toBe(0);
  });
});
