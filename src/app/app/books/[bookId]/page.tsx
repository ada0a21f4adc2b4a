import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookPage } from "@/components/books/book-page";
import type { PrerenderedChapter } from "@/components/books/book-reader";
import { MarkdownBody, readerChapterClass } from "@/components/books/markdown-body";
import { withOpeningChapterText } from "@/components/books/reader-detail";
import { getTranslator } from "@/i18n/server";
import { loadBook } from "@/app/app/books/_server/load-book";

type Props = { params: Promise<{ bookId: string }> };

/** The book's title as the page title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await loadBook((await params).bookId);
  if (!detail) {
    const { t } = await getTranslator();
    return { title: t("notFound.title") };
  }
  return { title: detail.book.title };
}

/**
 * A book: live progress while it is being written, then the reader (opening chapter first) with its formats.
 * The opening chapter's Markdown is rendered here, on the server: parsing a 5,000-word chapter with
 * react-markdown in the browser was most of a phone's blocking time on a long book's page.
 */
export default async function BookRoute({ params }: Props) {
  const detail = await loadBook((await params).bookId);
  if (!detail) notFound();
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
