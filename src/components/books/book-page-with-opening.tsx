import type { Comment } from "@/contracts/comments";
import type { Correction } from "@/contracts/corrections";
import type { ReaderBook } from "@/contracts/books";
import { BookPage } from "./book-page";
import type { PrerenderedChapter } from "./book-reader";
import { openingChapterHtml } from "./opening-chapter-html";
import { readerChapterClass } from "./reader-chapter-class";
import { withOpeningChapterText } from "./reader-detail";

/**
 * A book's page as the server first sends it, for members (/app/books/:id) and collaborators
 * (/shared/books/:id) alike: only the opening chapter's text, rendered here to HTML with its open findings
 * and comments already marked (`loadMarks` reads them as the reader's lists would). Parsing a 5,000-word
 * chapter with react-markdown in the browser was most of a phone's blocking time on a long book's page,
 * and so was rendering it again there to add the marks, or hydrating it as thousands of elements.
 */
export async function BookPageWithOpening({
  detail,
  loadMarks,
  loadReviewKey,
}: {
  detail: ReaderBook;
  loadMarks: (chapterId: string) => Promise<{ findings: Correction[]; comments: Comment[] }>;
  /** The review state the event stream's first frame will be compared with (see ReviewProvider). */
  loadReviewKey: () => Promise<string | null>;
}) {
  const initial = withOpeningChapterText(detail);
  const first = initial.chapters.find((chapter) => chapter.content !== undefined);
  // The key is read during this render, so before the reader's own loads, which it vouches for.
  const [reviewKey, marks] = await Promise.all([
    loadReviewKey(),
    first?.content !== undefined ? loadMarks(first.id) : null,
  ]);
  let opening: PrerenderedChapter | undefined;
  if (first?.content !== undefined && marks) {
    const { findings, comments } = marks;
    opening = {
      chapterId: first.id,
      updatedAt: first.updatedAt,
      ...openingChapterHtml({
        chapterId: first.id,
        markdown: first.content,
        className: readerChapterClass,
        findings,
        comments,
      }),
    };
  }
  // The opening chapter's Markdown stays on the server: its HTML is what the page shows (see LazyChapterText).
  const chapters = initial.chapters.map((chapter) => {
    if (opening?.chapterId !== chapter.id) return chapter;
    const { content: _markdown, ...summary } = chapter;
    return summary;
  });
  return <BookPage initial={{ ...initial, chapters }} opening={opening} reviewKey={reviewKey} />;
}
