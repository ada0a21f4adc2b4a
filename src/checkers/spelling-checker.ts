// Spelling with nspell (Hunspell dictionaries): every prose word the variant's dictionary does not know is
// an ERROR, except words the book or the organization accepts, names the book uses consistently, and
// tokens that are not words to spell (numbers, acronyms, URLs, single letters).
import type { ChapterChecker, CheckContext, Finding, LanguageVariant } from "./checker";
import { type Speller, spellerFor } from "./dictionaries";
import { isInUrlOrEmail, proseSegments, toSourceRange, tokenizeWords } from "./prose-ranges";

const MAX_SUGGESTIONS = 5;
// nspell.suggest tries every edit of the word against the dictionary: its cost grows with the length.
const MAX_SUGGESTED_LENGTH = 30;

// French elided articles, pronouns and conjunctions: "l’arbre" is "l’" + "arbre", each spelt on its own.
const FRENCH_ELISION = /^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)['’]/i;

/** Whether a word is acceptable to the speller, trying the forms prose writes it in. */
type WordVerdict = (word: string) => boolean;

// Per speller, the verdict and the suggestions of every word seen (prose repeats its words a lot).
const verdicts = new WeakMap<Speller, Map<string, boolean>>();
const suggestionCache = new WeakMap<Speller, Map<string, string[]>>();

function knows(speller: Speller, word: string): boolean {
  let cache = verdicts.get(speller);
  if (!cache) {
    cache = new Map();
    verdicts.set(speller, cache);
  }
  let verdict = cache.get(word);
  if (verdict === undefined) {
    verdict = spell(speller, word);
    cache.set(word, verdict);
  }
  return verdict;
}

function spell(speller: Speller, word: string): boolean {
  const straight = word.replace(/’/g, "'");
  if (speller.correct(straight)) return true;
  // Some dictionaries list the typographic apostrophe, others the straight one.
  if (straight !== word && speller.correct(word)) return true;
  // "coeur" for "cœur", "oeuvre" for "œuvre": the ligature is often typed as two letters.
  if (/oe/i.test(straight) && speller.correct(straight.replace(/oe/g, "œ").replace(/OE/g, "Œ"))) return true;
  return false;
}

/**
 * Suggestions for a misspelt word, best first, computed once per word and only for words short enough.
 * Not nspell.suggest: when no word is one edit away it searches two edits away, which takes seconds per
 * word on the French dictionary (and on names, which have no suggestion anyway). This asks the speller
 * about the words one edit away (swap, replace, delete, insert, apostrophe), plus accents on up to two
 * vowels ("ete" → "été") and tripled letters made double or single: about a thousand look-ups a word.
 * Ranked by how likely the slip is: accents, apostrophes and doubled letters first, then swaps, then
 * other edits, and edits of the first letter last.
 */
export function suggestionsFor(speller: Speller, word: string, variant: LanguageVariant): string[] {
  if (word.length > MAX_SUGGESTED_LENGTH) return [];
  let cache = suggestionCache.get(speller);
  if (!cache) {
    cache = new Map();
    suggestionCache.set(speller, cache);
  }
  let suggestions = cache.get(word);
  if (!suggestions) {
    const ranks = new Map<string, number>();
    for (const [candidate, rank] of candidateEdits(word, variant)) {
      if (candidate === word) continue;
      const known = ranks.get(candidate);
      if (known !== undefined) {
        if (rank < known) ranks.set(candidate, rank);
        continue;
      }
      // Candidates are not cached in `verdicts`: a thousand per misspelt word would only grow the cache.
      if (spell(speller, candidate)) ranks.set(candidate, rank);
    }
    // Map order is generation order: a stable sort keeps it within a rank.
    suggestions = [...ranks.entries()]
      .sort((a, b) => a[1] - b[1])
      .slice(0, MAX_SUGGESTIONS)
      .map(([candidate]) => candidate);
    cache.set(word, suggestions);
  }
  return suggestions;
}

const ENGLISH_LETTERS = "abcdefghijklmnopqrstuvwxyz";
const FRENCH_LETTERS = `${ENGLISH_LETTERS}àâäçéèêëîïôöùûüÿœ`;
const ACCENTED: Record<string, string> = { a: "àâä", e: "éèêë", i: "îï", o: "ôö", u: "ùûü", c: "ç" };

// Candidate spellings with a rank (lower is likelier).
function* candidateEdits(word: string, variant: LanguageVariant): Generator<[string, number]> {
  const letters = variant === "fr-FR" ? FRENCH_LETTERS : ENGLISH_LETTERS;
  const upperFirst = word.charAt(0) !== word.charAt(0).toLowerCase();
  const restore = (candidate: string) =>
    upperFirst ? candidate.charAt(0).toUpperCase() + candidate.slice(1) : candidate;
  const lower = word.toLowerCase();
  const rank = (base: number, position: number) => (position === 0 ? base + 2 : base);
  // Tripled letters, and doubled letters made single (and the reverse, below with inserts).
  yield [restore(lower.replace(/(.)\1\1+/gu, "$1$1")), 0];
  yield [restore(lower.replace(/(.)\1\1+/gu, "$1")), 0];
  for (let i = 1; i < lower.length; i++) {
    if (lower[i] === lower[i - 1]) yield [restore(lower.slice(0, i) + lower.slice(i + 1)), 0];
    else yield [restore(lower.slice(0, i) + lower[i - 1] + lower.slice(i)), 0];
    yield [restore(`${lower.slice(0, i)}'${lower.slice(i)}`), 0];
    yield [restore(`${lower.slice(0, i)}-${lower.slice(i)}`), 1];
  }
  if (variant === "fr-FR") {
    const positions = [...lower].flatMap((c, i) => (ACCENTED[c] ? [i] : []));
    for (const i of positions)
      for (const accent of ACCENTED[lower[i]!]!) yield [restore(lower.slice(0, i) + accent + lower.slice(i + 1)), 0];
    for (const [n, i] of positions.entries()) {
      for (const j of positions.slice(n + 1)) {
        for (const first of ACCENTED[lower[i]!]!) {
          for (const second of ACCENTED[lower[j]!]!) {
            yield [restore(lower.slice(0, i) + first + lower.slice(i + 1, j) + second + lower.slice(j + 1)), 0];
          }
        }
      }
    }
  }
  for (let i = 0; i + 1 < lower.length; i++)
    yield [restore(lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2)), rank(1, i)];
  for (let i = 0; i < lower.length; i++)
    for (const c of letters) yield [restore(lower.slice(0, i) + c + lower.slice(i + 1)), rank(2, i)];
  for (let i = 0; i < lower.length; i++) yield [restore(lower.slice(0, i) + lower.slice(i + 1)), rank(2, i)];
  for (let i = 0; i <= lower.length; i++)
    for (const c of letters) yield [restore(lower.slice(0, i) + c + lower.slice(i)), rank(2, i)];
}

/** The words a context accepts: exact entries, plus lower-case entries compared case-insensitively. */
function acceptance(context: CheckContext): WordVerdict {
  const exact = new Set<string>();
  const anyCase = new Set<string>();
  for (const words of [context.acceptedWords, context.bookNames]) {
    for (const word of words) {
      const normal = word.replace(/’/g, "'");
      exact.add(normal);
      if (normal === normal.toLowerCase()) anyCase.add(normal);
    }
  }
  return (word) => {
    const normal = word.replace(/’/g, "'");
    return exact.has(normal) || anyCase.has(normal.toLowerCase());
  };
}

// Tokens that are not words to spell.
function isNotAWord(word: string): boolean {
  if (word.length < 2) return true;
  if (/\p{N}/u.test(word)) return true;
  // ALL-CAPS acronyms and initialisms (NASA, SNCF, TV-5 is caught above).
  if (word === word.toUpperCase() && word !== word.toLowerCase()) return true;
  return false;
}

export interface Misspelling {
  /** Offsets in the text the word was found in. */
  start: number;
  end: number;
  word: string;
}

/** The misspelt words of one text (a prose segment), each with its offsets in that text. */
export function findMisspellings(
  text: string,
  variant: LanguageVariant,
  speller: Speller,
  accepted: WordVerdict,
): Misspelling[] {
  const found: Misspelling[] = [];
  const french = variant === "fr-FR";
  for (const token of tokenizeWords(text)) {
    if (isNotAWord(token.word) || accepted(token.word)) continue;
    if (isInUrlOrEmail(text, token.start, token.end)) continue;
    let word = token.word;
    let start = token.start;
    if (french) {
      const elision = FRENCH_ELISION.exec(word);
      if (elision && word.length > elision[0].length) {
        word = word.slice(elision[0].length);
        start += elision[0].length;
      }
    } else {
      // Possessive: "Kalinor’s" is "Kalinor" (the dictionary knows "dog's", not every name's possessive).
      const possessive = /['’]s$/i.exec(word);
      if (possessive && !knows(speller, word)) word = word.slice(0, -2);
    }
    if (isNotAWord(word) || accepted(word) || knows(speller, word)) continue;
    // A hyphenated compound is right when each of its parts is ("well-known", "dit-il").
    const parts = [...word.matchAll(/[^-‑]+/g)];
    if (parts.length > 1) {
      for (const part of parts) {
        const partWord = part[0];
        if (isNotAWord(partWord) || accepted(partWord) || knows(speller, partWord)) continue;
        if (french && FRENCH_ELISION.test(partWord)) {
          const rest = partWord.replace(FRENCH_ELISION, "");
          if (rest.length < 2 || knows(speller, rest)) continue;
        }
        found.push({ start: start + part.index, end: start + part.index + partWord.length, word: partWord });
      }
      continue;
    }
    found.push({ start, end: start + word.length, word });
  }
  return found;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError");
}

export const spellingChecker: ChapterChecker = {
  id: "nspell",
  supports: () => true,
  async check(markdown: string, context: CheckContext): Promise<Finding[]> {
    throwIfAborted(context.signal);
    if (markdown.trim() === "") return [];
    const speller = await spellerFor(context.variant);
    const accepted = acceptance(context);
    const findings: Finding[] = [];
    for (const segment of proseSegments(markdown)) {
      throwIfAborted(context.signal);
      for (const miss of findMisspellings(segment.text, context.variant, speller, accepted)) {
        const range = toSourceRange(segment, miss.start, miss.end);
        const original = markdown.slice(range.start, range.end);
        findings.push({
          type: "SPELLING",
          severity: "ERROR",
          ruleId: "misspelling",
          checker: "nspell",
          message: `“${miss.word}” is not in the ${context.variant} dictionary.`,
          original,
          suggestions: suggestionsFor(speller, miss.word, context.variant).filter(
            (suggestion) => suggestion !== original,
          ),
          startOffset: range.start,
          endOffset: range.end,
        });
      }
    }
    return findings;
  },
};
