// The chapter checkers, and how a chapter is checked with them: run each checker that supports the
// book's variant, drop duplicates, validate every finding against the source, sort by offset.
import type { ChapterChecker, CheckContext, Finding, LanguageVariant } from "./checker";
import { warmDictionaries } from "./dictionaries";
import { frenchRulesChecker } from "./french-rules-checker";
import { harperChecker, warmHarper } from "./harper-checker";
import { spellingChecker, throwIfAborted } from "./spelling-checker";

/**
 * Every chapter checker, in priority order (when two report the same thing, the earlier one is kept).
 * The checker contract suite (checker-contract.test.ts) runs against every entry of this list.
 */
export const ALL_CHAPTER_CHECKERS: readonly ChapterChecker[] = [
  spellingChecker,
  harperChecker,
  frenchRulesChecker,
  // ── Plug-in point for the style and LanguageTool checkers (src/checkers/style-checker.ts,
  // languagetool-checker.ts): append them here. LanguageTool only when LANGUAGETOOL_URL is set.
];

export interface CheckerOptions {
  /** Checker ids to leave out (e.g. ["harper"] for a spelling-only pass). */
  exclude?: readonly string[];
  /** Only these checker ids (after `exclude`). */
  only?: readonly string[];
}

/** The chapter checkers that have something to say about a variant. */
export function chapterCheckersFor(variant: LanguageVariant, options: CheckerOptions = {}): ChapterChecker[] {
  return ALL_CHAPTER_CHECKERS.filter(
    (checker) =>
      checker.supports(variant) &&
      !options.exclude?.includes(checker.id) &&
      (options.only === undefined || options.only.includes(checker.id)),
  );
}

/** Loads the dictionaries and harper's wasm once, at worker start, so the first check does not wait for them. */
export async function warmCheckers(variants: readonly LanguageVariant[] = ["en-US", "en-GB", "fr-FR"]): Promise<void> {
  const english = variants.filter((variant): variant is "en-US" | "en-GB" => variant !== "fr-FR");
  await Promise.all([warmDictionaries(variants), warmHarper(english)]);
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
 * Drops duplicates: a finding with the same span and type as an earlier one, and any harper finding that
 * overlaps or directly touches an nspell one (nspell owns spelling; harper's lint there is its echo).
 */
export function withoutDuplicates(markdown: string, findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const spelling = findings.filter((finding) => finding.checker === "nspell");
  const kept: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.startOffset}:${finding.endOffset}:${finding.type}`;
    if (seen.has(key)) continue;
    if (finding.checker === "harper" && spelling.some((other) => touches(markdown, finding, other))) continue;
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
