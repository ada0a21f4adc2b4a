import "server-only";
import { diffWordsWithSpace } from "diff";
import { countWords } from "@/engines/word-count";

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface DiffRun {
  type: "same" | "added" | "removed";
  text: string;
}

// A chapter holds at most 200k characters; two unrelated texts of that size would make the diff library
// work for seconds. Past this budget the chapter is shown as replaced as a whole.
const DIFF_TIMEOUT_MS = 2_000;

/**
 * The word-level diff of two texts (the `diff` library's diffWordsWithSpace: every character of both texts
 * is in exactly one run, so the runs put back together give either text). When the library gives up
 * (timeout), the whole of `before` is removed and the whole of `after` added: still true, only coarser.
 */
export function diffRuns(before: string, after: string): DiffRun[] {
  if (before === after) return before ? [{ type: "same", text: before }] : [];
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    return [
      ...(before ? [{ type: "removed" as const, text: before }] : []),
      ...(after ? [{ type: "added" as const, text: after }] : []),
    ];
  }
  return changes.map((change) => ({
    type: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** Words inserted and deleted between two texts, counted the way chapters count their words. */
export function wordChanges(before: string, after: string): { wordsAdded: number; wordsRemoved: number } {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const run of diffRuns(before, after)) {
    if (run.type === "added") wordsAdded += countWords(run.text);
    else if (run.type === "removed") wordsRemoved += countWords(run.text);
  }
  return { wordsAdded, wordsRemoved };
}
