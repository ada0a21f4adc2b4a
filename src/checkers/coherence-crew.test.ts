import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CrewAiEngine } from "@/engines/crewai-engine";
import { type CrewAiFake, startCrewAiFake } from "../../tests/fakes/crewai-fake";
import type { BookCheckInput } from "./checker";
import { CoherenceAnswerError, createCoherenceCheckerAsking } from "./coherence-checker";
import { coherenceAskForCrew } from "./coherence-engine";

// The coherence checker on a CrewAI crew (the crew contract's review kickoff), against the loopback fake.

let fake: CrewAiFake;
beforeAll(async () => {
  fake = await startCrewAiFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setBehaviour({ failRun: undefined, reviewPolls: 0, review: () => JSON.stringify({ findings: [] }) });
});

const book: BookCheckInput = {
  title: "Tides",
  variant: "fr-FR",
  chapters: [
    {
      id: "c1",
      order: 1,
      title: "Le port",
      synopsis: "Ada arrive.",
      wordBudget: 500,
      markdown: "Ada avait **trente ans**.",
    },
    {
      id: "c2",
      order: 2,
      title: "La tempête",
      synopsis: null,
      wordBudget: 500,
      markdown: "Ada fête ses vingt-cinq ans.",
    },
  ],
};

function crewChecker(settings: Partial<ConstructorParameters<typeof CrewAiEngine>[0]> = {}) {
  const engine = new CrewAiEngine({
    baseUrl: fake.url,
    token: "crew-token",
    pollIntervalMs: 5,
    retryBaseDelayMs: 1,
    ...settings,
  });
  const ask = coherenceAskForCrew(engine);
  if (!ask) throw new Error("a CrewAI engine has a coherence review");
  return createCoherenceCheckerAsking(ask);
}

describe("coherence checker on a CrewAI crew (loopback fake)", () => {
  it("answers the crew's findings that quote the text, with their offsets, in the book's language", async () => {
    fake.setBehaviour({
      review: () =>
        JSON.stringify({
          findings: [
            { chapterOrder: 2, quote: "ses vingt-cinq ans", message: "Le chapitre 1 lui donne trente ans." },
            { chapterTitle: "Le port", quote: "trente ans", message: "Contredit le chapitre 2.", severity: "warning" },
            { chapterOrder: 1, quote: "Ada prend le ferry", message: "Citation inventée." },
          ],
        }),
    });
    const findings = await crewChecker().check(book);
    expect(findings.map((f) => [f.chapterId, f.original, f.severity])).toEqual([
      ["c2", "ses vingt-cinq ans", "WARNING"],
      ["c1", "trente ans", "WARNING"],
    ]);
    const inputs = fake.requests.find((r) => r.path === "/kickoff")?.body.inputs;
    expect(inputs).toMatchObject({ mode: "coherence_review", language: "fr", title: "Tides" });
    expect(inputs.outline).toBe("1. Le port — Ada arrive.\n2. La tempête");
    expect(inputs.excerpts).toContain("### Chapter 2: La tempête\nAda fête ses vingt-cinq ans.");
  });

  it("refuses a review result that is not the findings JSON, and reports a failed run", async () => {
    fake.setBehaviour({ review: () => "The book reads well; I found no contradictions." });
    await expect(crewChecker().check(book)).rejects.toBeInstanceOf(CoherenceAnswerError);
    fake.setBehaviour({ failRun: "Task execution failed" });
    await expect(crewChecker().check(book)).rejects.toMatchObject({ code: "CREW_FAILED" });
  });

  it("stops the crew's run when the check is cancelled or the review outlasts its time limit", async () => {
    fake.setBehaviour({ reviewPolls: 100_000 });
    const abort = new AbortController();
    const cancelled = crewChecker().check({ ...book, signal: abort.signal });
    await expect.poll(() => fake.requests.some((r) => r.path.startsWith("/status/"))).toBe(true);
    abort.abort();
    await expect(cancelled).rejects.toMatchObject({ code: "ABORTED" });
    await expect(crewChecker({ reviewTimeoutMs: 40 }).check(book)).rejects.toMatchObject({ code: "CREW_TIMEOUT" });
    expect(fake.requests.filter((r) => r.path.startsWith("/stop/"))).toHaveLength(2);
  });
});
