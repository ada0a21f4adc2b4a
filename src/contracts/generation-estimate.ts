import { z } from "zod";
import { MIN_WORDS_PER_CHAPTER } from "./book-inputs";
import { engineIds } from "./engine-settings";

// GET /api/books/estimate and GET /api/v1/books/estimate: what a book of this size will cost in tokens (and
// in money, where the organization set prices for its engine), shown before the book is started.

/** Digits only: a query value is text, and "1e5" or "12.5" are not a word count. */
const count = (min: number, max: number, messages: { min: string; max: string }) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number("validation.number.required")
      .int("validation.number.integer")
      .min(min, messages.min)
      .max(max, messages.max),
  );

/** The query: the same bounds as a new book (book-inputs.ts), the engine defaulting to the organization's. */
export const estimateGenerationInput = z
  .object({
    targetChapters: count(1, 50, {
      min: "validation.book.chapterCountMin",
      max: "validation.book.chapterCountMax",
    }).default(8),
    targetWords: count(500, 200_000, {
      min: "validation.book.targetWordsMin",
      max: "validation.book.targetWordsMax",
    }).default(12_000),
    engine: z.enum(engineIds, `Choose one of: ${engineIds.join(", ")}`).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.targetWords < value.targetChapters * MIN_WORDS_PER_CHAPTER) {
      ctx.addIssue({
        code: "custom",
        path: ["targetWords"],
        message: `Allow at least ${MIN_WORDS_PER_CHAPTER} words per chapter (${value.targetChapters * MIN_WORDS_PER_CHAPTER} for ${value.targetChapters} chapters)`,
      });
    }
  });
export type EstimateGenerationInput = z.input<typeof estimateGenerationInput>;

export const generationEstimateSchema = z.object({
  engine: z.object({ id: z.enum(engineIds), label: z.string(), isDemo: z.boolean() }),
  /** The demo engine composes placeholder prose locally: no tokens, nothing to pay. */
  placeholder: z.boolean(),
  /** How chapters are written: one request each ("single") or planned sections written to length. */
  lengthControl: z.enum(["single", "sections"]),
  /** Longest section in words, and the sections the book will have (0 with "single" or the demo engine). */
  sectionWords: z.number().int(),
  sections: z.number().int(),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  totalTokens: z.number().int().min(0),
  /** Null unless the engine is OpenAI-compatible and the organization set its prices per 1k tokens. */
  cost: z
    .object({
      currency: z.string(),
      prompt: z.number(),
      completion: z.number(),
      total: z.number(),
    })
    .nullable(),
});
export type GenerationEstimate = z.infer<typeof generationEstimateSchema>;
