import "server-only";
/**
 * Demotes `#` and `##` headings inside a chapter body to `###` (outside code fences): in the book
 * Markdown, `#` is the title and `##` starts a chapter, so a model's own sub-headings must not split it.
 */
export function demoteChapterHeadings(body: string): string {
  let fence: string | undefined;
  return body
    .split("\n")
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker) {
        if (!fence) fence = marker;
        else if (marker.startsWith(fence[0]!) && marker.length >= fence.length) fence = undefined;
        return line;
      }
      if (fence) return line;
      return line.replace(/^(\s{0,3})#{1,2}(\s)/, "$1###$2");
    })
    .join("\n");
}

/** The whole book as one Markdown document: `# Title`, then `## Chapter` sections in order. */
export function assembleBookMarkdown(title: string, chapters: { title: string; content: string }[]): string {
  const parts = [`# ${title.trim()}`];
  for (const chapter of chapters) {
    parts.push(`## ${chapter.title.trim()}`, demoteChapterHeadings(chapter.content.trim()));
  }
  return `${parts.join("\n\n")}\n`;
}
