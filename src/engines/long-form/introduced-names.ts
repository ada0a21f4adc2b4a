import type { LanguageVariant } from "@/checkers/checker";
import { isCapitalised, withoutPossessive } from "@/checkers/book-names";
import { spellerFor } from "@/checkers/dictionaries";
import { isSentenceInitial, proseSegments, tokenizeWords } from "@/checkers/prose-ranges";
import type { BibleAdditions, BookBible } from "./bible";

/**
 * The proper names a written section introduced that the bible does not hold yet, found in the text with
 * no model call (no extra tokens), by the rule the spelling checker uses for the book's own names
 * (src/checkers/book-names.ts): a capitalised word in the middle of a sentence, where only a name is
 * capitalised. Here, per section:
 * - a name is a run of capitalised words separated by single spaces ("Nadia Quill", "Jean-Marc Dufour");
 *   a run that starts a sentence loses its first word (it may be an ordinary word: "Later Nadia…"), and
 *   leading titles ("Mr", "Madame") are dropped;
 * - a run of two or more words is a name; a single word is one only when the language's dictionary does
 *   not know it ("Zorblax" yes; "English", "Monday", "Paris" no);
 * - it is already known when every word of it is a word of a bible name or term ("Ada" of "Ada Marlow");
 * - a spelling close to a known name ("Ada Marlowe" for "Ada Marlow") is left out: that is drift for the
 *   checker to report, and adding it would make the wrong spelling a rule for later sections.
 * Headings are skipped (title case is not a name). Key terms are not detected: a lower-case term cannot be
 * told from ordinary words without a model, so terms come from the chapter plan's `introduces` only.
 */

/** Most names one chapter may add (bibleAdditionsSchema's limit: an over-long list would not parse). */
export const MAX_CHAPTER_NAMES = 20;

const TITLES: Record<"en" | "fr", ReadonlySet<string>> = {
  en: new Set([
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "doctor",
    "sir",
    "lady",
    "lord",
    "captain",
    "professor",
    "aunt",
    "uncle",
  ]),
  fr: new Set(["monsieur", "madame", "mademoiselle", "mme", "mlle", "docteur", "maître", "professeur", "capitaine"]),
};

// "I'm", "I'd": capitalised mid-sentence but never a name.
const NEVER_NAMES = new Set(["i'm", "i’m", "i'd", "i’d", "i've", "i’ve", "i'll", "i’ll"]);

/** Levenshtein distance, for telling a misspelt known name from a new one. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Two words are spellings of one name when at most a third of the longer one differs ("Marlow"/"Marlowe"). */
const closeSpelling = (a: string, b: string) => editDistance(a, b) <= Math.floor(Math.max(a.length, b.length) / 3);

/** Name runs of one prose segment: capitalised words joined by single spaces, sentence openers dropped. */
function nameRuns(text: string, titles: ReadonlySet<string>): string[][] {
  const runs: string[][] = [];
  let run: { word: string; start: number }[] = [];
  let lastEnd = -1;
  const close = () => {
    const words = run.map((t) => t.word);
    if (run.length && isSentenceInitial(text, run[0]!.start)) words.shift();
    while (words.length && titles.has(words[0]!.toLowerCase().replace(/\.$/, ""))) words.shift();
    if (words.length) runs.push(words);
    run = [];
  };
  for (const token of tokenizeWords(text)) {
    const word = withoutPossessive(token.word);
    const joined = run.length > 0 && text.slice(lastEnd, token.start) === " ";
    if (!joined) close();
    if (isCapitalised(word) && !NEVER_NAMES.has(token.word.toLowerCase())) {
      run.push({ word, start: token.start });
      lastEnd = token.end;
      // "Nadia’s brother": the possessive ends the name.
      if (word !== token.word && /['’]s$/.test(token.word)) close();
    } else close();
  }
  close();
  return runs;
}

/**
 * The names `markdown` (one written section) introduces that `bible` (the merged bible the section was
 * written with, this chapter's additions included) does not hold: multi-word names first, then in order of
 * first appearance.
 */
export async function findIntroducedNames(
  markdown: string,
  bible: Pick<BookBible, "characters" | "terms">,
  variant: LanguageVariant,
): Promise<string[]> {
  const titles = TITLES[variant === "fr-FR" ? "fr" : "en"];
  const knownNames = [...bible.characters.map((c) => c.name), ...bible.terms.map((t) => t.term)].map((name) =>
    name.toLowerCase().split(/\s+/).filter(Boolean),
  );
  const knownWords = new Set(knownNames.flat());
  const isVariantOfKnown = (words: string[]) =>
    knownNames.some((known) =>
      words.length === 1
        ? known.some((k) => closeSpelling(k, words[0]!))
        : known.length === words.length && known.every((k, i) => closeSpelling(k, words[i]!)),
    );

  // Headings are title case: not names.
  const prose = markdown.replace(/^ {0,3}#{1,6}\s.*$/gm, "");
  const candidates = new Map<string, string[]>();
  for (const segment of proseSegments(prose)) {
    for (const words of nameRuns(segment.text, titles)) {
      const key = words.join(" ").toLowerCase();
      if (!candidates.has(key)) candidates.set(key, words);
    }
  }
  const found: string[] = [];
  // Loaded only for a single unknown word: a text naming only what the bible holds never needs it.
  let speller: Awaited<ReturnType<typeof spellerFor>> | undefined;
  // Longer runs first, so "Quill" is seen as part of "Nadia Quill" whatever came first in the text.
  const longestFirst = [...candidates.values()].sort((a, b) => b.length - a.length);
  for (const words of longestFirst) {
    const lower = words.map((w) => w.toLowerCase());
    if (lower.every((w) => knownWords.has(w))) continue;
    if (isVariantOfKnown(lower)) continue;
    if (words.length === 1) {
      speller ??= await spellerFor(variant);
      if (speller.correct(words[0]!.replace(/’/g, "'"))) continue;
    }
    // "Quill" after "Nadia Quill" in the same section: part of a name already found.
    if (found.some((name) => lower.every((w) => name.toLowerCase().split(" ").includes(w)))) continue;
    found.push(words.join(" "));
  }
  return found;
}

/** A chapter's additions with `names` appended (no duplicates, at most MAX_CHAPTER_NAMES names). */
export function appendNames(additions: BibleAdditions, names: readonly string[]): BibleAdditions {
  const characters = [...additions.characters];
  const seen = new Set(characters.map((c) => c.name.toLowerCase()));
  for (const name of names) {
    if (characters.length >= MAX_CHAPTER_NAMES) break;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    characters.push({ name, role: "" });
  }
  return { ...additions, characters };
}
