import { z } from "zod";
import { type BookLanguage, bookLanguages, type EngineId, engineIds } from "@/contracts/book-inputs";

/**
 * The one interface every AI writing engine implements (demo, openai-compatible, crewai).
 * Engines are pure adapters: no database, no Next.js; the generation pipeline owns jobs and persistence.
 */

// The languages and engine ids are part of the books contract (the create-book form offers them).
export { type BookLanguage, bookLanguages, type EngineId, engineIds };

/** What the author asked for; the pipeline builds it from the Book row. */
export const bookBriefSchema = z.object({
  title: z.string().trim().min(1).max(200),
  topic: z.string().trim().min(1).max(2000),
  goal: z.string().trim().min(1).max(2000),
  audience: z.string().trim().max(500).optional(),
  language: z.enum(bookLanguages),
  tone: z.string().trim().max(200).optional(),
  targetChapters: z.number().int().min(1).max(100),
  targetWords: z.number().int().min(100).max(500_000),
});
export type BookBrief = z.infer<typeof bookBriefSchema>;

/** One planned chapter. `wordBudget` accepts "1200" from sloppy models and is rounded by `validateOutline`. */
export const outlineChapterSchema = z.object({
  title: z.string().trim().min(1).max(200),
  synopsis: z.string().trim().min(1).max(4000),
  wordBudget: z.coerce.number().finite().positive(),
});
export type OutlineChapter = z.infer<typeof outlineChapterSchema>;

export const outlineSchema = z.object({
  chapters: z.array(outlineChapterSchema).min(1).max(100),
});
export type Outline = z.infer<typeof outlineSchema>;

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface OutlineRequest {
  brief: BookBrief;
  /** The validation error of the previous attempt, fed back so the model can fix its answer. */
  feedback?: string;
}

export interface OutlineResult {
  outline: Outline;
  usage?: TokenUsage;
}

export interface ChapterRequest {
  brief: BookBrief;
  outline: Outline;
  /** 0-based position of the chapter in `outline.chapters`. */
  index: number;
  /** Defaults to the synopsis of the chapter before `index`, for continuity. */
  previousSynopsis?: string;
  /** Defaults to the synopsis of the chapter after `index`, so the chapter sets it up. */
  nextSynopsis?: string;
}

export interface ChapterResult {
  /** Markdown body of the chapter, without an H1 (the exporters add the chapter title). */
  content: string;
  wordCount: number;
  usage?: TokenUsage;
}

/** Receives text as it is produced (one call per streamed delta). */
export type TokenListener = (token: string) => void;

export interface WritingEngine {
  readonly id: EngineId;
  readonly label: string;
  /** True when the text is placeholder prose; the pipeline stores it as Book.isDemoContent. */
  readonly isDemo: boolean;
  outline(req: OutlineRequest, signal?: AbortSignal): Promise<OutlineResult>;
  writeChapter(req: ChapterRequest, onToken: TokenListener, signal?: AbortSignal): Promise<ChapterResult>;
}

export type EngineErrorCode =
  | "NOT_CONFIGURED"
  | "ABORTED"
  | "TIMEOUT"
  | "NETWORK"
  | "RATE_LIMITED"
  | "AUTH"
  | "BAD_REQUEST"
  | "PROVIDER_ERROR"
  | "INVALID_RESPONSE"
  | "INVALID_OUTLINE"
  | "STREAM_INTERRUPTED"
  | "CREW_FAILED"
  | "CREW_TIMEOUT"
  | "CREW_RESULT_MISSING"
  /** The SSRF guard refused the organization's engine URL (private, loopback or metadata address). */
  | "PRIVATE_ADDRESS"
  /** The provider answered with a 3xx: redirects are not followed. */
  | "REDIRECTED"
  /** The provider account has no credit left (OpenAI's `insufficient_quota`): never retried. */
  | "QUOTA_EXHAUSTED"
  /** The model kept stopping at its output limit (`finish_reason: length`), even after being asked to continue. */
  | "CHAPTER_TRUNCATED"
  /** The provider's content filter cut the answer (`finish_reason: content_filter`). */
  | "CONTENT_FILTERED"
  /** The book bible stayed unreadable after a retry with the error fed back. */
  | "INVALID_BIBLE"
  /** A chapter's section plan stayed unusable (not JSON, no sections) after a retry with the error fed back. */
  | "INVALID_SECTION_PLAN";

/**
 * A failure of an engine or its provider. `retryable` tells the pipeline whether running the same step
 * again may succeed (429, 5xx, timeouts, cut streams) or is pointless (bad key, bad request, cancelled).
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly retryable: boolean;
  /** HTTP status of the provider response, when there was one. */
  readonly status?: number;
  /** Tokens spent before the failure (e.g. an unparseable outline), so retries are still billed right. */
  readonly usage?: TokenUsage;

  constructor(
    code: EngineErrorCode,
    message: string,
    options: { retryable?: boolean; status?: number; cause?: unknown; usage?: TokenUsage } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EngineError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.usage = options.usage;
  }
}

/** Sums two optional usages; undefined only when neither side reported any. */
export function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens };
}

/** Throws the ABORTED engine error when the caller cancelled, so loops stop at the next check. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError("ABORTED", "Generation was cancelled", { cause: signal.reason });
}

export type ValidateOutlineResult = { ok: true; outline: Outline } | { ok: false; error: string };

/** Checks only the JSON shape of an outline; the error names the offending fields for the model. */
export function parseOutline(raw: unknown): ValidateOutlineResult {
  const parsed = outlineSchema.safeParse(raw);
  if (parsed.success) return { ok: true, outline: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
  return {
    ok: false,
    error: `The outline does not match the required JSON shape {"chapters":[{"title","synopsis","wordBudget"}]}: ${problems}`,
  };
}

/**
 * Checks a model's outline against the brief and returns either the outline with budgets normalized or a
 * readable error meant to be fed back to the model.
 *
 * The chapter count must equal `targetChapters` exactly (a wrong count changes the book's structure, so
 * the model must redo it). Word budgets are NOT required to add up: models are poor at arithmetic and a
 * retry for a sum that is off by a few words wastes a whole call. Budgets are instead scaled
 * proportionally and rounded (largest remainder) so they sum to exactly `targetWords`.
 */
export function validateOutline(
  raw: unknown,
  brief: Pick<BookBrief, "targetChapters" | "targetWords">,
): ValidateOutlineResult {
  const parsed = parseOutline(raw);
  if (!parsed.ok) return parsed;
  const chapters = parsed.outline.chapters;
  if (chapters.length !== brief.targetChapters) {
    return {
      ok: false,
      error: `The outline has ${chapters.length} chapters but exactly ${brief.targetChapters} are required.`,
    };
  }
  if (brief.targetWords < chapters.length) {
    return { ok: false, error: `targetWords (${brief.targetWords}) is smaller than the number of chapters.` };
  }
  const budgets = normalizeBudgets(
    chapters.map((c) => c.wordBudget),
    brief.targetWords,
  );
  return { ok: true, outline: { chapters: chapters.map((c, i) => ({ ...c, wordBudget: budgets[i]! })) } };
}

/** Scales positive weights to integers ≥ 1 that sum exactly to `total` (largest-remainder rounding). */
export function normalizeBudgets(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const n = weights.length;
  // Reserve one word per chapter so no budget rounds down to zero.
  const spread = total - n;
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * spread : spread / n));
  const floors = exact.map(Math.floor);
  let remaining = spread - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, frac: value - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i]! += 1;
    remaining -= 1;
  }
  return floors.map((f) => f + 1);
}
