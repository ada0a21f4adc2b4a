import "server-only";
import type { Chapter } from "@/generated/prisma/client";
import { countWords } from "@/engines/word-count";
import { movedRange, type TextEdit } from "@/lib/text-edits";
import { reanchorComments } from "@/server/comments/reanchor-comments";
import type { DbTx } from "@/server/db/client";

/** One suggestion to write into a chapter: replace [start, end) (which must still read `original`). */
export interface PlannedEdit {
  id: string;
  scope: "CHAPTER" | "BOOK";
  start: number;
  end: number;
  original: string;
  replacement: string;
}

export const TEXT_CHANGED = "The text it pointed at was changed";

/** Locks a chapter row for the rest of the transaction (two applies on one chapter run one after the other). */
export async function lockChapter(tx: DbTx, bookId: string, chapterId: string): Promise<Chapter | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Chapter" WHERE "id" = ${chapterId} AND "bookId" = ${bookId} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.chapter.findUniqueOrThrow({ where: { id: chapterId } });
}

/**
 * Inside the caller's transaction, on a locked chapter: writes the suggestions from the end of the text
 * backwards (so the offsets of the ones before stay valid), skipping any whose text is no longer the
 * finding's original or that overlaps one already written; saves the chapter (text and word count) and
 * re-anchors the chapter's other OPEN findings, chapter and book level: after an edit they shift by its
 * length change, overlapping one they become RESOLVED; and the chapter's comments (reanchorComments). The caller records the revision and the statuses.
 */
export async function applyEditsToChapter(
  tx: DbTx,
  chapter: Chapter,
  planned: PlannedEdit[],
): Promise<{ applied: PlannedEdit[]; stale: PlannedEdit[]; wordCount: number }> {
  let content = chapter.content;
  let limit = Number.POSITIVE_INFINITY;
  const applied: PlannedEdit[] = [];
  const stale: PlannedEdit[] = [];
  const done: TextEdit[] = [];
  for (const edit of [...planned].sort((a, b) => b.start - a.start || b.end - a.end)) {
    // Text before `limit` is still the text the findings were anchored in.
    if (edit.end > limit || edit.start < 0 || content.slice(edit.start, edit.end) !== edit.original) {
      stale.push(edit);
      continue;
    }
    content = content.slice(0, edit.start) + edit.replacement + content.slice(edit.end);
    limit = edit.start;
    applied.push(edit);
    done.push({ start: edit.start, end: edit.end, delta: edit.replacement.length - (edit.end - edit.start) });
  }
  if (applied.length === 0) return { applied, stale, wordCount: chapter.wordCount };
  const wordCount = countWords(content);
  await tx.chapter.update({ where: { id: chapter.id }, data: { content, wordCount } });
  await reanchorFindings(tx, chapter.id, done, new Set(applied.map((e) => e.id)));
  await reanchorComments(tx, chapter.id, done, content);
  return { applied, stale, wordCount };
}

async function reanchorFindings(tx: DbTx, chapterId: string, edits: TextEdit[], skip: Set<string>): Promise<void> {
  const [chapterRows, bookRows] = await Promise.all([
    tx.chapterCorrection.findMany({
      where: { chapterId, status: "OPEN", startOffset: { not: null }, endOffset: { not: null } },
      select: { id: true, startOffset: true, endOffset: true },
    }),
    tx.bookCorrection.findMany({
      where: { chapterId, status: "OPEN", startOffset: { not: null }, endOffset: { not: null } },
      select: { id: true, startOffset: true, endOffset: true },
    }),
  ]);
  const now = new Date();
  const gone = { status: "RESOLVED" as const, resolvedAt: now, resolutionNote: TEXT_CHANGED };
  for (const [table, rows] of [
    ["chapter", chapterRows],
    ["book", bookRows],
  ] as const) {
    for (const row of rows) {
      if (skip.has(row.id)) continue;
      const next = movedRange(row.startOffset ?? 0, row.endOffset ?? 0, edits);
      if (next && next.start === row.startOffset) continue;
      const data = next ? { startOffset: next.start, endOffset: next.end } : gone;
      if (table === "chapter") await tx.chapterCorrection.update({ where: { id: row.id }, data });
      else await tx.bookCorrection.update({ where: { id: row.id }, data });
    }
  }
}
