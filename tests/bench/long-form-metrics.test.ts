import { describe, expect, it } from "vitest";
import {
  lengthScore,
  nameInconsistencies,
  type RunResult,
  summaryTable,
  targetsOf,
} from "../../bench/long-form-metrics";

describe("LongWriter's length score S_l", () => {
  it("is 100 on target and falls faster when short than when long", () => {
    expect(lengthScore(1000, 1000)).toBe(100);
    // Long: 1 − (1.3 − 1)/3 = 0.9; short: 1 − (1000/700 − 1)/2 ≈ 0.786.
    expect(lengthScore(1000, 1300)).toBeCloseTo(90, 6);
    expect(lengthScore(1000, 700)).toBeCloseTo(78.571, 2);
    // Half the length scores 50; four times the length scores 0 (clipped), as does nothing at all.
    expect(lengthScore(1000, 500)).toBeCloseTo(50, 6);
    expect(lengthScore(1000, 4000)).toBe(0);
    expect(lengthScore(1000, 9000)).toBe(0);
    expect(lengthScore(1000, 0)).toBe(0);
    expect(lengthScore(0, 10)).toBe(0);
  });
});

describe("name inconsistencies", () => {
  it("counts each chapter × misspelt character once, and nothing for the cast's spellings", () => {
    const chapters = [
      { content: "Helen Voss and Ada Marlow met. Helen Voss smiled." },
      { content: "Helena Voss studied the map. Later Helena Voss and Owen Pyke left." },
      { content: "Thomas Reed came back; Owen Pyke too." },
      { content: null },
    ];
    expect(nameInconsistencies("en", chapters)).toBe(4);
    expect(nameInconsistencies("fr", [{ content: "Margot Thibault et Camille Roussel" }])).toBe(1);
  });
});

/** A 12k/8 sections run that meets every target (the README's run). */
const onTarget: RunResult = {
  label: "12k",
  status: "COMPLETED",
  chapters: 8,
  within: 8,
  score: 98.3,
  words: 11_897,
  target: 12_000,
  wallMs: 2_880,
  longestChapterMs: 2_250,
  chaptersPhaseMs: 2_250,
  promptTokens: 31_609,
  completionTokens: 17_348,
  names: 0,
  added: [],
  worst: "ch 2 at 105 %",
};

describe("the bench's targets (its exit code)", () => {
  it("counts every printed target: within, total, wall time, completion tokens and names", () => {
    expect(targetsOf(onTarget, 30).checks).toEqual({
      within: true,
      total: true,
      wall: true,
      tokens: true,
      names: true,
    });
    // Each target alone fails the run.
    expect(targetsOf({ ...onTarget, within: 7 }, 30).checks.within).toBe(false);
    expect(targetsOf({ ...onTarget, words: 11_000 }, 30).checks.total).toBe(false);
    expect(targetsOf({ ...onTarget, wallMs: 2_250 * 1.52 }, 30).checks.wall).toBe(false);
    expect(targetsOf({ ...onTarget, completionTokens: 20_622 }, 30).checks.tokens).toBe(false);
    expect(targetsOf({ ...onTarget, names: 1 }, 30).checks.names).toBe(false);
    // Prompt tokens carry the bible and context by design: they are printed, not a target.
    expect(Object.values(targetsOf({ ...onTarget, promptTokens: 10_000_000 }, 30).checks).every(Boolean)).toBe(true);
    // Below one chapter per lane the wall-time comparison does not apply, so it is no target.
    expect(targetsOf({ ...onTarget, wallMs: 99_000 }, 4).checks).not.toHaveProperty("wall");
  });

  it("prints the summary as a Markdown table naming the targets a run missed", () => {
    const table = summaryTable(
      [
        { mode: "sections", language: "en", result: onTarget },
        { mode: "single", language: "fr", result: { ...onTarget, words: 10_174, within: 4, wallMs: 4_000, names: 5 } },
      ],
      30,
    );
    expect(table[0]).toMatch(/^\| run \| within ±15 % \| S_l \| total words \| wall \/ longest ch\. \|/);
    expect(table[2]).toBe(
      "| 12k/8 en sections | 100 % | 98.3 | 11,897 (−0.9 %) | 1.28 | 31,609 / 17,348 (≤ 20,621) | 0 | all met |",
    );
    expect(table[3]).toBe(
      "| 12k/8 fr single | 50 % | 98.3 | 10,174 (−15.2 %) | 1.78 | 31,609 / 17,348 (≤ 17,635) | 5 | missed: within, total, wall, names |",
    );
  });
});
