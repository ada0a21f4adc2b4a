import "server-only";
import { diffLines, diffWordsWithSpace } from "diff";
import { countWords } from "@/engines/word-count";

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface DiffRun {
  type: "same" | "added" | "removed";
  text: string;
}

// A chapter holds at most 200k characters; two unrelated texts of that size make a word diff work for
// seconds. Past its time the diff falls back to whole paragraphs (lines), then to the chapter as replaced.
export const DIFF_TIMEOUT_MS = 1_500;

type Change = { added?: boolean; removed?: boolean; value: string };

const toRuns = (changes: Change[]): DiffRun[] =>
  changes.map((change) => ({
    type: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));

/**
 * The word-level diff of two texts (the `diff` library's diffWordsWithSpace: every character of both texts
 * is in exactly one run, so the runs put back together give either text). When the word diff runs out of
 * `timeoutMs`, a paragraph-level diff (diffLines) is used, and past that the whole of `before` is removed
 * and the whole of `after` added: still true, only coarser. `timeoutMs` 0 goes straight to the coarsest.
 */
export function diffRuns(before: string, after: string, timeoutMs = DIFF_TIMEOUT_MS): DiffRun[] {
  if (before === after) return before ? [{ type: "same", text: before }] : [];
  if (timeoutMs > 0) {
    const words = diffWordsWithSpace(before, after, { timeout: timeoutMs });
    if (words) return toRuns(words);
    const lines = diffLines(before, after, { timeout: Math.min(timeoutMs, 500) });
    if (lines) return toRuns(lines);
  }
  return [
    ...(before ? [{ type: "removed" as const, text: before }] : []),
    ...(after ? [{ type: "added" as const, text: after }] : []),
  ];
}

/** A time budget shared by several diffs (one request, one transaction): each gets what is left of it. */
export function diffDeadline(totalMs: number): () => number {
  const end = Date.now() + totalMs;
  return () => Math.max(0, Math.min(DIFF_TIMEOUT_MS, end - Date.now()));
}

/** Words inserted and deleted between two texts, counted the way chapters count their words. */
export function wordChanges(
  before: string,
  after: string,
  timeoutMs = DIFF_TIMEOUT_MS,
): { wordsAdded: number; wordsRemoved: number } {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const run of diffRuns(before, after, timeoutMs)) {
    if (run.type === "added") wordsAdded += countWords(run.text);
    else if (run.type === "removed") wordsRemoved += countWords(run.text);
  }
  return { wordsAdded, wordsRemoved };
}
