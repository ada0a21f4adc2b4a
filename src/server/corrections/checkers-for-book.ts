import "server-only";
import type { BookChecker, ChapterChecker, Finding, LanguageVariant } from "@/checkers/checker";

/** The checkers a run uses; tests inject their own through `CheckerSource`. */
export interface BookCheckers {
  chapterCheckers: ChapterChecker[];
  bookCheckers: BookChecker[];
}

export interface CheckerRequest {
  variant: LanguageVariant;
  /** The book's engine id: coherence only runs for real engines. */
  engine: string;
  /** Whether this run may run the expensive book-level checks (coherence): GENERATION/MANUAL full runs. */
  thorough: boolean;
}

export type CheckerSource = (request: CheckerRequest) => BookCheckers | Promise<BookCheckers>;

// INTEGRATION: replaced by src/checkers/registry.ts when 15A lands (chapterCheckersFor(variant), the
// structure checker, coherence only for real engines and thorough runs). Until then a tiny rule checker
// keeps the pipeline honest end to end: repeated words ("the the") and "a" before a vowel sound in English.
const temporaryRulesChecker: ChapterChecker = {
  id: "basic-rules",
  supports: () => true,
  async check(markdown, context) {
    const findings: Finding[] = [];
    for (const match of markdown.matchAll(/\b(\p{L}+)(\s+)(\1)\b/giu)) {
      if (context.signal?.aborted) break;
      const word = match[1] ?? "";
      if (match[1]?.toLowerCase() !== match[3]?.toLowerCase()) continue;
      const start = match.index ?? 0;
      findings.push({
        type: "GRAMMAR",
        severity: "WARNING",
        ruleId: "repeated-word",
        checker: "basic-rules",
        message: `“${word}” is repeated`,
        original: match[0],
        suggestions: [word],
        startOffset: start,
        endOffset: start + match[0].length,
      });
    }
    if (context.variant.startsWith("en")) {
      for (const match of markdown.matchAll(/\b([Aa]) ([aeio]\p{L}*)\b/gu)) {
        const start = match.index ?? 0;
        findings.push({
          type: "GRAMMAR",
          severity: "ERROR",
          ruleId: "a-an",
          checker: "basic-rules",
          message: `Use “an” before “${match[2]}”`,
          original: match[0],
          suggestions: [`${match[1] === "A" ? "An" : "an"} ${match[2]}`],
          startOffset: start,
          endOffset: start + match[0].length,
        });
      }
    }
    return findings;
  },
};

/** The checkers for a book (temporary list, see above). */
export const checkersForBook: CheckerSource = () => ({ chapterCheckers: [temporaryRulesChecker], bookCheckers: [] });

// INTEGRATION: becomes `warmCheckers()` from src/checkers/registry.ts (loads the dictionaries once per worker).
export async function warmCheckers(): Promise<void> {}
