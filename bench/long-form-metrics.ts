// The measures bench/long-form.ts prints, apart so they can be tested.
import type { BookLanguage } from "@/engines/writing-engine";
import { simulatedCast } from "../tests/fakes/model-simulator";

/**
 * LongWriter's length score for one item, from Bai et al. 2024, "LongWriter: Unleashing 10,000+ Word
 * Generation from Long Context LLMs" (LongBench-Write), as THUDM/LongWriter's evaluation/eval_length.py
 * computes it, for a required length l and an output length l':
 *   S_l = 100 · max(0, 1 − (l'/l − 1) / 3)   when l' > l (overshooting is penalised less),
 *   S_l = 100 · max(0, 1 − (l/l' − 1) / 2)   otherwise.
 * The bench applies it per chapter (l = the chapter's budget) and averages.
 */
export function lengthScore(required: number, output: number): number {
  if (required <= 0) return 0;
  if (output > required) return 100 * Math.max(0, 1 - (output / required - 1) / 3);
  if (output <= 0) return 0;
  return 100 * Math.max(0, 1 - (required / output - 1) / 2);
}

/**
 * (chapter, character) pairs whose text spells a character otherwise than the book's cast does (the
 * spelling the simulator's outline and bible give): the drift a model shows when a name is not in its prompt.
 */
export function nameInconsistencies(language: BookLanguage, chapters: { content: string | null }[]): number {
  let found = 0;
  for (const chapter of chapters) {
    for (const character of simulatedCast[language]) {
      if (chapter.content?.includes(character.variant)) found++;
    }
  }
  return found;
}

/** How the pipeline controls chapter length: today's single request per chapter, or sections. */
export type LengthControl = "single" | "sections";

export const TARGET = { withinShare: 0.95, totalTolerance: 0.05, tokensFactor: 1.3, wallFactor: 1.5 } as const;
const WORDS_PER_TOKEN = 0.75;

/** What the bench measured of one book. */
export interface RunResult {
  label: string;
  status: string;
  error?: string | null;
  chapters: number;
  within: number;
  score: number;
  words: number;
  target: number;
  wallMs: number;
  longestChapterMs: number;
  /** First chapter seen WRITING → last seen DONE: the book without its outline/planning and finalizing. */
  chaptersPhaseMs: number;
  promptTokens: number;
  completionTokens: number;
  names: number;
  /** Names the chapters added to their part of the bible from their written text (Chapter.bibleAdditions). */
  added: string[];
  worst: string;
}

export const fmt = (n: number) => n.toLocaleString("en-US");
const signedPct = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(x * 100).toFixed(1)} %`;

/**
 * Every target of one run with whether it was met (the bench's exit code reads them all). The wall-time
 * target compares a book with its longest chapter, so it applies only when every chapter can run at once.
 * The token target is read on completion tokens: prompt tokens carry the bible and the context by design.
 */
export function targetsOf(r: RunResult, concurrency: number) {
  const share = r.within / Math.max(1, r.chapters);
  const total = r.words / r.target - 1;
  const tokenCap = (TARGET.tokensFactor * r.words) / WORDS_PER_TOKEN;
  const wallRatio = r.wallMs / r.longestChapterMs;
  const checks: Record<string, boolean> = {
    within: share >= TARGET.withinShare,
    total: Math.abs(total) <= TARGET.totalTolerance,
    ...(concurrency >= r.chapters ? { wall: wallRatio <= TARGET.wallFactor } : {}),
    tokens: r.completionTokens <= tokenCap,
    names: r.names === 0,
  };
  return { share, total, tokenCap, wallRatio, checks };
}

/** The runs as the Markdown table the README quotes, with the targets each missed. */
export function summaryTable(
  rows: { mode: LengthControl; language: BookLanguage; result: RunResult }[],
  concurrency: number,
): string[] {
  const lines = [
    "| run | within ±15 % | S_l | total words | wall / longest ch. | prompt / completion tokens (completion target) | name drift | targets |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const { mode, language, result: r } of rows) {
    const { share, total, tokenCap, wallRatio, checks } = targetsOf(r, concurrency);
    const missed = Object.entries(checks)
      .filter(([, met]) => !met)
      .map(([name]) => name);
    const run = `${(r.target / 1000).toFixed(0)}k/${r.chapters} ${language} ${mode}`;
    lines.push(
      `| ${run} | ${(share * 100).toFixed(0)} % | ${r.score.toFixed(1)} | ${fmt(r.words)} (${signedPct(total)}) | ${wallRatio.toFixed(2)} | ${fmt(r.promptTokens)} / ${fmt(r.completionTokens)} (≤ ${fmt(Math.round(tokenCap))}) | ${r.names} | ${missed.length ? `missed: ${missed.join(", ")}` : "all met"} |`,
    );
  }
  return lines;
}
