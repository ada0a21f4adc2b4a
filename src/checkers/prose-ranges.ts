// The prose of a chapter, as checkers must see it: the text a reader reads, without code, URLs, link
// targets, raw HTML, images or front matter, cut into segments (one per paragraph, heading or table
// cell) that remember, for every UTF-16 unit of their text, where it came from in the Markdown SOURCE.
// Why segments and not text nodes: emphasis splits a sentence into several text nodes ("a **apple**" is
// "a " + "apple"); sentence-level checkers need the sentence whole, so one block's inline text is joined.
import type { Nodes, Parent, Root } from "mdast";
import { parseMarkdown } from "../exporters/parse-markdown";

export interface ProseSegment {
  /** The prose text, markup removed ("a **apple**" → "a apple"). */
  text: string;
  /** offsets[i] is the source offset where text[i] starts… */
  offsets: Int32Array;
  /** …and ends[i] where it ends (after a whole "&eacute;" when a character reference wrote it). */
  ends: Int32Array;
}

export interface SourceRange {
  start: number;
  end: number;
}

// Front matter (YAML "---" or TOML "+++") at the very top of a chapter is metadata, never prose. The parser
// the project uses has no front-matter extension, so it is blanked (same length) before parsing.
const FRONT_MATTER = /^(?:---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The source with its front matter (if any) replaced by spaces, newlines kept: offsets are unchanged. */
export function blankFrontMatter(markdown: string): string {
  const match = FRONT_MATTER.exec(markdown);
  if (!match) return markdown;
  return match[0].replace(/[^\r\n]/g, " ") + markdown.slice(match[0].length);
}

// Block nodes whose phrasing children form one segment.
const SEGMENT_BLOCKS = new Set(["paragraph", "heading", "tableCell"]);
// Inline nodes that are not prose: they end the current segment (their text is not joined across them).
const NOT_PROSE_INLINE = new Set(["inlineCode", "html", "image", "imageReference", "footnoteReference", "inlineMath"]);
// Block nodes that are never prose.
const NOT_PROSE_BLOCK = new Set(["code", "html", "yaml", "toml", "definition", "math"]);

/** The prose segments of a chapter's Markdown, in source order. */
export function proseSegments(markdown: string): ProseSegment[] {
  const source = blankFrontMatter(markdown);
  const tree: Root = parseMarkdown(source);
  const segments: ProseSegment[] = [];
  let text = "";
  let offsets: number[] = [];
  let ends: number[] = [];

  const flush = () => {
    if (/\S/.test(text)) segments.push({ text, offsets: Int32Array.from(offsets), ends: Int32Array.from(ends) });
    text = "";
    offsets = [];
    ends = [];
  };

  const addText = (value: string, start: number, end: number) => {
    const raw = source.slice(start, end);
    if (raw === value) {
      for (let i = 0; i < value.length; i++) {
        offsets.push(start + i);
        ends.push(start + i + 1);
      }
      text += value;
      return;
    }
    // The value differs from its source through escapes ("\*"), character references ("&amp;") or the
    // container prefixes of continuation lines ("> ", list indentation): align greedily.
    let cursor = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charAt(i);
      const found = raw.indexOf(c, cursor);
      if (found !== -1 && found - cursor <= 12) {
        offsets.push(start + found);
        ends.push(start + found + 1);
        cursor = found + 1;
      } else {
        // A character reference: the whole reference stands for this character.
        const from = Math.min(cursor, raw.length - 1);
        offsets.push(start + from);
        if (raw.charAt(cursor) === "&") {
          const semicolon = raw.indexOf(";", cursor);
          cursor = semicolon === -1 ? cursor + 1 : semicolon + 1;
        }
        ends.push(start + Math.max(cursor, from + 1));
      }
    }
    text += value;
  };

  const walkInline = (node: Nodes) => {
    if (node.type === "text") {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return flush();
      addText(node.value, start, end);
      return;
    }
    if (node.type === "break") {
      // A hard line break reads as a space between words.
      const start = node.position?.start.offset ?? 0;
      text += " ";
      offsets.push(start);
      ends.push(start + 1);
      return;
    }
    if (NOT_PROSE_INLINE.has(node.type)) return flush();
    if (node.type === "link" && isBareUrl(node)) return flush();
    if ("children" in node) for (const child of (node as Parent).children) walkInline(child as Nodes);
  };

  const walkBlock = (node: Nodes) => {
    if (NOT_PROSE_BLOCK.has(node.type)) return;
    if (SEGMENT_BLOCKS.has(node.type)) {
      flush();
      for (const child of (node as Parent).children) walkInline(child as Nodes);
      flush();
      return;
    }
    if ("children" in node) for (const child of (node as Parent).children) walkBlock(child as Nodes);
  };

  walkBlock(tree);
  flush();
  return segments;
}

/** The source range of [start, end) of a segment's text (end exclusive). */
export function toSourceRange(segment: ProseSegment, start: number, end: number): SourceRange {
  const sourceStart = segment.offsets[start]!;
  const sourceEnd = end > start ? segment.ends[end - 1]! : sourceStart;
  return { start: sourceStart, end: sourceEnd };
}

export interface WordToken {
  word: string;
  /** Offsets in the segment's text. */
  start: number;
  end: number;
}

// A word: letters (with combining marks) or digits, joined by inner apostrophes (' ’) or hyphens.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-‑][\p{L}\p{M}\p{N}]+)*/gu;

/** The words of a text with their offsets in it. */
export function tokenizeWords(text: string): WordToken[] {
  const words: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** Whether a word at [start, end) of `text` is the first of its sentence (nothing but quotes, brackets or dashes after a sentence end). */
export function isSentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s"'“”‘’«»()[\]*_—–-]/.test(text.charAt(i))) i--;
  return i < 0 || /[.!?…:]/.test(text.charAt(i));
}

/** Whether the whitespace-delimited run around [start, end) looks like a URL, a domain or an e-mail address. */
export function isInUrlOrEmail(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/\s/.test(text.charAt(from - 1))) from--;
  let to = end;
  while (to < text.length && !/\s/.test(text.charAt(to))) to++;
  const run = text.slice(from, to).replace(/^[("'“‘«]+|[)"'”’».,;:!?]+$/g, "");
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(run) ||
    /^www\./i.test(run) ||
    /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(run) ||
    /^(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|fr|uk|de|edu|gov|info|app|co)(?:\/\S*)?$/i.test(run)
  );
}

function isBareUrl(link: { url: string; children: Nodes[] }): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  if (only?.type !== "text") return false;
  const value = only.value;
  return value === link.url || `mailto:${value}` === link.url || `http://${value}` === link.url;
}
