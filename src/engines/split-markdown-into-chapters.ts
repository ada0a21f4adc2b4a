/**
 * Splits a whole book written as one Markdown document (what a remote crew returns) into chapters.
 *
 * Rules, in order:
 *  - Headings inside fenced code blocks are ignored; only ATX headings (`#`, `##`) are recognised.
 *  - With at most one H1, that H1 is the book title (dropped) and chapters are the H2 sections.
 *  - With two or more H1s, chapters are the H1 sections (H2s stay inside them as sub-sections); a first
 *    H1 whose section has no text of its own (a title page) is dropped as the book title.
 *  - Text before the first chapter heading (other than the dropped title) becomes a chapter named
 *    "Introduction" rather than being lost.
 *  - A document without chapter headings is one chapter, named after its H1 if it has one.
 *  - "Chapter 3: Title" / "Chapitre 3 : Titre" keep only "Title": the exporters number chapters themselves.
 */

export interface SplitChapter {
  title: string;
  /** Markdown body without the chapter heading. */
  content: string;
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headingText(raw: string): string {
  const text = raw.replace(/\s+#+\s*$/, "").trim();
  const withoutNumber = text.replace(/^(chapter|chapitre|ch\.)\s+([0-9]+|[ivxlcdm]+)\s*[:.—–-]\s*/i, "").trim();
  return withoutNumber || text;
}

function findHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (!fence) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = undefined;
      return;
    }
    if (fence) return;
    const match = /^\s{0,3}(#{1,2})\s+(.*)$/.exec(line);
    if (match) headings.push({ line: i, level: match[1]!.length, text: headingText(match[2]!) });
  });
  return headings;
}

function body(lines: string[], from: number, to: number): string {
  return lines.slice(from, to).join("\n").trim();
}

/** Splits book Markdown into `{ title, content }` chapters, dropping the book's H1 title. */
export function splitMarkdownIntoChapters(markdown: string): SplitChapter[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const headings = findHeadings(lines);
  const h1s = headings.filter((h) => h.level === 1);
  const chapterLevel = h1s.length >= 2 ? 1 : 2;
  let chapterHeadings = headings.filter((h) => h.level === chapterLevel);
  let bookTitle: Heading | undefined = chapterLevel === 2 ? h1s[0] : undefined;

  if (chapterLevel === 1) {
    const first = chapterHeadings[0]!;
    const second = chapterHeadings[1]!;
    if (!body(lines, first.line + 1, second.line)) {
      bookTitle = first;
      chapterHeadings = chapterHeadings.slice(1);
    }
  }

  if (chapterHeadings.length === 0) {
    const start = bookTitle ? bookTitle.line + 1 : 0;
    const content = [body(lines, 0, bookTitle?.line ?? 0), body(lines, start, lines.length)]
      .filter(Boolean)
      .join("\n\n");
    return content || bookTitle ? [{ title: bookTitle?.text || "Chapter 1", content }] : [];
  }

  const chapters: SplitChapter[] = [];
  const firstLine = chapterHeadings[0]!.line;
  const preamble = lines
    .slice(0, firstLine)
    .filter((_, i) => i !== bookTitle?.line)
    .join("\n")
    .trim();
  if (preamble) chapters.push({ title: "Introduction", content: preamble });
  chapterHeadings.forEach((heading, i) => {
    const end = chapterHeadings[i + 1]?.line ?? lines.length;
    chapters.push({ title: heading.text, content: body(lines, heading.line + 1, end) });
  });
  return chapters;
}
