import { z } from "zod";
import { extractJson } from "@/engines/openai-compatible-engine";
import type { BookChecker, BookCheckInput, BookFinding, CheckedChapter, FindingSeverity } from "./checker";
import { proseSegments } from "./prose-segments-for-style";

/**
 * Coherence check (checker id "coherence", type COHERENCE): one request to the book's language model with
 * the outline (titles and synopses) and a bounded excerpt of every chapter (its opening and closing
 * paragraphs), asking for contradictions and continuity errors as JSON. A finding must quote a passage that
 * exists in the chapter it names: the quote is looked up in that chapter's text (whitespace, curly quotes,
 * emphasis markers and case aside) and its offsets are kept; a quote that is not there is dropped, since
 * the model may invent or paraphrase. The caller supplies `complete` (see coherence-engine.ts); the demo
 * engine has no coherence checker at all.
 */

export interface CoherenceMessage {
  role: "system" | "user";
  content: string;
}
export type CompleteFunction = (messages: CoherenceMessage[], options: { signal?: AbortSignal }) => Promise<string>;

/** The model's answer could not be read as the findings JSON: the job reports it, no findings are stored. */
export class CoherenceAnswerError extends Error {
  readonly code = "COHERENCE_INVALID_ANSWER";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CoherenceAnswerError";
  }
}

/** Longest excerpt of one chapter sent (opening + closing paragraphs), and of all of them together. */
export const CHAPTER_EXCERPT_CHARS = 1_500;
export const TOTAL_EXCERPT_CHARS = 60_000;
/** At most this many findings are kept from one answer. */
export const MAX_FINDINGS = 50;

const severitySchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.enum(["INFO", "WARNING", "ERROR", "CRITICAL"]),
);

/** One finding as the model answers it; either the chapter's order or its title names the chapter. */
export const coherenceItemSchema = z
  .object({
    chapterOrder: z.coerce.number().int().optional(),
    chapterTitle: z.string().optional(),
    quote: z.string().trim().min(3).max(2_000),
    message: z.string().trim().min(1).max(1_000),
    severity: severitySchema.optional(),
    suggestion: z.string().trim().max(2_000).optional(),
  })
  .refine((item) => item.chapterOrder !== undefined || item.chapterTitle !== undefined, {
    message: "names no chapter (chapterOrder or chapterTitle)",
  });
export type CoherenceItem = z.infer<typeof coherenceItemSchema>;

/** The answer: `{ "findings": [...] }`, or a bare array (models often drop the wrapper). */
export const coherenceAnswerSchema = z.union([z.object({ findings: z.array(z.unknown()) }), z.array(z.unknown())]);

/** The coherence checker on a chat model (OpenAI-compatible): the question as system + user messages. */
export function createCoherenceChecker(complete: CompleteFunction): BookChecker {
  return createCoherenceCheckerAsking((question, options) => complete(coherenceMessages(question), options));
}

/** The coherence checker on any answerer (a CrewAI crew's review run): same question, same answer checks. */
export function createCoherenceCheckerAsking(ask: AskFunction): BookChecker {
  return {
    id: "coherence",
    async check(book: BookCheckInput): Promise<BookFinding[]> {
      const chapters = [...book.chapters].sort((a, b) => a.order - b.order);
      if (chapters.length === 0) return [];
      const answer = await ask(coherenceQuestion(book.title, book.variant, chapters), { signal: book.signal });
      return findingsFromAnswer(answer, chapters);
    },
  };
}

/** The opening and closing paragraphs of a chapter, within `budget` characters. */
export function chapterExcerpt(chapter: CheckedChapter, budget: number): string {
  const paragraphs = proseSegments(chapter.markdown)
    .map((segment) => segment.text.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const whole = paragraphs.join("\n");
  if (whole.length <= budget) return whole;
  const half = Math.floor((budget - 5) / 2);
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  for (const paragraph of paragraphs) {
    if (used + paragraph.length > half) {
      if (head.length === 0) head.push(paragraph.slice(0, half));
      break;
    }
    head.push(paragraph);
    used += paragraph.length;
  }
  used = 0;
  for (const paragraph of [...paragraphs].reverse()) {
    if (used + paragraph.length > half) {
      if (tail.length === 0) tail.push(paragraph.slice(paragraph.length - half));
      break;
    }
    tail.unshift(paragraph);
    used += paragraph.length;
  }
  return `${head.join("\n")}\n[…]\n${tail.join("\n")}`;
}

/**
 * What the coherence pass asks about, whoever answers: the outline (one line per chapter) and the bounded
 * excerpts. The OpenAI-compatible path wraps it in chat messages (`coherenceMessages`); a CrewAI crew gets
 * `outline` and `excerpts` as the inputs of its review kickoff (docs/crew/contract.md).
 */
export interface CoherenceQuestion {
  title: string;
  /** The book's language code ("en", "fr"). */
  language: string;
  outline: string;
  excerpts: string;
}

/** Asks the question and answers the raw text of the findings JSON. */
export type AskFunction = (question: CoherenceQuestion, options: { signal?: AbortSignal }) => Promise<string>;

export function coherenceQuestion(title: string, variant: string, chapters: CheckedChapter[]): CoherenceQuestion {
  const budget = Math.max(200, Math.min(CHAPTER_EXCERPT_CHARS, Math.floor(TOTAL_EXCERPT_CHARS / chapters.length)));
  const outline = chapters
    .map((c) => `${c.order}. ${c.title}${c.synopsis ? ` — ${c.synopsis.replace(/\s+/g, " ").trim()}` : ""}`)
    .join("\n");
  const excerpts = chapters.map((c) => `### Chapter ${c.order}: ${c.title}\n${chapterExcerpt(c, budget)}`).join("\n\n");
  return { title, language: variant.slice(0, 2), outline, excerpts };
}

/** The answer format both paths ask for (the crew contract quotes it for the review task). */
export const COHERENCE_ANSWER_FORMAT =
  'Answer with a JSON object {"findings": [...]}, each finding being {"chapterOrder": <number of the ' +
  'chapter where the problem is>, "quote": "<words copied exactly from that chapter\'s excerpt, at ' +
  'most one sentence>", "message": "<what contradicts what, naming the other chapter>", "severity": ' +
  '"INFO" | "WARNING" | "ERROR", "suggestion": "<optional replacement text for the quote>"}.';

export function coherenceMessages(question: CoherenceQuestion): CoherenceMessage[] {
  const language = question.language === "fr" ? "French" : "English";
  return [
    {
      role: "system",
      content:
        "You are a careful book editor. You find contradictions and continuity errors between the chapters " +
        "of a book: facts, names, dates, ages, places or events that disagree, and chapters that do not follow " +
        "from the outline or from each other. You answer with JSON only.",
    },
    {
      role: "user",
      content: [
        `Book: ${question.title}`,
        `Outline:\n${question.outline}`,
        `Excerpts (the opening and closing paragraphs of each chapter):\n\n${question.excerpts}`,
        `${COHERENCE_ANSWER_FORMAT} Write message and suggestion in ${language}. Report only real problems; ` +
          'answer {"findings": []} when there are none.',
      ].join("\n\n"),
    },
  ];
}

export function coherencePrompt(title: string, variant: string, chapters: CheckedChapter[]): CoherenceMessage[] {
  return coherenceMessages(coherenceQuestion(title, variant, chapters));
}

/** Reads the model's answer; throws CoherenceAnswerError when it is not the findings JSON. */
export function findingsFromAnswer(answer: string, chapters: CheckedChapter[]): BookFinding[] {
  let raw: unknown;
  try {
    raw = extractJson(answer);
  } catch (error) {
    throw new CoherenceAnswerError(
      `The coherence check's answer is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const parsed = coherenceAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CoherenceAnswerError('The coherence check\'s answer is JSON but not {"findings": [...]}', {
      cause: parsed.error,
    });
  }
  const items = Array.isArray(parsed.data) ? parsed.data : parsed.data.findings;
  const findings: BookFinding[] = [];
  for (const rawItem of items.slice(0, MAX_FINDINGS)) {
    // One malformed item is skipped, not the whole answer.
    const item = coherenceItemSchema.safeParse(rawItem);
    if (!item.success) continue;
    const chapter = chapterOf(item.data, chapters);
    if (!chapter) continue;
    const range = findQuote(chapter.markdown, item.data.quote);
    if (!range) continue;
    const severity: FindingSeverity = item.data.severity === "CRITICAL" ? "ERROR" : (item.data.severity ?? "WARNING");
    findings.push({
      type: "COHERENCE",
      severity,
      ruleId: "contradiction",
      checker: "coherence",
      message: item.data.message,
      original: chapter.markdown.slice(range[0], range[1]),
      suggestions: item.data.suggestion ? [item.data.suggestion] : [],
      chapterId: chapter.id,
      startOffset: range[0],
      endOffset: range[1],
    });
  }
  return findings;
}

const normaliseTitle = (title: string) => title.replace(/\s+/g, " ").trim().toLowerCase();

function chapterOf(item: CoherenceItem, chapters: CheckedChapter[]): CheckedChapter | undefined {
  if (item.chapterOrder !== undefined) {
    const byOrder = chapters.find((c) => c.order === item.chapterOrder);
    if (byOrder) return byOrder;
  }
  if (item.chapterTitle) {
    const wanted = normaliseTitle(item.chapterTitle);
    return chapters.find((c) => normaliseTitle(c.title) === wanted);
  }
  return undefined;
}

// Characters compared as one: curly and straight quotes, dashes; emphasis markers are not compared at all.
const FOLD: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "‚": "'",
  "‛": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "«": '"',
  "»": '"',
  "–": "-",
  "—": "-",
};
const IGNORED = new Set(["*", "_"]);

/** `text` folded for matching, with the source index of every folded character. */
function fold(text: string): { folded: string; sources: number[] } {
  let folded = "";
  const sources: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (IGNORED.has(ch)) continue;
    if (/\s/.test(ch)) {
      if (!lastWasSpace) {
        folded += " ";
        sources.push(i);
      }
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    // Lower-casing may lengthen a character (İ → i̇): every resulting unit points back to the same source.
    const lower = (FOLD[ch] ?? ch).toLowerCase();
    folded += lower;
    for (let unit = 0; unit < lower.length; unit++) sources.push(i);
  }
  return { folded, sources };
}

/** The source range of `quote` in `markdown` (whitespace, quotes, emphasis and case aside), if it is there. */
export function findQuote(markdown: string, quote: string): [number, number] | undefined {
  const { folded, sources } = fold(markdown);
  // Models wrap quotes in quotation marks or end them with an ellipsis that the text may not have: the quote
  // as given is tried first, then without the wrapping marks, then without the ellipsis too.
  const unwrapped = quote.trim().replace(/^["'“”«»‘’]+\s*([\s\S]*?)\s*["'“”«»‘’]+$/, "$1");
  const candidates = [quote, unwrapped, unwrapped.replace(/\s*(\.\.\.|…)$/, "")];
  for (const candidate of candidates) {
    const needle = fold(candidate.trim()).folded.trim();
    if (needle.length < 3) continue;
    const at = folded.indexOf(needle);
    if (at !== -1) return [sources[at]!, sources[at + needle.length - 1]! + 1];
  }
  return undefined;
}
