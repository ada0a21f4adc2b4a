import "server-only";
import type { Chapter, ReaderBook } from "@/contracts/books";
import type { BookArea } from "@/lib/book-paths";
import { loadBook } from "./load-book";

/** A book (as loadBook reads it, with the caller's access) and one of its chapters, or null when either is not there. */
export async function loadChapter(
  bookId: string,
  chapterId: string,
  area: BookArea,
): Promise<{ detail: ReaderBook; chapter: Chapter } | null> {
  const detail = await loadBook(bookId, area);
  const chapter = detail?.chapters.find((c) => c.id === chapterId);
  return detail && chapter ? { detail, chapter } : null;
}
