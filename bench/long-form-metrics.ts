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
