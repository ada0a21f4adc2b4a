import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { type Book, type BookRevision, type Chapter, Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";
import { markFormatsStale } from "@/server/formats/mark-formats-stale";
import { FIRST_REVISION } from "@/server/generation/finalize-book";
import { assembleBookMarkdown } from "./assemble-book-markdown";

/** What changed in one revision, stored in BookRevision.changes and shown in the history. */
export interface RevisionChanges {
  kind: "chapter.updated" | "book.updated" | "chapters.reordered" | "revision.restored" | "corrections.applied";
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
  }[];
  /** Book metadata fields that changed (title, language, …). */
  fields: string[];
  wordsBefore: number;
  wordsAfter: number;
  wordsDelta: number;
  /** The chapter ids in reading order after the change, so a restore can put the chapters back in place. */
  chapterIds: string[];
  /** The version a restore copied. */
  restoredFrom?: string;
  /** The findings whose suggestions this revision applied (corrections.applied). */
  corrections?: string[];
}

const versionPattern = /^(\d+)\.(\d+)$/;

/** The next minor version after `latest` ("1.0" → "1.1", "1.9" → "1.10"); "1.1" when none is known. */
export function nextMinorVersion(latest: string | null): string {
  const match = versionPattern.exec(latest ?? FIRST_REVISION);
  if (!match) return nextMinorVersion(FIRST_REVISION);
  return `${Number(match[1])}.${Number(match[2]) + 1}`;
}

/** The highest version of a book compared numerically ("1.10" is after "1.9"), or null when it has none. */
export async function latestRevisionVersion(tx: DbTx, bookId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ version: string }[]>`
    SELECT "version" FROM "BookRevision"
    WHERE "bookId" = ${bookId} AND "version" ~ '^[0-9]+[.][0-9]+$'
    ORDER BY split_part("version", '.', 1)::int DESC, split_part("version", '.', 2)::int DESC
    LIMIT 1`;
  return rows[0]?.version ?? null;
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
    changes: Pick<RevisionChanges, "kind" | "chapters" | "fields" | "restoredFrom" | "corrections">;
  },
): Promise<{ book: Book; chapters: Chapter[]; revision: BookRevision }> {
  const chapters = await tx.chapter.findMany({ where: { bookId: input.book.id }, orderBy: { order: "asc" } });
  const content = assembleBookMarkdown(input.book.title, chapters);
  const wordsAfter = totalWords(chapters);
  const changes: RevisionChanges = {
    ...input.changes,
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
