import { LENGTH_TOLERANCE } from "./write-section";

/**
 * The per-chapter budget report every job ends with, whatever the engine: each chapter's words against its
 * budget, whether it is within ±15 %, and the chapters that missed (so a miss is never silent).
 */

export interface BudgetReportChapter {
  order: number;
  budget: number;
  words: number;
  /** (words − budget) ÷ budget, e.g. −0.32 for a chapter 32 % short. */
  deviation: number;
  withinTolerance: boolean;
}

export interface BudgetReport {
  tolerance: number;
  chapters: BudgetReportChapter[];
  /** Orders of the chapters outside the tolerance. */
  missed: number[];
  wordsTarget: number;
  wordsWritten: number;
}

export function budgetReport(
  chapters: { order: number; wordBudget: number | null; wordCount: number }[],
  tolerance = LENGTH_TOLERANCE,
): BudgetReport {
  const rows = chapters.map((c) => {
    const budget = Math.max(1, c.wordBudget ?? c.wordCount);
    const deviation = Math.round(((c.wordCount - budget) / budget) * 1000) / 1000;
    return { order: c.order, budget, words: c.wordCount, deviation, withinTolerance: Math.abs(deviation) <= tolerance };
  });
  return {
    tolerance,
    chapters: rows,
    missed: rows.filter((r) => !r.withinTolerance).map((r) => r.order),
    wordsTarget: rows.reduce((a, r) => a + r.budget, 0),
    wordsWritten: rows.reduce((a, r) => a + r.words, 0),
  };
}
