import type { Comment } from "@/contracts/comments";
import type { Correction } from "@/contracts/corrections";
import { markedComments } from "@/components/review/review-marks";
import { type AnchorableFinding, anchoredRanges, type FindingRange } from "./split-by-findings";

/** What is marked in a chapter's text: its open findings and its open comments' passages (source offsets). */
export type PassageRanges = { findings: FindingRange[]; comments: FindingRange[] };

type ChapterFinding = AnchorableFinding & { chapterId: string | null };
type MarkableComment = Pick<
  Comment,
  "id" | "chapterId" | "status" | "detached" | "startOffset" | "endOffset" | "quote"
>;

/**
 * The ranges a chapter's text marks, from the book's findings and comments (those of other chapters are left
 * out). Computed the same way by the server for the opening chapter's HTML and by the browser, so both can
 * tell whether the marks already on the page are still the right ones (`passageMarksKey`).
 */
export function passageRanges(
  markdown: string,
  chapterId: string,
  findings: readonly ChapterFinding[],
  comments: readonly MarkableComment[] | null,
): PassageRanges {
  return {
    findings: anchoredRanges(
      markdown,
      findings.filter((f) => f.chapterId === chapterId),
    ),
    comments: anchoredRanges(
      markdown,
      markedComments(comments, chapterId).map((c) => ({ ...c, original: c.quote })),
    ),
  };
}

/** A key that changes only when the ranges do (lists are reloaded whole, often with the same ranges). */
export const rangesKey = (ranges: readonly FindingRange[]) =>
  ranges.map((r) => `${r.id}:${r.start}-${r.end}`).join(",");

/** One key for both kinds of marks of a chapter. */
export const passageMarksKey = ({ findings, comments }: PassageRanges) =>
  `${rangesKey(findings)}|${rangesKey(comments)}`;

/**
 * What a chapter's marks are made from: its findings (place, quoted text, the look of their severity and
 * type) and its open comments' passages, in a canonical order. On the same text, the same source gives the
 * same marks: the browser checks the server's marks of the opening chapter with it, without the chapter's
 * Markdown (which the page then does not need to carry next to the chapter's HTML).
 */
export function passageMarksSource(
  chapterId: string,
  findings: readonly (ChapterFinding & Pick<Correction, "severity" | "type">)[],
  comments: readonly MarkableComment[] | null,
): string {
  const places = [
    ...findings
      .filter((f) => f.chapterId === chapterId)
      .map((f) => JSON.stringify(["f", f.id, f.startOffset, f.endOffset, f.original, f.severity, f.type])),
    ...markedComments(comments, chapterId).map((c) => JSON.stringify(["c", c.id, c.startOffset, c.endOffset, c.quote])),
  ];
  return places.sort().join("\n");
}
