import type { ReaderBook } from "@/contracts/books";
import type { ReaderDetail } from "./book-reader";

/**
 * The book as the reader's first render needs it: every chapter's title and size (the contents stay
 * complete) but only the opening chapter's text. The rest loads as the reader scrolls or picks a chapter
 * (lazy-chapter-text.tsx), so a 100,000-word book no longer ships as megabytes of HTML and hydration data.
 */
export function withOpeningChapterText(detail: ReaderBook): ReaderDetail {
  const first = detail.chapters.reduce<number | undefined>(
    (lowest, chapter) => (lowest === undefined || chapter.order < lowest ? chapter.order : lowest),
    undefined,
  );
  return {
    ...detail,
    chapters: detail.chapters.map(({ content, ...summary }) =>
      summary.order === first ? { ...summary, content } : summary,
    ),
  };
}
