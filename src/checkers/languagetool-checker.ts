import type { ChapterChecker, CheckContext, Finding, FindingSeverity, FindingType, LanguageVariant } from "./checker";
import {
  type AnnotationPart,
  LanguageToolClient,
  type LanguageToolClientOptions,
  type LanguageToolMatch,
} from "./languagetool-client";
import { type ProseSegment, proseSegments } from "./prose-segments-for-style";

/**
 * LanguageTool as a chapter checker (id "languagetool"), used only when the operator runs a server and sets
 * LANGUAGETOOL_URL; the caller reads the environment and passes the URL. The chapter goes out as an
 * annotation of its whole Markdown source (prose as text, the rest as markup), so the answer's offsets are
 * source offsets.
 */

/** LanguageTool's codes for our variants (its French is "fr"; it has no separate fr-FR). */
export const LANGUAGETOOL_LANGUAGE: Record<LanguageVariant, string> = {
  "en-US": "en-US",
  "en-GB": "en-GB",
  "fr-FR": "fr",
};

/**
 * How a match becomes a finding, by its rule's ITS issue type (LanguageTool's `rule.issueType`) and
 * category: the dictionary's misspellings (category TYPOS) are SPELLING errors; grammar, duplication,
 * inconsistency and other "misspelling" issues (word confusions such as a/an) are GRAMMAR warnings; typographical issues (punctuation, casing, spacing:
 * "typographical", "whitespace", "punctuation", and categories PUNCTUATION, CASING, TYPOGRAPHY) are GRAMMAR
 * information, since they are about correctness rather than taste; style, register and locale issues are
 * STYLE information; anything else is GRAMMAR information.
 */
export function classifyMatch(match: LanguageToolMatch): { type: FindingType; severity: FindingSeverity } {
  const issue = match.rule.issueType?.toLowerCase() ?? "";
  const category = match.rule.category?.id.toUpperCase() ?? "";
  if (category === "TYPOS") return { type: "SPELLING", severity: "ERROR" };
  // LanguageTool also marks some word confusions "misspelling" (EN_A_VS_AN, category MISC): not dictionary
  // spelling, so they are grammar here.
  if (["misspelling", "grammar", "duplication", "inconsistency"].includes(issue) || category === "GRAMMAR") {
    return { type: "GRAMMAR", severity: "WARNING" };
  }
  if (["style", "register", "locale-violation", "locale-specific-content"].includes(issue) || category === "STYLE") {
    return { type: "STYLE", severity: "INFO" };
  }
  return { type: "GRAMMAR", severity: "INFO" };
}

/**
 * The Markdown source as LanguageTool annotation parts covering every character: the prose of each
 * segment as text, everything between as markup. Markup between two segments reads as a paragraph break;
 * markup inside a segment (emphasis markers, link brackets, an escape's backslash) reads as the prose it
 * stands for there (usually nothing).
 */
export function annotationFor(markdown: string, segments: ProseSegment[]): AnnotationPart[] {
  const parts: AnnotationPart[] = [];
  let cursor = 0;
  const addMarkup = (end: number, interpretAs: string) => {
    if (end <= cursor) return;
    parts.push(
      interpretAs ? { markup: markdown.slice(cursor, end), interpretAs } : { markup: markdown.slice(cursor, end) },
    );
    cursor = end;
  };
  for (const [index, segment] of segments.entries()) {
    let skipped = "";
    let first = true;
    for (let i = 0; i < segment.text.length; i++) {
      const ch = segment.text[i]!;
      const source = segment.toSource(i);
      if (source < cursor || markdown[source] !== ch) {
        // A character the source writes differently (an escape or entity): it is read from the markup.
        skipped += ch;
        continue;
      }
      // (Skipped prose with no source between to carry it is dropped: rare, and only loses an escape.)
      if (source > cursor) addMarkup(source, first && index > 0 ? `\n\n${skipped}` : skipped);
      skipped = "";
      first = false;
      const last = parts[parts.length - 1];
      if (last && "text" in last) last.text += ch;
      else parts.push({ text: ch });
      cursor = source + 1;
    }
  }
  addMarkup(markdown.length, "\n");
  return parts;
}

export function createLanguageToolChecker(options: LanguageToolClientOptions): ChapterChecker {
  const client = new LanguageToolClient(options);
  return {
    id: "languagetool",
    supports: (variant) => variant in LANGUAGETOOL_LANGUAGE,
    async check(markdown: string, context: CheckContext): Promise<Finding[]> {
      const parts = annotationFor(markdown, proseSegments(markdown));
      if (!parts.some((part) => "text" in part && part.text.trim())) return [];
      const matches = await client.check(parts, LANGUAGETOOL_LANGUAGE[context.variant], context.signal);
      const findings: Finding[] = [];
      for (const match of matches) {
        const start = match.offset;
        const end = match.offset + match.length;
        if (match.length === 0 || end > markdown.length) continue;
        const original = markdown.slice(start, end);
        const { type, severity } = classifyMatch(match);
        // The organization's dictionary and the book's ignore list apply to LanguageTool's spelling too.
        if (type === "SPELLING" && (context.acceptedWords.has(original) || context.bookNames.has(original))) continue;
        findings.push({
          type,
          severity,
          ruleId: match.rule.subId ? `${match.rule.id}[${match.rule.subId}]` : match.rule.id,
          checker: "languagetool",
          message: match.message,
          original,
          suggestions: match.replacements.slice(0, 5).map((replacement) => replacement.value),
          startOffset: start,
          endOffset: end,
        });
      }
      return findings;
    },
  };
}
