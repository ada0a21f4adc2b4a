import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadBook } from "@/app/app/books/_server/load-book";
import { loadChapterMarks } from "@/app/app/books/_server/load-chapter-marks";
import { loadReviewKey } from "@/app/app/books/_server/load-review-key";
import { BookPageWithOpening } from "@/components/books/book-page-with-opening";
import { getTranslator } from "@/i18n/server";

type Props = { params: Promise<{ bookId: string }> };

/** The book's title as the page title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await loadBook((await params).bookId, "shared");
  if (!detail) {
    const { t } = await getTranslator();
    return { title: t("notFound.title") };
  }
  return { title: detail.book.title };
}

/** A book shared with the signed-in person, read through the book routes their book role allows. */
export default async function SharedBookRoute({ params }: Props) {
  const detail = await loadBook((await params).bookId, "shared");
  if (!detail) notFound();
  return (
    <BookPageWithOpening
      detail={detail}
      loadMarks={(chapterId) => loadChapterMarks(detail.book.id, chapterId)}
      loadReviewKey={() => loadReviewKey(detail.book.id)}
    />
  );
}
