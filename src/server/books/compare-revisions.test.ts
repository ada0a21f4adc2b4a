import { describe, expect, it } from "vitest";
import { COMPARE_TEXT_BUDGET, compareVersions } from "./compare-revisions";
import type { VersionText } from "./revision-chapters";

/** A chapter of `words` distinct words ("w1-3 w1-4 …"), in paragraphs of 100 words. */
function chapterText(chapter: number, words: number): string {
  const paragraphs: string[] = [];
  for (let start = 0; start < words; start += 100) {
    const line: string[] = [];
    for (let i = start; i < Math.min(words, start + 100); i += 1) line.push(`w${chapter}-${i}`);
    paragraphs.push(line.join(" "));
  }
  return paragraphs.join("\n\n");
}

function book(chapters: number, words: number): VersionText {
  return {
    title: "Big Book",
    chapters: Array.from({ length: chapters }, (_, i) => ({
      id: `c${i}`,
      title: `Chapter ${i + 1}`,
      content: chapterText(i, words),
    })),
  };
}

describe("compareVersions", () => {
  it("answers a 100,000-word book with one word changed in kilobytes: unchanged chapters collapsed", () => {
    const before = book(50, 2000);
    const after = structuredClone(before);
    after.chapters[24]!.content = after.chapters[24]!.content.replace("w24-1000", "changed");
    const compared = compareVersions(before, after);
    const size = JSON.stringify(compared).length;
    expect(size).toBeLessThan(12_000);
    expect(compared.chapters).toHaveLength(50);
    expect(compared.chapters.filter((c) => c.status === "unchanged")).toHaveLength(49);
    expect(compared.chapters.every((c) => c.status === "changed" || c.runs === null)).toBe(true);
    const changed = compared.chapters[24]!;
    expect(changed).toMatchObject({ status: "changed", wordsAdded: 1, wordsRemoved: 1, words: 2000 });
    expect(changed.runs).toContainEqual({ type: "removed", text: "w24-1000" });
    expect(changed.runs).toContainEqual({ type: "added", text: "changed" });
    // The words left out plus the words shown add back up to the chapter.
    const skipped = changed.runs!.reduce((sum, r) => sum + (r.type === "skip" ? r.words : 0), 0);
    expect(skipped).toBeGreaterThan(1900);
  });

  it("keeps the whole answer under its budget when every chapter was rewritten: the rest come back truncated", () => {
    const before = book(50, 2000);
    const after = book(50, 2000);
    for (const chapter of after.chapters) chapter.content = chapter.content.replace(/-/g, "_");
    const compared = compareVersions(before, after);
    expect(JSON.stringify(compared).length).toBeLessThan(COMPARE_TEXT_BUDGET * 1.2);
    expect(compared.chapters.some((c) => c.truncated && c.runs === null)).toBe(true);
    expect(compared.chapters.every((c) => c.status === "changed")).toBe(true);
    // Asked for alone, a truncated chapter comes back whole.
    const last = compareVersions(before, after, 50);
    expect(last.chapters).toHaveLength(1);
    expect(last.chapters[0]!.runs!.filter((r) => r.type === "added").length).toBeGreaterThan(0);
  });

  it("pairs chapters by position when a version recorded no ids; extra chapters read added or removed", () => {
    const before: VersionText = {
      title: "T",
      chapters: [
        { id: null, title: "One", content: "alpha beta" },
        { id: null, title: "Two", content: "gamma" },
      ],
    };
    const after: VersionText = {
      title: "T2",
      chapters: [
        { id: "a", title: "One!", content: "alpha beta" },
        { id: "b", title: "Two", content: "gamma" },
        { id: "c", title: "Three", content: "delta epsilon" },
      ],
    };
    const compared = compareVersions(before, after);
    expect(compared.chapters.map((c) => [c.status, c.titleBefore])).toEqual([
      ["changed", "One"],
      ["unchanged", null],
      ["added", null],
    ]);
    expect(compared.chapters[2]).toMatchObject({ wordsAdded: 2, runs: [{ type: "added", text: "delta epsilon" }] });
    expect(compared).toMatchObject({ title: "T2", titleBefore: "T", wordsAdded: 2, wordsRemoved: 0 });
    const back = compareVersions(after, before);
    expect(back.chapters[2]).toMatchObject({ status: "removed", wordsRemoved: 2, number: 3 });
  });
});
