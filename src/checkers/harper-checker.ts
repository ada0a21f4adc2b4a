// English grammar with harper.js (offline, WebAssembly). One linter per dialect per process, created once
// (compiling the wasm takes seconds). Harper lints the prose segments joined by blank lines as plain
// text (the Markdown is already stripped by prose-ranges), and its spans — UTF-16 indexes, checked by
// harper-checker.test.ts with "café" and emoji before a lint — are mapped back to source offsets.
// Spelling belongs to nspell: harper's own spell check is switched off, and `withoutDuplicates` in the
// registry drops any other harper finding that overlaps an nspell one.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Dialect, type Lint, type LintConfig, LocalLinter, type StructuredLintConfig, SuggestionKind } from "harper.js";
import type { ChapterChecker, CheckContext, Finding, FindingSeverity, FindingType, LanguageVariant } from "./checker";
import { type ProseSegment, proseSegments, toSourceRange } from "./prose-ranges";
import { throwIfAborted } from "./spelling-checker";

type EnglishVariant = Exclude<LanguageVariant, "fr-FR">;
const DIALECTS: Record<EnglishVariant, Dialect> = { "en-US": Dialect.American, "en-GB": Dialect.British };

// Which of harper's ~880 rules run. Every rule walks the whole text, so the cost of a lint grows with the
// number of rules switched on: with all of them, harper cost about 12× the spelling pass of a book; its
// parse alone (no rule) about 1.7×. The rules kept are the grammar ones — the settings groups below that
// are about agreement, verb forms, pronouns and articles — and the groups switched off are about other
// things (product and place names, initialisms, closed compounds, hyphenation, idioms, word choice and
// style, numbers and units, spellings that nspell already checks). The measured costs and findings of
// each group are in docs/decisions/0015-checkers.md.
/** Harper settings groups (labels of its structured lint config) whose rules are all switched off. */
export const DISABLED_GROUPS = [
  "Proper Nouns",
  "Initialisms",
  "Closed Compounds",
  "Phrase Corrections",
  "Capitalization and Case",
  "Punctuation and Spacing",
  "Numbers and Units",
  "Compounds and Hyphenation",
  "Spelling and Orthography",
  "Style and Redundancy",
  "Word Choice and Usage",
  "Regionalisms and Dialect",
] as const;
/** Grammar rules that live in a switched-off group and are kept: doubled words and "suppose to". */
export const KEPT_RULES = ["RepeatedWords", "SupposedTo"] as const;
/**
 * Rules switched off in the groups that are kept: spelling (nspell's job, and the book's names and accepted
 * words live there); long sentences (the style checker's readability rule reports them, with the book's
 * own thresholds); the Oxford comma (a house-style choice, not an error); three rules that raised false
 * alarms on the clean prose of the evaluation set (LetsConfusion, WouldNeverHave, WayTooAdjective); and
 * the four costliest rules of the kept groups that found nothing in the evaluation set (ModalSeem,
 * ToTwoToo, MassNouns, EachAndEveryOne: 30 to 110 ms per 100,000 words each, where a rule averages 3 ms).
 */
export const DISABLED_RULES = [
  "SpellCheck",
  "LongSentences",
  "OxfordComma",
  "LetsConfusion",
  "WouldNeverHave",
  "WayTooAdjective",
  "ModalSeem",
  "ToTwoToo",
  "MassNouns",
  "EachAndEveryOne",
] as const;

/** The rule names of each top-level group of harper's structured lint config. */
export function rulesByGroup(structured: StructuredLintConfig): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const walk = (node: StructuredLintConfig, group: string) => {
    for (const setting of node.settings) {
      if ("Group" in setting) {
        walk(setting.Group.child, group || setting.Group.label);
        continue;
      }
      const names = "Bool" in setting ? [setting.Bool.name] : setting.OneOfMany.names;
      groups.set(group, [...(groups.get(group) ?? []), ...names]);
    }
  };
  walk(structured, "");
  return groups;
}

/** Our lint config: harper's defaults, minus the switched-off groups (but the kept rules) and rules. */
export function harperRuleConfig(defaults: LintConfig, structured: StructuredLintConfig): LintConfig {
  const config: LintConfig = { ...defaults };
  const groups = rulesByGroup(structured);
  for (const group of DISABLED_GROUPS) for (const rule of groups.get(group) ?? []) config[rule] = false;
  for (const rule of KEPT_RULES) if (rule in defaults) config[rule] = defaults[rule] ?? true;
  for (const rule of DISABLED_RULES) if (rule in config) config[rule] = false;
  return config;
}

const CACHE_KEY = Symbol.for("scriptorium.checkers.harper");
type Cache = Map<EnglishVariant, Promise<LocalLinter>>;
const linters: Cache = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[CACHE_KEY] = linters;

/** The linter of an English variant, created and set up once per process. */
export function harperLinterFor(variant: EnglishVariant): Promise<LocalLinter> {
  let linter = linters.get(variant);
  if (!linter) {
    linter = (async () => {
      // The package root does not export the inlined wasm binary: load it from the package's own dist folder.
      const dist = path.dirname(fileURLToPath(import.meta.resolve("harper.js")));
      const { binaryInlined } = await import(pathToFileURL(path.join(dist, "binaryInlined.js")).href);
      const created = new LocalLinter({ binary: binaryInlined, dialect: DIALECTS[variant] });
      await created.setup();
      const [defaults, structured] = await Promise.all([
        created.getDefaultLintConfig(),
        created.getStructuredLintConfig(),
      ]);
      await created.setLintConfig(harperRuleConfig(defaults, structured));
      return created;
    })();
    linter.catch(() => linters.delete(variant));
    linters.set(variant, linter);
  }
  return linter;
}

export async function warmHarper(variants: readonly EnglishVariant[] = ["en-US", "en-GB"]): Promise<void> {
  await Promise.all(variants.map((variant) => harperLinterFor(variant)));
}

// Harper's lint kinds → the finding's type and severity. Agreement errors, repeated words and a/an are
// precise enough to be ERRORs; the other grammar kinds are WARNINGs; style is INFO or WARNING.
const KINDS: Record<string, { type: FindingType; severity: FindingSeverity }> = {
  Agreement: { type: "GRAMMAR", severity: "ERROR" },
  Repetition: { type: "GRAMMAR", severity: "ERROR" },
  BoundaryError: { type: "GRAMMAR", severity: "WARNING" },
  Capitalization: { type: "GRAMMAR", severity: "WARNING" },
  Eggcorn: { type: "GRAMMAR", severity: "WARNING" },
  Grammar: { type: "GRAMMAR", severity: "WARNING" },
  Malapropism: { type: "GRAMMAR", severity: "WARNING" },
  Miscellaneous: { type: "GRAMMAR", severity: "WARNING" },
  Nonstandard: { type: "GRAMMAR", severity: "WARNING" },
  Punctuation: { type: "GRAMMAR", severity: "WARNING" },
  Usage: { type: "GRAMMAR", severity: "WARNING" },
  WordChoice: { type: "GRAMMAR", severity: "WARNING" },
  WordOrder: { type: "GRAMMAR", severity: "WARNING" },
  Spelling: { type: "SPELLING", severity: "ERROR" },
  Typo: { type: "SPELLING", severity: "WARNING" },
  Redundancy: { type: "STYLE", severity: "WARNING" },
  Regionalism: { type: "STYLE", severity: "WARNING" },
  Style: { type: "STYLE", severity: "WARNING" },
  Enhancement: { type: "STYLE", severity: "INFO" },
  Formatting: { type: "STYLE", severity: "INFO" },
  Readability: { type: "STYLE", severity: "INFO" },
};
const UNKNOWN_KIND = { type: "GRAMMAR", severity: "WARNING" } as const;
// Rules precise enough to be ERRORs whatever their kind.
const ERROR_RULES = new Set(["AnA"]);

/** The prose segments joined by blank lines, with where each segment starts in the joined text. */
interface JoinedProse {
  text: string;
  starts: number[];
  segments: readonly ProseSegment[];
}

export function joinSegments(segments: readonly ProseSegment[]): JoinedProse {
  const starts: number[] = [];
  let text = "";
  for (const segment of segments) {
    if (text.length > 0) text += "\n\n";
    starts.push(text.length);
    text += segment.text;
  }
  return { text, starts, segments };
}

/** The source range of [start, end) of the joined text, or null when it crosses a segment boundary. */
export function joinedToSource(joined: JoinedProse, start: number, end: number): { start: number; end: number } | null {
  let low = 0;
  let high = joined.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (joined.starts[middle]! <= start) low = middle;
    else high = middle - 1;
  }
  const segment = joined.segments[low];
  const segmentStart = joined.starts[low];
  if (!segment || segmentStart === undefined) return null;
  const localStart = start - segmentStart;
  const localEnd = end - segmentStart;
  if (localStart < 0 || localEnd > segment.text.length || localEnd <= localStart) return null;
  return toSourceRange(segment, localStart, localEnd);
}

function suggestionsOf(lint: Lint, original: string): string[] {
  const out: string[] = [];
  for (const suggestion of lint.suggestions()) {
    const kind = suggestion.kind();
    const text =
      kind === SuggestionKind.Remove
        ? ""
        : kind === SuggestionKind.InsertAfter
          ? original + suggestion.get_replacement_text()
          : suggestion.get_replacement_text();
    if (text !== original && !out.includes(text)) out.push(text);
  }
  return out;
}

export const harperChecker: ChapterChecker = {
  id: "harper",
  supports: (variant) => variant === "en-US" || variant === "en-GB",
  async check(markdown: string, context: CheckContext): Promise<Finding[]> {
    throwIfAborted(context.signal);
    if (context.variant === "fr-FR" || markdown.trim() === "") return [];
    const linter = await harperLinterFor(context.variant);
    throwIfAborted(context.signal);
    const joined = joinSegments(proseSegments(markdown));
    if (joined.text === "") return [];
    const byRule = await linter.organizedLints(joined.text, { language: "plaintext" });
    throwIfAborted(context.signal);
    const findings: Finding[] = [];
    for (const [rule, lints] of Object.entries(byRule)) {
      for (const lint of lints) {
        const kind = lint.lint_kind();
        const mapping = KINDS[kind] ?? UNKNOWN_KIND;
        // nspell owns spelling; harper's spell check is off, and what is left of it is dropped.
        if (kind === "Spelling") continue;
        const span = lint.span();
        const range = joinedToSource(joined, span.start, span.end);
        if (!range) continue;
        const original = markdown.slice(range.start, range.end);
        findings.push({
          type: mapping.type,
          severity: mapping.type === "STYLE" ? mapping.severity : ERROR_RULES.has(rule) ? "ERROR" : mapping.severity,
          ruleId: rule,
          checker: "harper",
          message: lint.message(),
          original,
          suggestions: suggestionsOf(lint, joined.text.slice(span.start, span.end)),
          startOffset: range.start,
          endOffset: range.end,
        });
      }
    }
    return findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  },
};
