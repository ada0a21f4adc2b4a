import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChapterEditor } from "@/components/books/chapter-editor";
import { getTranslator } from "@/i18n/server";
import { loadBook } from "@/app/app/books/_server/load-book";

type Props = { params: Promise<{ bookId: string; chapterId: string }> };

/** "Edit chapter N" as the page title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bookId, chapterId } = await params;
  const { t } = await getTranslator();
  const chapter = (await loadBook(bookId))?.chapters.find((c) => c.id === chapterId);
  return { title: chapter ? t("books.editor.title", { number: chapter.order }) : t("notFound.title") };
}

/** The Markdown editor of one chapter. */
export default async function ChapterEditorRoute({ params }: Props) {
  const { bookId, chapterId } = await params;
  const detail = await loadBook(bookId);
  const chapter = detail?.chapters.find((c) => c.id === chapterId);
  if (!detail || !chapter) notFound();
  return <ChapterEditor book={detail.book} chapter={chapter} chapters={detail.chapters} job={detail.job} />;
}
