// Names the book itself uses consistently: a capitalised word the dictionary does not know, used at least
// twice across the book and at least once in the middle of a sentence (where only a name is capitalised).
// They go into CheckContext.bookNames so the spelling checker does not report the book's own characters
// and places ("Kalinor", "Zorblax") as misspellings.
import type { LanguageVariant } from "./checker";
import { spellerFor } from "./dictionaries";
import { isSentenceInitial, proseSegments, tokenizeWords } from "./prose-ranges";

const MIN_OCCURRENCES = 2;

type NameCounts = Map<string, { total: number; midSentence: number }>;

// A re-check after one chapter changed recounts only that chapter: each chapter's counts are kept (the
// last few hundred chapters seen, keyed by their text) and the book's counts are their sum.
const COUNTS_LIMIT = 256;
const chapterCounts = new Map<string, NameCounts>();

function countsOf(markdown: string): NameCounts {
  const cached = chapterCounts.get(markdown);
  if (cached) return cached;
  const counts: NameCounts = new Map();
  for (const segment of proseSegments(markdown)) {
    for (const token of tokenizeWords(segment.text)) {
      const name = withoutPossessive(token.word);
      if (!isCapitalised(name)) continue;
      const count = counts.get(name) ?? { total: 0, midSentence: 0 };
      count.total++;
      if (!isSentenceInitial(segment.text, token.start)) count.midSentence++;
      counts.set(name, count);
    }
  }
  chapterCounts.set(markdown, counts);
  if (chapterCounts.size > COUNTS_LIMIT) chapterCounts.delete(chapterCounts.keys().next().value!);
  return counts;
}

/** Forgets the kept per-chapter counts (benches time a cold pass with it). */
export function clearBookNamesCache(): void {
  chapterCounts.clear();
}

/** The book's names: capitalised, repeated, at least once mid-sentence, unknown to the variant's dictionary. */
export async function findBookNames(chapters: readonly string[], variant: LanguageVariant): Promise<Set<string>> {
  const counts: NameCounts = new Map();
  for (const markdown of chapters) {
    for (const [name, chapterCount] of countsOf(markdown)) {
      const count = counts.get(name) ?? { total: 0, midSentence: 0 };
      count.total += chapterCount.total;
      count.midSentence += chapterCount.midSentence;
      counts.set(name, count);
    }
  }
  const speller = await spellerFor(variant);
  const names = new Set<string>();
  for (const [name, count] of counts) {
    if (count.total < MIN_OCCURRENCES || count.midSentence < 1) continue;
    if (speller.correct(name.replace(/’/g, "'"))) continue;
    names.add(name);
  }
  return names;
}

// "Kalinor’s" is the name "Kalinor"; French elisions ("d’Arcadie") are split the same way.
export function withoutPossessive(word: string): string {
  const elided = word.replace(/^(?:l|d|qu|jusqu|lorsqu|puisqu)['’](?=\p{Lu})/iu, "");
  return elided.replace(/['’]s$/, "");
}

// "Kalinor", "Jean-Marc" — an initial capital, not all capitals (acronyms are skipped by the speller anyway).
export function isCapitalised(word: string): boolean {
  if (word.length < 2 || /\p{N}/u.test(word)) return false;
  const first = word.charAt(0);
  return first !== first.toLowerCase() && word !== word.toUpperCase();
}
