import { describe, expect, it } from "vitest";
import { anchoredRanges, splitByFindings, splitByMarks } from "./split-by-findings";

const join = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("splitByFindings", () => {
  it("returns the whole text as one plain segment when no finding touches it", () => {
    const segments = splitByFindings("Hello world", 10, [{ id: "a", start: 0, end: 5 }]);
    expect(segments).toEqual([{ text: "Hello world", start: 10, end: 21, findingIds: [] }]);
  });

  it("cuts a finding out of the middle using source offsets", () => {
    // "I recieve a apple." starts at offset 100 of the chapter.
    const text = "I recieve a apple.";
    const segments = splitByFindings(text, 100, [
      { id: "spell", start: 102, end: 109 },
      { id: "grammar", start: 110, end: 117 },
    ]);
    expect(segments).toEqual([
      { text: "I ", start: 100, end: 102, findingIds: [] },
      { text: "recieve", start: 102, end: 109, findingIds: ["spell"] },
      { text: " ", start: 109, end: 110, findingIds: [] },
      { text: "a apple", start: 110, end: 117, findingIds: ["grammar"] },
      { text: ".", start: 117, end: 118, findingIds: [] },
    ]);
    expect(join(segments)).toBe(text);
  });

  it("keeps overlapping findings: the shared part lists both", () => {
    const segments = splitByFindings("abcdefgh", 0, [
      { id: "x", start: 1, end: 5 },
      { id: "y", start: 3, end: 7 },
    ]);
    expect(segments.map((s) => [s.text, s.findingIds])).toEqual([
      ["a", []],
      ["bc", ["x"]],
      ["de", ["x", "y"]],
      ["fg", ["y"]],
      ["h", []],
    ]);
  });

  it("clips a finding that starts before or ends after this text node", () => {
    const segments = splitByFindings("world", 6, [{ id: "w", start: 2, end: 8 }]);
    expect(segments).toEqual([
      { text: "wo", start: 6, end: 8, findingIds: ["w"] },
      { text: "rld", start: 8, end: 11, findingIds: [] },
    ]);
  });

  it("ignores empty and reversed ranges and handles a finding covering everything", () => {
    expect(splitByFindings("abc", 0, [{ id: "e", start: 1, end: 1 }]).map((s) => s.findingIds)).toEqual([[]]);
    expect(splitByFindings("abc", 0, [{ id: "r", start: 2, end: 1 }]).map((s) => s.findingIds)).toEqual([[]]);
    expect(splitByFindings("abc", 0, [{ id: "all", start: 0, end: 3 }])).toEqual([
      { text: "abc", start: 0, end: 3, findingIds: ["all"] },
    ]);
    expect(splitByFindings("", 0, [{ id: "a", start: 0, end: 1 }])).toEqual([]);
  });

  it("merges neighbouring runs covered by the same finding set and always joins back to the text", () => {
    const text = "one two three four";
    const segments = splitByFindings(text, 0, [
      { id: "a", start: 0, end: 3 },
      { id: "a2", start: 8, end: 13 },
      { id: "b", start: 4, end: 7 },
    ]);
    expect(join(segments)).toBe(text);
    expect(segments.filter((s) => s.findingIds.length > 0).map((s) => s.text)).toEqual(["one", "two", "three"]);
  });
});

describe("splitByMarks", () => {
  it("cuts at the boundaries of findings and comments alike and says which of each covers a run", () => {
    // "The hive sits in the sun." at offset 20: a comment on "hive sits in", a finding on "sits".
    const text = "The hive sits in the sun.";
    const segments = splitByMarks(text, 20, [{ id: "spell", start: 29, end: 33 }], [{ id: "c1", start: 24, end: 36 }]);
    expect(segments.map((s) => [s.text, s.findingIds, s.commentIds])).toEqual([
      ["The ", [], []],
      ["hive ", [], ["c1"]],
      ["sits", ["spell"], ["c1"]],
      [" in", [], ["c1"]],
      [" the sun.", [], []],
    ]);
    expect(join(segments)).toBe(text);
  });

  it("keeps a finding and a comment apart even when their ids are equal, and overlapping comments together", () => {
    const segments = splitByMarks(
      "abcdef",
      0,
      [{ id: "x", start: 0, end: 2 }],
      [
        { id: "x", start: 1, end: 4 },
        { id: "y", start: 3, end: 6 },
      ],
    );
    expect(segments.map((s) => [s.text, s.findingIds, s.commentIds])).toEqual([
      ["a", ["x"], []],
      ["b", ["x"], ["x"]],
      ["c", [], ["x"]],
      ["d", [], ["x", "y"]],
      ["ef", [], ["y"]],
    ]);
  });

  it("is the plain split when there are no comments, and one plain run when nothing touches the text", () => {
    const findings = [{ id: "a", start: 2, end: 4 }];
    expect(splitByMarks("abcdef", 0, findings, []).map(({ commentIds: _, ...rest }) => rest)).toEqual(
      splitByFindings("abcdef", 0, findings),
    );
    expect(splitByMarks("abc", 10, [], [{ id: "c", start: 0, end: 5 }])).toEqual([
      { text: "abc", start: 10, end: 13, findingIds: [], commentIds: [] },
    ]);
  });
});

describe("anchoredRanges", () => {
  const source = "I recieve a apple.";
  it("keeps findings whose original is still at their offsets", () => {
    expect(
      anchoredRanges(source, [
        { id: "s", startOffset: 2, endOffset: 9, original: "recieve" },
        { id: "g", startOffset: 10, endOffset: 17, original: "a apple" },
      ]),
    ).toEqual([
      { id: "s", start: 2, end: 9 },
      { id: "g", start: 10, end: 17 },
    ]);
  });

  it("drops moved, out-of-range and offset-less findings; keeps one without a quoted original", () => {
    expect(
      anchoredRanges(source, [
        { id: "moved", startOffset: 3, endOffset: 10, original: "recieve" },
        { id: "outside", startOffset: 10, endOffset: 99, original: null },
        { id: "book", startOffset: null, endOffset: null, original: "x" },
        { id: "empty", startOffset: 4, endOffset: 4, original: null },
        { id: "bare", startOffset: 0, endOffset: 1, original: null },
      ]),
    ).toEqual([{ id: "bare", start: 0, end: 1 }]);
  });
});
