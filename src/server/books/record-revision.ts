import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { type Book, type BookRevision, type Chapter, Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";
import { markFormatsStale } from "@/server/formats/mark-formats-stale";
import { latestRevisionVersion, nextMinorVersion } from "./revision-version";
import { assembleBookMarkdown } from "./assemble-book-markdown";
import { diffDeadline, wordChanges } from "./word-diff";

/** The time the word counts of one revision may take, all chapters together. */
const REVISION_DIFF_BUDGET_MS = 3_000;

export { latestRevisionVersion, nextMinorVersion } from "./revision-version";

/** What changed in one revision, stored in BookRevision.changes and shown in the history. */
export interface RevisionChanges {
  kind:
    | "chapter.updated"
    | "book.updated"
    | "chapters.reordered"
    | "revision.restored"
    | "chapter.restored"
    | "corrections.applied";
  /** The chapters whose title or content changed. */
  chapters: {
    id: string;
    order: number;
    /** The order before a move. */
    from?: number;
    title: string;
    fields: string[];
    wordsBefore: number;
    wordsAfter: number;
    /** Words inserted and deleted in this chapter's text (word-level diff; absent on rows older than it). */
    wordsAdded?: number;
    wordsRemoved?: number;
  }[];
  /** Book metadata fields that changed (title, language, …). */
  fields: string[];
  wordsBefore: number;
  wordsAfter: number;
  wordsDelta: number;
  /** The chapters' words inserted and deleted, summed (absent on rows older than the word-level diff). */
  wordsAdded?: number;
  wordsRemoved?: number;
  /** The chapter ids in reading order after the change, so a restore can put the chapters back in place. */
  chapterIds: string[];
  /** The version a restore copied. */
  restoredFrom?: string;
  /** chapter.restored: the chapter that was put back (its order). */
  restoredChapter?: number;
  /** The findings whose suggestions this revision applied (corrections.applied). */
  corrections?: string[];
}

/** Sum of the chapters' word counts. */
export const totalWords = (chapters: Pick<Chapter, "wordCount">[]) => chapters.reduce((sum, c) => sum + c.wordCount, 0);

/**
 * Inside an edit's transaction, after its chapter or metadata writes: re-assembles Book.content from the
 * chapters in order, records the next minor revision with a summary of the change, and marks the rendered
 * formats stale (recounting STORAGE_USED), so the content, its history and the formats flag commit together.
 * Two edits racing for the same version collide on the (bookId, version) unique key: the loser's whole
 * transaction is retried by `withEditRetry`.
 */
export async function recordRevision(
  tx: DbTx,
  input: {
    book: Pick<Book, "id" | "organizationId" | "title">;
    authorId: string | null;
    wordsBefore: number;
    changes: Pick<RevisionChanges, "kind" | "fields" | "restoredFrom" | "restoredChapter" | "corrections"> & {
      /** Each changed chapter, with its text before the change when the text changed (not stored: diffed). */
      chapters: (RevisionChanges["chapters"][number] & { textBefore?: string })[];
    };
  },
): Promise<{ book: Book; chapters: Chapter[]; revision: BookRevision }> {
  const chapters = await tx.chapter.findMany({ where: { bookId: input.book.id }, orderBy: { order: "asc" } });
  const content = assembleBookMarkdown(input.book.title, chapters);
  const wordsAfter = totalWords(chapters);
  const byId = new Map(chapters.map((c) => [c.id, c]));
  // One time budget for all the chapters' diffs: a restore touching 50 chapters stays well inside the
  // transaction's timeout (past the budget, counts come from paragraph-level or whole-chapter diffs).
  const timeLeft = diffDeadline(REVISION_DIFF_BUDGET_MS);
  const changed = input.changes.chapters.map(({ textBefore, ...entry }) => {
    const now = byId.get(entry.id);
    return textBefore === undefined || !now ? entry : { ...entry, ...wordChanges(textBefore, now.content, timeLeft()) };
  });
  const changes: RevisionChanges = {
    ...input.changes,
    chapters: changed,
    wordsAdded: changed.reduce((sum, c) => sum + (c.wordsAdded ?? 0), 0),
    wordsRemoved: changed.reduce((sum, c) => sum + (c.wordsRemoved ?? 0), 0),
    wordsBefore: input.wordsBefore,
    wordsAfter,
    wordsDelta: wordsAfter - input.wordsBefore,
    chapterIds: chapters.map((c) => c.id),
  };
  await tx.book.update({ where: { id: input.book.id }, data: { content } });
  const version = nextMinorVersion(await latestRevisionVersion(tx, input.book.id));
  const revision = await tx.bookRevision.create({
    data: {
      bookId: input.book.id,
      version,
      content,
      authorId: input.authorId,
      changes: changes as unknown as Prisma.InputJsonObject,
    },
  });
  await markFormatsStale(tx, input.book);
  const book = await tx.book.findUniqueOrThrow({ where: { id: input.book.id } });
  return { book, chapters, revision };
}

/** True for failures a fresh attempt of the same transaction can get past (version taken, deadlock). */
export function isRetryableEditError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === "P2002" || error.code === "P2034";
  }
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? "")}` : "";
  return /deadlock|40P01|40001|could not serialize/i.test(text);
}

/**
 * Runs an edit transaction, retrying it (a few times, with jitter) when it lost a race for a revision
 * version or was chosen as a deadlock victim; every attempt re-reads everything, so nothing is lost.
 */
export async function withEditRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableEditError(error)) throw error;
      await sleep(10 * attempt + Math.floor(Math.random() * 20));
    }
  }
}

/** Options for the edit transactions: a whole book (up to 50 chapters of 200k characters) is re-assembled. */
export const editTransactionOptions = { maxWait: 10_000, timeout: 20_000 } as const;
