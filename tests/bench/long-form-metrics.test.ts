import { describe, expect, it } from "vitest";
import { lengthScore, nameInconsistencies } from "../../bench/long-form-metrics";

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
