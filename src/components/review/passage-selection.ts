// Turning what a reader selected in the rendered book into a passage of a chapter's Markdown (offsets and the
// quoted text), the way comments and suggestions are anchored on the server.

/** A selection inside one chapter of the reader, before it is located in the chapter's Markdown. */
export interface SelectedText {
  chapterId: string;
  text: string;
  /** How many times `text` occurs in the chapter's rendered text before the selection: picks the same one. */
  occurrence: number;
}

/** The chapter selection of the page, or null (nothing selected, or across chapters, or outside the book). */
export function readSelection(root: HTMLElement | null): SelectedText | null {
  const selection = typeof window === "undefined" ? null : window.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const section = (node: Node) =>
    (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>("[data-chapter-id]") ?? null;
  const start = section(range.startContainer);
  if (!start || start !== section(range.endContainer) || !root.contains(start)) return null;
  const text = selection.toString().trim();
  if (!text || text.length > 5000) return null;
  const before = document.createRange();
  before.selectNodeContents(start);
  before.setEnd(range.startContainer, range.startOffset);
  return { chapterId: start.dataset.chapterId ?? "", text, occurrence: countOccurrences(before.toString(), text) };
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * Where the selected text is in the chapter's Markdown: its `occurrence`-th appearance (or the last one when
 * the Markdown has fewer, e.g. a heading's `#` hid one), or null when the selection spans formatting the
 * Markdown writes differently (emphasis, links) and cannot be found verbatim.
 */
export function locateInMarkdown(
  markdown: string,
  selected: Pick<SelectedText, "text" | "occurrence">,
): { startOffset: number; endOffset: number; quote: string } | null {
  const found: number[] = [];
  for (let at = markdown.indexOf(selected.text); at !== -1; at = markdown.indexOf(selected.text, at + 1)) {
    found.push(at);
  }
  const start = found[Math.min(selected.occurrence, found.length - 1)];
  if (start === undefined) return null;
  return { startOffset: start, endOffset: start + selected.text.length, quote: selected.text };
}
