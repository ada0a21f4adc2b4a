/** A finding's place in a chapter's Markdown source: [start, end) character offsets. */
export type FindingRange = { id: string; start: number; end: number };

/** A run of text and the findings (ids, in the order given) that cover all of it; none for plain text. */
export type Segment = { text: string; start: number; end: number; findingIds: string[] };

/**
 * Splits one piece of text that starts at `textStart` in the source into segments at every finding
 * boundary that falls inside it. Overlapping findings are kept: a segment lists every finding covering it,
 * so a word flagged by both spelling and grammar shows both. Findings outside the text, empty ones and
 * reversed ones are ignored; the segments always join back to the text exactly.
 */
export function splitByFindings(text: string, textStart: number, findings: readonly FindingRange[]): Segment[] {
  const textEnd = textStart + text.length;
  const inside = findings
    .map((f) => ({ id: f.id, start: Math.max(f.start, textStart), end: Math.min(f.end, textEnd) }))
    .filter((f) => f.start < f.end);
  if (text.length === 0) return [];
  if (inside.length === 0) return [{ text, start: textStart, end: textEnd, findingIds: [] }];

  const cuts = new Set<number>([textStart, textEnd]);
  for (const f of inside) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const findingIds = inside.filter((f) => f.start <= start && f.end >= end).map((f) => f.id);
    const previous = segments.at(-1);
    // Neighbouring runs covered by the same findings (or by none) are one segment.
    if (previous && sameIds(previous.findingIds, findingIds)) {
      previous.text += text.slice(start - textStart, end - textStart);
      previous.end = end;
      continue;
    }
    segments.push({ text: text.slice(start - textStart, end - textStart), start, end, findingIds });
  }
  return segments;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The minimum a finding needs to be placed in the text (the wire Correction has all of it). */
export type AnchorableFinding = {
  id: string;
  startOffset: number | null;
  endOffset: number | null;
  original: string | null;
};

/**
 * The findings that still sit where they say in `source`: offsets present and in range, and, when the
 * finding quotes its original text, that text is still there (after an unsaved edit or a stale list, a
 * finding that moved is left out rather than underlining the wrong words).
 */
export function anchoredRanges(source: string, findings: readonly AnchorableFinding[]): FindingRange[] {
  const ranges: FindingRange[] = [];
  for (const f of findings) {
    if (f.startOffset === null || f.endOffset === null) continue;
    if (f.startOffset < 0 || f.endOffset > source.length || f.startOffset >= f.endOffset) continue;
    if (f.original !== null && source.slice(f.startOffset, f.endOffset) !== f.original) continue;
    ranges.push({ id: f.id, start: f.startOffset, end: f.endOffset });
  }
  return ranges;
}

/** A run of text with the findings and the comments that cover all of it (either list may be empty). */
export type MarkedSegment = Segment & { commentIds: string[] };

/**
 * `splitByFindings` over two kinds of ranges at once, findings and open comments, which may overlap each
 * other: one cut at every boundary of either kind, and each segment says which of each covers it, so the
 * reader renders one element per run (an underline, a comment highlight, or both) instead of nesting marks.
 */
export function splitByMarks(
  text: string,
  textStart: number,
  findings: readonly FindingRange[],
  comments: readonly FindingRange[],
): MarkedSegment[] {
  // The kind travels in the id through the split (the prefix keeps a finding and a comment apart even if
  // their ids were equal), and is taken off again below.
  const tagged = [
    ...findings.map((f) => ({ ...f, id: `f${f.id}` })),
    ...comments.map((c) => ({ ...c, id: `c${c.id}` })),
  ];
  return splitByFindings(text, textStart, tagged).map((segment) => ({
    ...segment,
    findingIds: segment.findingIds.filter((id) => id.startsWith("f")).map((id) => id.slice(1)),
    commentIds: segment.findingIds.filter((id) => id.startsWith("c")).map((id) => id.slice(1)),
  }));
}
