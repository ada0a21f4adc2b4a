import "server-only";
import type { CheckRun, Correction } from "@/contracts/corrections";
import type { BookCheckRun, BookCorrection, ChapterCorrection } from "@/generated/prisma/client";

type Resolver = { id: string; name: string | null } | null;

/** The columns both finding tables share, on the wire. */
function findingView(
  row: (ChapterCorrection | BookCorrection) & { resolvedBy?: Resolver },
): Omit<Correction, "scope" | "bookId" | "source" | "author"> {
  return {
    id: row.id,
    chapterId: row.chapterId,
    type: row.type,
    severity: row.severity,
    status: row.status,
    checker: row.checker,
    ruleId: row.ruleId,
    message: row.message,
    original: row.original,
    suggestions: row.suggestions,
    startOffset: row.startOffset,
    endOffset: row.endOffset,
    resolvedBy: row.resolvedBy ? { id: row.resolvedBy.id, name: row.resolvedBy.name } : null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionNote: row.resolutionNote,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A chapter finding on the wire (scope CHAPTER). */
export function chapterCorrectionView(
  row: ChapterCorrection & { resolvedBy?: Resolver; author?: Resolver },
  bookId: string,
): Correction {
  return {
    ...findingView(row),
    scope: "CHAPTER",
    bookId: row.bookId ?? bookId,
    source: row.source,
    author: row.author ? { id: row.author.id, name: row.author.name } : null,
  };
}

/** A book-level finding on the wire (scope BOOK). */
export function bookCorrectionView(row: BookCorrection & { resolvedBy?: Resolver }): Correction {
  return { ...findingView(row), scope: "BOOK", bookId: row.bookId, source: "CHECKER", author: null };
}

/** The summary a finished run stores (open findings of the book by severity, and how many were new). */
export interface CheckSummary {
  errors: number;
  warnings: number;
  infos: number;
  new: number;
}

/** A check run on the wire. */
export function checkRunView(run: BookCheckRun): CheckRun {
  return {
    id: run.id,
    bookId: run.bookId,
    status: run.status,
    trigger: run.trigger,
    chaptersTotal: run.chaptersTotal,
    chaptersDone: run.chaptersDone,
    progress: run.progress,
    summary: (run.summary as CheckSummary | null) ?? null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Whether a run still has work ahead (the event stream stays open for it). */
export const isCheckActive = (run: Pick<BookCheckRun, "status">) =>
  run.status === "PENDING" || run.status === "RUNNING";
