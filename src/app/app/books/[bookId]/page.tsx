import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookPageWithOpening } from "@/components/books/book-page-with-opening";
import { getTranslator } from "@/i18n/server";
import { loadBook } from "@/app/app/books/_server/load-book";
import { loadChapterMarks } from "@/app/app/books/_server/load-chapter-marks";
import { loadReviewKey } from "@/app/app/books/_server/load-review-key";

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

/** A book: live progress while it is being written, then the reader (opening chapter first) with its formats. */
export default async function BookRoute({ params }: Props) {
  const detail = await loadBook((await params).bookId);
  if (!detail) notFound();
  return (
    <BookPageWithOpening
      detail={detail}
      loadMarks={(chapterId) => loadChapterMarks(detail.book.id, chapterId)}
      loadReviewKey={() => loadReviewKey(detail.book.id)}
    />
  );
}
