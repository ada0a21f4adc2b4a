import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { type FindingRange, splitByFindings } from "./split-by-findings";

/** The element a flagged run becomes; the view's `mark` component renders it interactive. */
export const FINDING_TAG = "mark";
/** The hast property (data-finding-ids in the DOM) listing the ids of the findings covering the run. */
export const FINDING_IDS_PROPERTY = "dataFindingIds";

// Text inside these never carries prose findings (the checkers skip code), and a <mark> there would
// change how code reads; inside a link, an interactive mark would nest one control in another.
const SKIPPED = new Set(["code", "pre", "script", "style", "a"]);

/**
 * A rehype plugin for react-markdown: wraps the runs of text that findings cover in <mark> elements.
 * remark keeps each text node's position in the chapter's Markdown source, so a finding's offsets map onto
 * the rendered text. A node's text is not always its source verbatim (backslash escapes, entities, the
 * `> ` of a blockquote's second line), so each character is first aligned with its source offset
 * (`alignToSource`); a node that cannot be aligned is left plain rather than underlining the wrong
 * characters (its findings still show in the Corrections panel).
 */
export function rehypeFindings({ source, ranges }: { source: string; ranges: readonly FindingRange[] }) {
  return (tree: Root) => {
    if (ranges.length === 0) return;
    decorate(tree, source, ranges);
  };
}

function decorate(parent: Root | Element, source: string, ranges: readonly FindingRange[]) {
  const next: (RootContent | ElementContent)[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === "element") {
      if (!SKIPPED.has(child.tagName)) decorate(child, source, ranges);
      next.push(child);
      continue;
    }
    if (child.type !== "text") {
      next.push(child);
      continue;
    }
    const pieces = splitText(child, source, ranges);
    if (pieces === null) {
      next.push(child);
      continue;
    }
    changed = true;
    next.push(...pieces);
  }
  if (changed) parent.children = next as typeof parent.children;
}

function splitText(node: Text, source: string, ranges: readonly FindingRange[]): ElementContent[] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const offsets = alignToSource(node.value, source, start, end);
  if (offsets === null) return null;
  // The findings in the node's own character positions.
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
  const segments = splitByFindings(node.value, 0, local);
  if (segments.every((s) => s.findingIds.length === 0)) return null;
  return segments.map((segment): ElementContent => {
    const text: Text = { type: "text", value: segment.text };
    if (segment.findingIds.length === 0) return text;
    return {
      type: "element",
      tagName: FINDING_TAG,
      properties: { [FINDING_IDS_PROPERTY]: segment.findingIds.join(" ") },
      children: [text],
    };
  });
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
