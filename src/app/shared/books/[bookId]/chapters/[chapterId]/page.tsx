import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadChapter } from "@/app/app/books/_server/load-chapter";
import { ChapterEditor } from "@/components/books/chapter-editor";
import { getTranslator } from "@/i18n/server";

type Props = { params: Promise<{ bookId: string; chapterId: string }> };

/** A chapter of a shared book that the signed-in person may edit; anyone else is answered "not found". */
async function loadEditableChapter(bookId: string, chapterId: string) {
  const loaded = await loadChapter(bookId, chapterId, "shared");
  // A VIEWER or COMMENTER gets no editor page at all (the API refuses their saves too): the book's reader is
  // theirs, its editor does not exist for them.
  return loaded?.detail.access.edit ? loaded : null;
}

/** "Edit chapter N" as the page title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bookId, chapterId } = await params;
  const { t } = await getTranslator();
  const loaded = await loadEditableChapter(bookId, chapterId);
  return { title: loaded ? t("books.editor.title", { number: loaded.chapter.order }) : t("notFound.title") };
}

/** The Markdown editor of one chapter of a book shared with the signed-in person as EDITOR or ADMIN. */
export default async function SharedChapterEditorRoute({ params }: Props) {
  const { bookId, chapterId } = await params;
  const loaded = await loadEditableChapter(bookId, chapterId);
  if (!loaded) notFound();
  const { detail, chapter } = loaded;
  return <ChapterEditor book={detail.book} chapter={chapter} chapters={detail.chapters} job={detail.job} canEdit />;
}
