import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChapterEditor } from "@/components/books/chapter-editor";
import { getTranslator } from "@/i18n/server";
import { loadChapter } from "@/app/app/books/_server/load-chapter";

type Props = { params: Promise<{ bookId: string; chapterId: string }> };

/** "Edit chapter N" as the page title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bookId, chapterId } = await params;
  const { t } = await getTranslator();
  const loaded = await loadChapter(bookId, chapterId, "app");
  return { title: loaded ? t("books.editor.title", { number: loaded.chapter.order }) : t("notFound.title") };
}

/**
 * The Markdown editor of one chapter. A member who may read the book but not edit it (a guest) gets the
 * chapter's read-only notice with the way back, as the reader's own notice says.
 */
export default async function ChapterEditorRoute({ params }: Props) {
  const { bookId, chapterId } = await params;
  const loaded = await loadChapter(bookId, chapterId, "app");
  if (!loaded) notFound();
  const { detail, chapter } = loaded;
  return (
    <ChapterEditor
      book={detail.book}
      chapter={chapter}
      chapters={detail.chapters}
      job={detail.job}
      canEdit={detail.access.edit}
    />
  );
}
