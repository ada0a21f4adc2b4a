import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { type FindingRange, splitByMarks } from "./split-by-findings";

/** The element a flagged run becomes; the view's `mark` component renders it interactive. */
export const FINDING_TAG = "mark";
/** The hast property (data-finding-ids in the DOM) listing the ids of the findings covering the run. */
export const FINDING_IDS_PROPERTY = "dataFindingIds";
/** The hast property (data-comment-ids in the DOM) listing the ids of the open comments covering the run. */
export const COMMENT_IDS_PROPERTY = "dataCommentIds";

/** What the plugin places: the findings' ranges, and the open comments' passages (both in source offsets). */
type Marks = { findings: readonly FindingRange[]; comments: readonly FindingRange[] };

// Text inside these never carries prose findings (the checkers skip code), and a <mark> there would
// change how code reads; inside a link, an interactive mark would nest one control in another.
const SKIPPED = new Set(["code", "pre", "script", "style", "a"]);

/**
 * A rehype plugin for react-markdown: wraps the runs of text that findings or open comments cover in <mark>
 * elements (one per run, carrying the ids of both kinds, so overlapping marks never nest).
 * remark keeps each text node's position in the chapter's Markdown source, so a finding's offsets map onto
 * the rendered text. A node's text is not always its source verbatim (backslash escapes, entities, the
 * `> ` of a blockquote's second line), so each character is first aligned with its source offset
 * (`alignToSource`); a node that cannot be aligned is left plain rather than underlining the wrong
 * characters (its findings still show in the Corrections panel).
 */
export function rehypeFindings({
  source,
  ranges,
  comments = [],
}: {
  source: string;
  ranges: readonly FindingRange[];
  comments?: readonly FindingRange[];
}) {
  return (tree: Root) => {
    if (ranges.length === 0 && comments.length === 0) return;
    decorate(tree, source, { findings: ranges, comments });
  };
}

function decorate(parent: Root | Element, source: string, marks: Marks) {
  const next: (RootContent | ElementContent)[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === "element") {
      if (!SKIPPED.has(child.tagName)) decorate(child, source, marks);
      next.push(child);
      continue;
    }
    if (child.type !== "text") {
      next.push(child);
      continue;
    }
    const pieces = splitText(child, source, marks);
    if (pieces === null) {
      next.push(child);
      continue;
    }
    changed = true;
    next.push(...pieces);
  }
  if (changed) parent.children = next as typeof parent.children;
}

function splitText(node: Text, source: string, marks: Marks): ElementContent[] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const offsets = alignToSource(node.value, source, start, end);
  if (offsets === null) return null;
  const segments = splitByMarks(
    node.value,
    0,
    localRanges(marks.findings, offsets, start, end),
    localRanges(marks.comments, offsets, start, end),
  );
  if (segments.every((s) => s.findingIds.length === 0 && s.commentIds.length === 0)) return null;
  return segments.map((segment): ElementContent => {
    const text: Text = { type: "text", value: segment.text };
    if (segment.findingIds.length === 0 && segment.commentIds.length === 0) return text;
    const properties: Record<string, string> = {};
    if (segment.findingIds.length > 0) properties[FINDING_IDS_PROPERTY] = segment.findingIds.join(" ");
    if (segment.commentIds.length > 0) properties[COMMENT_IDS_PROPERTY] = segment.commentIds.join(" ");
    return { type: "element", tagName: FINDING_TAG, properties, children: [text] };
  });
}

/** The ranges that touch a text node [start, end), in the node's own character positions. */
function localRanges(ranges: readonly FindingRange[], offsets: number[], start: number, end: number): FindingRange[] {
  const local: FindingRange[] = [];
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) continue;
    let from = -1;
    let to = -1;
    offsets.forEach((offset, index) => {
      if (offset >= range.start && offset < range.end) {
        if (from < 0) from = index;
        to = index + 1;
      }
    });
    if (from >= 0) local.push({ id: range.id, start: from, end: to });
  }
  return local;
}

/**
 * The source offset of each character of a text node, found by walking its source span and matching the
 * characters in order (what the source has in addition — escape backslashes, entity spellings, line
 * prefixes — is skipped). Null when the text is not a subsequence of its source span.
 */
export function alignToSource(value: string, source: string, start: number, end: number): number[] | null {
  const offsets: number[] = [];
  let cursor = start;
  for (const char of value) {
    // for..of walks code points; keep one offset per UTF-16 unit so indices match the string's.
    let found = -1;
    while (cursor < end) {
      if (source.startsWith(char, cursor)) {
        found = cursor;
        break;
      }
      cursor++;
    }
    if (found < 0) return null;
    for (let unit = 0; unit < char.length; unit++) offsets.push(found + unit);
    cursor = found + char.length;
  }
  return offsets;
}
