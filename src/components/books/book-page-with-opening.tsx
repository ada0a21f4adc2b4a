import type { ReaderBook } from "@/contracts/books";
import { BookPage } from "./book-page";
import type { PrerenderedChapter } from "./book-reader";
import { MarkdownBody, readerChapterClass } from "./markdown-body";
import { withOpeningChapterText } from "./reader-detail";

/**
 * A book's page as the server first sends it, for members (/app/books/:id) and collaborators
 * (/shared/books/:id) alike: only the opening chapter's text, rendered here to HTML. Parsing a
 * 5,000-word chapter with react-markdown in the browser was most of a phone's blocking time on a long
 * book's page, and without it the reader would wait for the Markdown view before showing any prose.
 */
export function BookPageWithOpening({ detail }: { detail: ReaderBook }) {
  const initial = withOpeningChapterText(detail);
  const first = initial.chapters.find((chapter) => chapter.content !== undefined);
  const opening: PrerenderedChapter | undefined =
    first?.content !== undefined
      ? {
          chapterId: first.id,
          updatedAt: first.updatedAt,
          html: <MarkdownBody markdown={first.content} className={readerChapterClass} />,
        }
      : undefined;
  return <BookPage initial={initial} opening={opening} />;
}
