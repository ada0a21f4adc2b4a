import type { Link, Nodes, Parent } from "mdast";
import { parseMarkdown } from "@/exporters/parse-markdown";

/**
 * A minimal stand-in for the shared prose extraction (src/checkers/prose-ranges.ts, written in parallel):
 * the prose of a chapter as one segment per block (paragraph, heading, table cell), each with a map from
 * an offset in its text back to the Markdown source. Only `text` nodes are prose: code, inline code, HTML,
 * image sources and link targets are other node types (or attributes) and so never appear; link text does.
 * The integrator replaces this module with prose-ranges.ts; keep it small.
 */
export interface ProseSegment {
  text: string;
  /** UTF-16 offset in `text` → UTF-16 offset in the Markdown source. */
  toSource(offset: number): number;
}

/** Blocks whose text nodes make one segment (sentences do not cross them). */
const SEGMENT_BLOCKS = new Set(["paragraph", "heading", "tableCell"]);

/** YAML front matter (`---` … `---` at the very top) is not prose: blanked with spaces so offsets stay. */
function blankFrontMatter(markdown: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n(---|\.\.\.)\s*(\r?\n|$)/.exec(markdown);
  if (!match) return markdown;
  return match[0].replace(/[^\r\n]/g, " ") + markdown.slice(match[0].length);
}

interface Piece {
  /** Where the piece starts in the segment text. */
  at: number;
  length: number;
  sourceStart: number;
  /** Source length; differs from `length` when the source had escapes or character references. */
  sourceLength: number;
}

export function proseSegments(markdown: string): ProseSegment[] {
  const tree = parseMarkdown(blankFrontMatter(markdown));
  const segments: ProseSegment[] = [];

  const collect = (node: Nodes, pieces: Piece[], parts: string[], length: { value: number }) => {
    if (node.type === "text") {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      pieces.push({ at: length.value, length: node.value.length, sourceStart: start, sourceLength: end - start });
      parts.push(node.value);
      length.value += node.value.length;
      return;
    }
    if (node.type === "link" && isBareUrl(node)) return;
    if ("children" in node)
      for (const child of (node as Parent).children) collect(child as Nodes, pieces, parts, length);
  };

  const walk = (node: Nodes) => {
    if (SEGMENT_BLOCKS.has(node.type)) {
      const pieces: Piece[] = [];
      const parts: string[] = [];
      collect(node, pieces, parts, { value: 0 });
      const text = parts.join("");
      if (text.trim()) segments.push({ text, toSource: (offset) => mapOffset(pieces, offset) });
      return;
    }
    if ("children" in node) for (const child of (node as Parent).children) walk(child as Nodes);
  };
  walk(tree);
  return segments;
}

/** An autolink (`<https://…>`) or GFM literal (`www.x.org`, `a@b.org`): its visible text is the URL itself. */
function isBareUrl(link: Link): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  return only?.type === "text" && link.url.endsWith(only.value);
}

function mapOffset(pieces: Piece[], offset: number): number {
  // Last piece starting at or before the offset (pieces are in text order).
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pieces[mid]!.at <= offset) low = mid;
    else high = mid - 1;
  }
  const piece = pieces[low]!;
  const within = offset - piece.at;
  // An escaped or entity-encoded piece cannot be mapped character by character: clamp into its source.
  if (piece.length === piece.sourceLength) return piece.sourceStart + within;
  return piece.sourceStart + Math.min(within, piece.sourceLength);
}
