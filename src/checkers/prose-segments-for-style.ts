import { proseSegments as proseRanges } from "./prose-ranges";

/**
 * The prose segments of prose-ranges.ts seen through two functions instead of its offset arrays: the
 * style, structure, coherence and LanguageTool checkers map positions in a segment's text back to the
 * Markdown source with them. `toSourceEnd` maps an END offset exactly (after a whole "&eacute;" when a
 * character reference wrote the last character), which `toSource(end - 1) + 1` would not.
 */
export interface ProseSegment {
  text: string;
  /** UTF-16 offset in `text` → UTF-16 offset in the Markdown source where that character starts. */
  toSource(offset: number): number;
  /** Exclusive end offset in `text` → exclusive end offset in the source. */
  toSourceEnd(end: number): number;
}

export function proseSegments(markdown: string): ProseSegment[] {
  return proseRanges(markdown).map((segment) => ({
    text: segment.text,
    toSource: (offset) => segment.offsets[offset] ?? segment.ends[segment.text.length - 1] ?? 0,
    toSourceEnd: (end) => (end > 0 ? segment.ends[end - 1]! : segment.offsets[0]!),
  }));
}
