// The chapter checkers, and how a chapter is checked with them: run each checker that supports the
// book's variant, drop duplicates, validate every finding against the source, sort by offset.
import type { ChapterChecker, CheckContext, Finding, LanguageVariant } from "./checker";
import { clearBookNamesCache } from "./book-names";
import { warmDictionaries } from "./dictionaries";
import { frenchRulesChecker } from "./french-rules-checker";
import { harperChecker, warmHarper } from "./harper-checker";
import { createLanguageToolChecker } from "./languagetool-checker";
import { clearProseSegmentsCache } from "./prose-ranges";
import { spellingChecker, throwIfAborted } from "./spelling-checker";
import { createStyleChecker } from "./style-checker";

/**
 * Every chapter checker, in priority order (when two report the same thing, the earlier one is kept).
 * The checker contract suite (checker-contract.test.ts) runs against every entry of this list.
 */
export const ALL_CHAPTER_CHECKERS: readonly ChapterChecker[] = [
  spellingChecker,
  harperChecker,
  frenchRulesChecker,
  // English a/an and doubled words are harper's (AnA, RepeatedWords): the style checker leaves them out.
  createStyleChecker({ englishGrammar: false }),
  // LanguageTool is not listed: it exists only where LANGUAGETOOL_URL is set (see `languageToolUrl` below);
  // its own tests run the same checks against the loopback fake.
];

export interface CheckerOptions {
  /** Checker ids to leave out (e.g. ["harper"] for a spelling-only pass). */
  exclude?: readonly string[];
  /** Only these checker ids (after `exclude`). */
  only?: readonly string[];
  /** A LanguageTool server (the operator's LANGUAGETOOL_URL): adds its checker after the built-in ones. */
  languageToolUrl?: string;
}

/** The chapter checkers that have something to say about a variant. */
export function chapterCheckersFor(variant: LanguageVariant, options: CheckerOptions = {}): ChapterChecker[] {
  const all = options.languageToolUrl
    ? [...ALL_CHAPTER_CHECKERS, languageToolChecker(options.languageToolUrl)]
    : ALL_CHAPTER_CHECKERS;
  return all.filter(
    (checker) =>
      checker.supports(variant) &&
      !options.exclude?.includes(checker.id) &&
      (options.only === undefined || options.only.includes(checker.id)),
  );
}

const languageToolCheckers = new Map<string, ChapterChecker>();

/** One LanguageTool checker per server URL, kept (it holds no state but its client settings). */
function languageToolChecker(url: string): ChapterChecker {
  let checker = languageToolCheckers.get(url);
  if (!checker) {
    checker = createLanguageToolChecker({ url });
    languageToolCheckers.set(url, checker);
  }
  return checker;
}

/** Loads the dictionaries and harper's wasm once, at worker start, so the first check does not wait for them. */
export async function warmCheckers(variants: readonly LanguageVariant[] = ["en-US", "en-GB", "fr-FR"]): Promise<void> {
  const english = variants.filter((variant): variant is "en-US" | "en-GB" => variant !== "fr-FR");
  await Promise.all([warmDictionaries(variants), warmHarper(english)]);
}

/** Forgets the parsed chapters and their name counts kept between checks (the dictionaries stay loaded). */
export function clearChapterCaches(): void {
  clearProseSegmentsCache();
  clearBookNamesCache();
}

/** Whether a finding points at real source text: integer offsets inside it and `original` equal to the slice. */
export function isValidFinding(markdown: string, finding: Finding): boolean {
  const { startOffset: start, endOffset: end } = finding;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end > start &&
    end <= markdown.length &&
    finding.original === markdown.slice(start, end)
  );
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.startOffset < b.endOffset && b.startOffset < a.endOffset;
}

// A harper finding next to a misspelt word (only spaces between) judged that word as spelt: "a aple" gets
// an a/an lint because "aple" starts with a vowel. Once the word is corrected the lint may not hold.
function touches(markdown: string, a: Finding, b: Finding): boolean {
  if (overlaps(a, b)) return true;
  const [first, second] = a.startOffset < b.startOffset ? [a, b] : [b, a];
  return first.endOffset <= second.startOffset && /^[ \t]*$/.test(markdown.slice(first.endOffset, second.startOffset));
}

/**
 * Drops duplicates: a finding with the same span and type as an earlier one, a non-style finding of another
 * checker that overlaps or directly touches an nspell one (nspell owns spelling; a lint there is its echo),
 * and one that overlaps an earlier finding of the same type from another checker.
 */
export function withoutDuplicates(markdown: string, findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const spelling = findings.filter((finding) => finding.checker === "nspell");
  const kept: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.startOffset}:${finding.endOffset}:${finding.type}`;
    if (seen.has(key)) continue;
    // A grammar remark next to a misspelt word (a/an before "aple") is an echo of the misspelling.
    if (
      finding.checker !== "nspell" &&
      finding.type !== "STYLE" &&
      spelling.some((other) => touches(markdown, finding, other))
    )
      continue;
    // Two checkers saying the same kind of thing about overlapping text (harper's and retext's a/an or
    // doubled word): the earlier checker in the registry's order keeps it.
    if (
      kept.some((other) => other.checker !== finding.checker && other.type === finding.type && overlaps(other, finding))
    )
      continue;
    seen.add(key);
    kept.push(finding);
  }
  return kept;
}

/** Runs the checkers over one chapter: valid, de-duplicated findings sorted by offset. */
export async function runChapterChecks(
  markdown: string,
  context: CheckContext,
  checkers: readonly ChapterChecker[] = chapterCheckersFor(context.variant),
): Promise<Finding[]> {
  const all: Finding[] = [];
  // One after the other: they are CPU-bound, and a cancelled check stops between two of them.
  for (const checker of checkers) {
    throwIfAborted(context.signal);
    if (!checker.supports(context.variant)) continue;
    for (const finding of await checker.check(markdown, context)) {
      // An invalid finding is a checker bug: it is dropped rather than stored with offsets that lie.
      if (isValidFinding(markdown, finding)) all.push(finding);
      else
        console.warn(`checker ${checker.id} reported an invalid finding (${finding.ruleId} at ${finding.startOffset})`);
    }
  }
  const order = new Map(checkers.map((checker, index) => [checker.id, index]));
  all.sort(
    (a, b) =>
      a.startOffset - b.startOffset ||
      a.endOffset - b.endOffset ||
      (order.get(a.checker) ?? 0) - (order.get(b.checker) ?? 0),
  );
  return withoutDuplicates(markdown, all);
}
