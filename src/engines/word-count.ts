/**
 * Word counting for Markdown: what a reader would count, so word budgets and the "words written" metric
 * ignore syntax (#, *, >, list markers, table pipes, link targets, HTML tags) but keep the visible text.
 */

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Strips Markdown/HTML syntax and keeps the visible text. */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, "\n")
      // HTML comments and tags.
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<\/?[A-Za-z][^>]*>/g, " ")
      // Fence lines (the code inside is visible text and stays).
      .replace(/^\s*(```|~~~).*$/gm, " ")
      // Reference-style link definitions: `[id]: https://…`.
      .replace(/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gm, " ")
      // Images and links keep their visible text, drop the target.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      // Autolinks: a URL is not prose.
      .replace(/<[a-z]+:\/\/[^>]+>/gi, " ")
      // Thematic breaks and table separator rows.
      .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, " ")
      .replace(/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/gm, " ")
      // Block markers at line start: headings, quotes, list bullets and numbers, task boxes.
      .replace(/^\s{0,3}#{1,6}\s+/gm, "")
      .replace(/^\s{0,3}(>\s?)+/gm, "")
      .replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/gm, "")
      // Inline emphasis, code ticks, strike-through, table pipes.
      .replace(/[*~`|]/g, " ")
      .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, "$1 ")
  );
}

/** Counts the words a reader sees in a Markdown text (tokens containing at least one letter or digit). */
export function countWords(markdown: string): number {
  let count = 0;
  for (const token of markdownToPlainText(markdown).split(/\s+/)) {
    if (token && letterOrDigit.test(token)) count += 1;
  }
  return count;
}
