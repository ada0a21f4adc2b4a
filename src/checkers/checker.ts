// The checkers adapter folder (like engines/ and exporters/): every checker reads a chapter's Markdown (or,
// for book-level checks, the whole book) and answers findings with offsets into the Markdown SOURCE. They
// are pure library code: no database, no server imports; the book.check job (src/server/corrections/)
// loads the context, runs them and stores what they find.

export type FindingType = "SPELLING" | "GRAMMAR" | "STYLE" | "COHERENCE" | "STRUCTURE";
export type FindingSeverity = "INFO" | "WARNING" | "ERROR" | "CRITICAL";

/** The language variants a book can be checked in; `variantForBook` maps the old bare `language`. */
export type LanguageVariant = "en-US" | "en-GB" | "fr-FR";
export const LANGUAGE_VARIANTS: readonly LanguageVariant[] = ["en-US", "en-GB", "fr-FR"];

/** The variant a book is checked in: its own variant when set, else the default for its language. */
export function variantForBook(language: string, languageVariant?: string | null): LanguageVariant {
  if (languageVariant && (LANGUAGE_VARIANTS as readonly string[]).includes(languageVariant)) {
    return languageVariant as LanguageVariant;
  }
  return language.toLowerCase().startsWith("fr") ? "fr-FR" : "en-US";
}

/** One problem a checker found in a chapter. Offsets are UTF-16 indexes into the chapter's Markdown. */
export interface Finding {
  type: FindingType;
  severity: FindingSeverity;
  /** Stable id of the rule within its checker, e.g. "misspelling", "passive-voice", "a-an". */
  ruleId: string;
  /** Id of the checker that produced it: "nspell", "harper", "french-rules", "languagetool", "retext", … */
  checker: string;
  message: string;
  /** The source text at [startOffset, endOffset) when the check ran. */
  original: string;
  /** Replacements for `original`, best first; empty when there is nothing mechanical to propose. */
  suggestions: string[];
  startOffset: number;
  endOffset: number;
}

/** What a chapter checker knows besides the text. */
export interface CheckContext {
  variant: LanguageVariant;
  /** Words never reported as misspelt: the organization's dictionary plus the book's ignore list (as typed). */
  acceptedWords: ReadonlySet<string>;
  /** Names the book itself uses consistently (capitalised mid-sentence, repeated), found across all chapters. */
  bookNames: ReadonlySet<string>;
  /** Stops the work early (cancelled check). */
  signal?: AbortSignal;
}

export interface ChapterChecker {
  /** Same value as Finding.checker. */
  id: string;
  /** Whether it has anything to say about this variant (e.g. harper is English only). */
  supports(variant: LanguageVariant): boolean;
  check(markdown: string, context: CheckContext): Promise<Finding[]>;
}

/** A chapter as book-level checkers see it. */
export interface CheckedChapter {
  id: string;
  order: number;
  title: string;
  markdown: string;
  synopsis: string | null;
  wordBudget: number | null;
}

/** A finding about the book as a whole, or tied to one chapter (and then maybe to a passage of it). */
export interface BookFinding extends Omit<Finding, "startOffset" | "endOffset"> {
  chapterId: string | null;
  startOffset: number | null;
  endOffset: number | null;
}

export interface BookCheckInput {
  title: string;
  variant: LanguageVariant;
  chapters: CheckedChapter[];
  signal?: AbortSignal;
}

export interface BookChecker {
  id: string;
  check(book: BookCheckInput): Promise<BookFinding[]>;
}
