import "server-only";
import type { Book as BookJson, Chapter as ChapterJson, ChapterSummary } from "@/contracts/books";
import type { Book, Chapter } from "@/generated/prisma/client";
import { DEMO_ENGINE_LABEL } from "@/engines/demo-engine";
import type { BookBrief } from "@/engines/writing-engine";
import { variantForBook } from "@/checkers/checker";
import { engineInfo } from "./engine-config";

/** The Book columns a book's view is made of (list queries select just these). */
export type BookViewFields = Pick<
  Book,
  | "id"
  | "title"
  | "topic"
  | "goal"
  | "audience"
  | "language"
  | "languageVariant"
  | "tone"
  | "targetChapters"
  | "targetWords"
  | "engine"
  | "isDemoContent"
  | "status"
  | "createdById"
  | "createdAt"
  | "updatedAt"
>;

/** A Book as the API returns it (the contract's wire shape); demo books carry the "Demo engine — placeholder text" label. */
export function bookView(book: BookViewFields & Pick<Book, "content">): BookJson {
  return bookViewOf(book, Boolean(book.content));
}

/** The same view from a row that says whether the book has content instead of carrying it (lists). */
export function bookViewOf(book: BookViewFields, hasContent: boolean): BookJson {
  return {
    id: book.id,
    title: book.title,
    topic: book.topic,
    goal: book.goal,
    audience: book.audience,
    language: book.language,
    languageVariant: variantForBook(book.language, book.languageVariant),
    tone: book.tone,
    targetChapters: book.targetChapters,
    targetWords: book.targetWords,
    engine: engineInfo(book.engine),
    isDemoContent: book.isDemoContent,
    demoLabel: book.isDemoContent || book.engine === "demo" ? DEMO_ENGINE_LABEL : null,
    status: book.status,
    hasContent,
    createdById: book.createdById,
    createdAt: book.createdAt.toISOString(),
    updatedAt: book.updatedAt.toISOString(),
  };
}

/** A chapter as the API returns it. */
export function chapterView(chapter: Chapter): ChapterJson {
  return {
    id: chapter.id,
    order: chapter.order,
    title: chapter.title,
    synopsis: chapter.synopsis,
    status: chapter.status,
    wordBudget: chapter.wordBudget,
    wordCount: chapter.wordCount,
    content: chapter.content,
    updatedAt: chapter.updatedAt.toISOString(),
  };
}

/** A chapter without its text, for tables of contents (a book can hold megabytes of chapters). */
export function chapterSummaryView(chapter: Chapter): ChapterSummary {
  const { content: _, ...summary } = chapterView(chapter);
  return summary;
}

/** The engine brief of a book row (the fields were validated when the book was created). */
export function briefFromBook(book: Book): BookBrief {
  return {
    title: book.title,
    topic: book.topic,
    goal: book.goal,
    audience: book.audience ?? undefined,
    language: book.language === "fr" ? "fr" : "en",
    tone: book.tone ?? undefined,
    targetChapters: book.targetChapters ?? 8,
    targetWords: book.targetWords ?? 12_000,
  };
}
