import "server-only";
import type { Chapter } from "@/generated/prisma/client";
import { assembleBookMarkdown, demoteChapterHeadings } from "./assemble-book-markdown";

interface SplitBook {
  title: string;
  chapters: { title: string; content: string }[];
}

/** Splits assembled book Markdown at its `## ` chapter headings (outside code fences when `fenceAware`). */
function splitAt(markdown: string, fenceAware: boolean): SplitBook | null {
  const lines = markdown.replace(/\n$/, "").split("\n");
  const first = lines[0];
  if (!first?.startsWith("# ")) return null;
  const chapters: { title: string; lines: string[] }[] = [];
  let fence: string | undefined;
  for (const line of lines.slice(1)) {
    const marker = fenceAware ? /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1] : undefined;
    if (marker) {
      if (!fence) fence = marker;
      else if (marker.startsWith(fence[0]!) && marker.length >= fence.length) fence = undefined;
    } else if (!fence && line.startsWith("## ")) {
      chapters.push({ title: line.slice(3), lines: [] });
      continue;
    }
    const current = chapters[chapters.length - 1];
    if (current) current.lines.push(line);
    else if (line.trim() !== "") return null;
  }
  return {
    title: first.slice(2),
    chapters: chapters.map((c) => ({ title: c.title, content: c.lines.join("\n").trim() })),
  };
}

/**
 * The chapters of an assembled revision, or null when it cannot be split into `count` chapters that
 * assemble back to exactly the same text (the inverse of assembleBookMarkdown, checked, not assumed).
 */
export function splitBookMarkdown(markdown: string, count: number): SplitBook | null {
  for (const fenceAware of [true, false]) {
    const split = splitAt(markdown, fenceAware);
    if (split && split.chapters.length === count && assembleBookMarkdown(split.title, split.chapters) === markdown) {
      return split;
    }
  }
  return null;
}

/** One chapter of a version of the book: its id when the version recorded the chapter order. */
export interface VersionChapter {
  id: string | null;
  title: string;
  /** The chapter body as the assembled Markdown holds it (sub-headings demoted). */
  content: string;
}

/** A version of the book: its title and chapters. */
export interface VersionText {
  title: string;
  chapters: VersionChapter[];
}

/** The chapter ids a revision recorded (edits since chapter orders were recorded; not the generated 1.0). */
function recordedIds(changes: unknown): string[] | null {
  const ids = (changes as { chapterIds?: unknown } | null)?.chapterIds;
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === "string") ? ids : null;
}

/**
 * The chapters of a revision's assembled Markdown, split the way assembleBookMarkdown joined them. With the
 * chapter ids the revision recorded, the split must give exactly that many chapters (checked by assembling
 * it back); without them, any split that assembles back to the same text. Text that was never assembled
 * (hand-made rows) falls back to the fence-aware split, then to one untitled chapter: still comparable.
 */
export function revisionChapters(markdown: string, changes: unknown): VersionText {
  const ids = recordedIds(changes);
  const withIds = (split: SplitBook, named: string[] | null) => ({
    title: split.title,
    chapters: split.chapters.map((c, index) => ({ id: named?.[index] ?? null, ...c })),
  });
  if (ids) {
    const split = splitBookMarkdown(markdown, ids.length);
    if (split) return withIds(split, ids);
  }
  for (const fenceAware of [true, false]) {
    const split = splitAt(markdown, fenceAware);
    if (split && assembleBookMarkdown(split.title, split.chapters) === markdown) return withIds(split, null);
  }
  const loose = splitAt(markdown, true);
  if (loose && loose.chapters.length > 0) return withIds(loose, null);
  return { title: "", chapters: [{ id: null, title: "", content: markdown.trim() }] };
}

/** The book's chapters now, in the form a revision holds them (the same text assembleBookMarkdown writes). */
export function currentChapters(chapters: Pick<Chapter, "id" | "title" | "content">[]): VersionChapter[] {
  return chapters.map((c) => ({ id: c.id, title: c.title.trim(), content: demoteChapterHeadings(c.content.trim()) }));
}
