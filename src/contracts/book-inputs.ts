import { z } from "zod";
import { bookStatusSchema } from "./books";
import { engineIds } from "./engine-settings";

// The request bodies and queries of the book routes (internal and v1). The use cases parse their input with
// these same schemas, so the server, the public API document and the UI's form checks share one set of rules.

/** The languages a book can be written in. */
export const bookLanguages = ["en", "fr"] as const;
export type BookLanguage = (typeof bookLanguages)[number];

/** The writing engines a book can be generated with (declared once, with the engine settings). */
export { type EngineId, engineIds } from "./engine-settings";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const numeric = (v: unknown) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v);

export const MIN_WORDS_PER_CHAPTER = 100;

/** POST /books. */
export const createBookInput = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
    topic: z.string().trim().min(3, "Describe the topic in a few words").max(2000, "Use at most 2000 characters"),
    goal: z.string().trim().min(3, "Say what the reader should get from it").max(2000, "Use at most 2000 characters"),
    audience: z.preprocess(emptyToUndefined, z.string().trim().max(500, "Use at most 500 characters").optional()),
    language: z.enum(bookLanguages, "Choose English (en) or French (fr)").default("en"),
    tone: z.preprocess(emptyToUndefined, z.string().trim().max(200, "Use at most 200 characters").optional()),
    targetChapters: z
      .preprocess(
        numeric,
        z
          .number("Enter a number")
          .int("Use a whole number")
          .min(1, "At least 1 chapter")
          .max(50, "At most 50 chapters"),
      )
      .default(8),
    targetWords: z
      .preprocess(
        numeric,
        z
          .number("Enter a number")
          .int("Use a whole number")
          .min(500, "At least 500 words")
          .max(200_000, "At most 200,000 words"),
      )
      .default(12_000),
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
export type CreateBookInput = z.input<typeof createBookInput>;

/** A title printed as a Markdown heading: one line, or it would split the book. */
export const headingTitle = z
  .string("Enter a title")
  .trim()
  .min(1, "Enter a title")
  .max(200, "Use at most 200 characters")
  .refine((v) => !/[\r\n]/.test(v), "Keep the title on one line");

/** The updatedAt the client last read; a different current value means someone else edited meanwhile. */
export const expectedUpdatedAt = z.union(
  [
    z.date(),
    z
      .string()
      .datetime({ offset: true })
      .transform((v) => new Date(v)),
  ],
  "Send the updatedAt you last read, as an ISO 8601 date",
);

/** PATCH /books/:id: the metadata to change (at least one field). */
export const updateBookInput = z
  .object({
    title: headingTitle.optional(),
    topic: z
      .string("Describe the topic in a few words")
      .trim()
      .min(3, "Describe the topic in a few words")
      .max(2000, "Use at most 2000 characters")
      .optional(),
    goal: z
      .string("Say what the reader should get from it")
      .trim()
      .min(3, "Say what the reader should get from it")
      .max(2000, "Use at most 2000 characters")
      .optional(),
    audience: z
      .preprocess(
        blankToNull,
        z.string("Describe the audience").trim().max(500, "Use at most 500 characters").nullable(),
      )
      .optional(),
    tone: z
      .preprocess(blankToNull, z.string("Describe the tone").trim().max(200, "Use at most 200 characters").nullable())
      .optional(),
    language: z.enum(bookLanguages, "Choose English (en) or French (fr)").optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
  })
  .refine(
    (v) => [v.title, v.topic, v.goal, v.audience, v.tone, v.language].some((field) => field !== undefined),
    "Send at least one of title, topic, goal, audience, tone, language",
  );
export type UpdateBookInput = z.input<typeof updateBookInput>;

/** The most text one chapter may hold (a long chapter is ~60k characters; this leaves room without abuse). */
export const CHAPTER_MAX_CHARACTERS = 200_000;

/** PATCH /books/:id/chapters/:chapterId: a new title and/or text. */
export const updateChapterInput = z
  .object({
    title: headingTitle.optional(),
    content: z
      .string("Send the chapter text as a string")
      .max(
        CHAPTER_MAX_CHARACTERS,
        `A chapter holds at most ${CHAPTER_MAX_CHARACTERS.toLocaleString("en")} characters; split it into two`,
      )
      // Windows line endings would count as changes and break heading detection.
      .transform((v) => v.replace(/\r\n?/g, "\n"))
      .optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
  })
  .refine((v) => v.title !== undefined || v.content !== undefined, "Send a new title or content");
export type UpdateChapterInput = z.input<typeof updateChapterInput>;

/** PUT /books/:id/chapters/order: every chapter id of the book, once, in the new order. */
export const reorderChaptersInput = z.object({
  chapterIds: z
    .array(
      z.string("Each chapter id is a string").trim().min(1, "Each chapter id is a string").max(64),
      "Send chapterIds: every chapter id of the book, in the new order",
    )
    .min(1, "Send chapterIds: every chapter id of the book, in the new order")
    .max(500, "A book has at most 500 chapters")
    .refine((ids) => new Set(ids).size === ids.length, "List each chapter once"),
});
export type ReorderChaptersInput = z.input<typeof reorderChaptersInput>;

/** POST /books/:id/revisions/:revisionId/restore (the body is optional). */
export const restoreRevisionInput = z.object({ expectedUpdatedAt: expectedUpdatedAt.optional() });
export type RestoreRevisionInput = z.input<typeof restoreRevisionInput>;

/** GET /books: a page of the organization's books. */
export const listBooksInput = z.object({
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: bookStatusSchema.optional(),
  q: z
    .string()
    .trim()
    .max(200)
    // A blank search box means "no search", not "match nothing".
    .transform((v) => v || undefined)
    .optional()
    .meta({ description: "Finds books whose title or topic contains this text (case-insensitive, literal)" }),
});
export type ListBooksInput = z.input<typeof listBooksInput>;

/** GET /books/:id/revisions: a page of the history, newest first. */
export const listRevisionsInput = z.object({
  cursor: z
    .string()
    .trim()
    .regex(/^\d{1,9}\.\d{1,9}$/, "Use the nextCursor of the previous page")
    .optional(),
  limit: z.coerce.number("Enter a number").int().min(1).max(100).default(50),
});
export type ListRevisionsInput = z.input<typeof listRevisionsInput>;
