import "server-only";
import { readCrewBook } from "@/engines/crewai-contract";
import { countWords, markdownToPlainText } from "@/engines/word-count";
import { normalizeBudgets, type TokenUsage } from "@/engines/writing-engine";
import type { DbTx } from "@/server/db/client";
import { addTokenUsage } from "./generation-run";

/** The first sentences of a chapter, as its synopsis (a crew returns chapters, not an outline). */
function synopsisOf(content: string): string {
  const plain = markdownToPlainText(content).replace(/\s+/g, " ").trim();
  const sentences = plain.match(/[^.!?…]+[.!?…]+/g) ?? [plain];
  let synopsis = "";
  for (const sentence of sentences) {
    if (synopsis && synopsis.length + sentence.length > 300) break;
    synopsis += sentence;
  }
  return (synopsis || plain).slice(0, 300).trim() || "—";
}

/**
 * Saves a crew's final Markdown as the book's chapters (checked against the crew contract: CREW_RESULT_MISSING
 * saying what is wrong otherwise), all DONE, in the caller's transaction. Used by
 * both the crew webhook and the status poller, whichever comes first: the rows are unique per book and
 * order, so the second delivery inserts nothing and its token usage is not counted twice.
 * Returns the number of chapters inserted.
 */
export async function saveCrewResult(
  tx: DbTx,
  job: { id: string; bookId: string },
  markdown: string,
  usage?: TokenUsage,
): Promise<number> {
  const chapters = readCrewBook(markdown);
  const existing = await tx.chapter.count({ where: { bookId: job.bookId, status: "DONE" } });
  if (existing > 0) return 0;
  // Chapters of an outline the crew was given are replaced by what it actually wrote; their budgets (or,
  // without an outline, the book's target shared evenly) stay, so the crew's chapters go into the same
  // per-chapter budget report as any engine's.
  const planned = await tx.chapter.findMany({
    where: { bookId: job.bookId },
    select: { order: true, wordBudget: true },
  });
  const book = await tx.book.findUnique({ where: { id: job.bookId }, select: { targetWords: true } });
  const budgetOf = crewBudgets(planned, chapters.length, book?.targetWords ?? null);
  await tx.chapter.deleteMany({ where: { bookId: job.bookId } });
  const { count } = await tx.chapter.createMany({
    data: chapters.map((chapter, i) => {
      const words = countWords(chapter.content);
      return {
        bookId: job.bookId,
        order: i + 1,
        title: chapter.title,
        synopsis: synopsisOf(chapter.content),
        content: chapter.content,
        wordBudget: budgetOf(i + 1) ?? words,
        wordCount: words,
        status: "DONE" as const,
      };
    }),
    skipDuplicates: true,
  });
  if (count > 0 && usage) await addTokenUsage(tx, job.id, usage);
  return count;
}

/**
 * The budget of each chapter a crew returned: the planned chapter's at the same position when the crew
 * returned as many chapters as were planned, else the book's target shared evenly (null without a target).
 */
export function crewBudgets(
  planned: { order: number; wordBudget: number | null }[],
  returned: number,
  targetWords: number | null,
): (order: number) => number | null {
  const byOrder = new Map(planned.map((c) => [c.order, c.wordBudget]));
  const samePlan = planned.length === returned && planned.every((c) => c.wordBudget !== null);
  return (order) => {
    if (samePlan) return byOrder.get(order) ?? null;
    if (!targetWords || returned === 0) return null;
    return normalizeBudgets(Array(returned).fill(1), Math.max(returned, targetWords))[order - 1] ?? null;
  };
}

/** True once the crew's chapters are saved (by a webhook or an earlier poll). */
export async function crewResultSaved(tx: DbTx, bookId: string): Promise<boolean> {
  return (await tx.chapter.count({ where: { bookId, status: "DONE" } })) > 0;
}
