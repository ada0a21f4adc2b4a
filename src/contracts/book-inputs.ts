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
    title: z.string().trim().min(1, "validation.title.required").max(200, "validation.length.max200"),
    topic: z.string().trim().min(3, "validation.book.topicRequired").max(2000, "validation.length.max2000"),
    goal: z.string().trim().min(3, "validation.book.goalRequired").max(2000, "validation.length.max2000"),
    audience: z.preprocess(emptyToUndefined, z.string().trim().max(500, "validation.length.max500").optional()),
    language: z.enum(bookLanguages, "validation.book.language").default("en"),
    tone: z.preprocess(emptyToUndefined, z.string().trim().max(200, "validation.length.max200").optional()),
    targetChapters: z
      .preprocess(
        numeric,
        z
          .number("validation.number.required")
          .int("validation.number.integer")
          .min(1, "validation.book.chapterCountMin")
          .max(50, "validation.book.chapterCountMax"),
      )
      .default(8),
    targetWords: z
      .preprocess(
        numeric,
        z
          .number("validation.number.required")
          .int("validation.number.integer")
          .min(500, "validation.book.targetWordsMin")
          .max(200_000, "validation.book.targetWordsMax"),
      )
      .default(12_000),
    engine: z.enum(engineIds, `Choose one of: ${engineIds.join(", ")}`).optional(),
    /** Pause after the outline and the book bible so the author can review (and edit) them first. */
    reviewPlan: z.boolean("validation.book.reviewPlan").default(false),
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
  .string("validation.title.required")
  .trim()
  .min(1, "validation.title.required")
  .max(200, "validation.length.max200")
  .refine((v) => !/[\r\n]/.test(v), "validation.title.oneLine");

/** The updatedAt the client last read; a different current value means someone else edited meanwhile. */
export const expectedUpdatedAt = z.union(
  [
    z.date(),
    z
      .string()
      .datetime({ offset: true })
      .transform((v) => new Date(v)),
  ],
  "validation.chapter.updatedAt",
);

/** PATCH /books/:id: the metadata to change (at least one field). */
export const updateBookInput = z
  .object({
    title: headingTitle.optional(),
    topic: z
      .string("validation.book.topicRequired")
      .trim()
      .min(3, "validation.book.topicRequired")
      .max(2000, "validation.length.max2000")
      .optional(),
    goal: z
      .string("validation.book.goalRequired")
      .trim()
      .min(3, "validation.book.goalRequired")
      .max(2000, "validation.length.max2000")
      .optional(),
    audience: z
      .preprocess(
        blankToNull,
        z.string("validation.book.audienceRequired").trim().max(500, "validation.length.max500").nullable(),
      )
      .optional(),
    tone: z
      .preprocess(
        blankToNull,
        z.string("validation.book.toneRequired").trim().max(200, "validation.length.max200").nullable(),
      )
      .optional(),
    language: z.enum(bookLanguages, "validation.book.language").optional(),
    /** The variant the corrections check in (spelling differs between en-US and en-GB); null = the default. */
    languageVariant: z.enum(["en-US", "en-GB", "fr-FR"], "validation.book.languageVariant").nullable().optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
  })
  .refine(
    (v) =>
      [v.title, v.topic, v.goal, v.audience, v.tone, v.language, v.languageVariant].some(
        (field) => field !== undefined,
      ),
    "validation.book.updateEmpty",
  );
export type UpdateBookInput = z.input<typeof updateBookInput>;

/** The most text one chapter may hold (a long chapter is ~60k characters; this leaves room without abuse). */
export const CHAPTER_MAX_CHARACTERS = 200_000;

/** PATCH /books/:id/chapters/:chapterId: a new title and/or text. */
export const updateChapterInput = z
  .object({
    title: headingTitle.optional(),
    content: z
      .string("validation.chapter.contentString")
      .max(
        CHAPTER_MAX_CHARACTERS,
        `A chapter holds at most ${CHAPTER_MAX_CHARACTERS.toLocaleString("en")} characters; split it into two`,
      )
      // Windows line endings would count as changes and break heading detection.
      .transform((v) => v.replace(/\r\n?/g, "\n"))
      .optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
  })
  .refine((v) => v.title !== undefined || v.content !== undefined, "validation.chapter.titleOrContent");
export type UpdateChapterInput = z.input<typeof updateChapterInput>;

/** PUT /books/:id/chapters/order: every chapter id of the book, once, in the new order. */
export const reorderChaptersInput = z.object({
  chapterIds: z
    .array(
      z.string("validation.chapters.idIsString").trim().min(1, "validation.chapters.idIsString").max(64),
      "validation.chapters.order",
    )
    .min(1, "validation.chapters.order")
    .max(500, "validation.book.tooManyChapters")
    .refine((ids) => new Set(ids).size === ids.length, "validation.chapters.unique"),
});
export type ReorderChaptersInput = z.input<typeof reorderChaptersInput>;

/** POST /books/:id/revisions/:revisionId/restore (the body is optional). */
export const restoreRevisionInput = z.object({ expectedUpdatedAt: expectedUpdatedAt.optional() });
export type RestoreRevisionInput = z.input<typeof restoreRevisionInput>;

const revisionId = z
  .string("validation.revision.id")
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "validation.revision.id");

/** GET /books/:id/revisions/compare: two revisions (or one and the current text), optionally one chapter whole. */
export const compareRevisionsInput = z.object({
  from: revisionId,
  to: z.union([z.literal("current"), revisionId]).default("current"),
  chapter: z.coerce
    .number("validation.revision.chapter")
    .int("validation.revision.chapter")
    .min(1, "validation.revision.chapter")
    .max(500, "validation.revision.chapter")
    .optional()
    .meta({ description: "Only this chapter (its number in the compared text), in full: no collapsed passages" }),
});
export type CompareRevisionsInput = z.input<typeof compareRevisionsInput>;

// Names and notes are single-line-free prose: control characters other than line breaks are refused by
// every route already (parseBody), so only the lengths are checked here.
/** PUT /books/:id/revisions/:revisionId/name: name a version (a blank name removes the name and the note). */
export const nameRevisionInput = z.object({
  name: z.string("validation.revision.name").trim().max(120, "validation.revision.nameLength"),
  note: z.preprocess(blankToNull, z.string().trim().max(2000, "validation.length.max2000").nullable()).default(null),
});
export type NameRevisionInput = z.input<typeof nameRevisionInput>;

/** POST /books/:id/revisions/:revisionId/restore-chapter: put one chapter of that revision back. */
export const restoreChapterInput = z.object({
  chapter: z.coerce
    .number("validation.revision.chapter")
    .int("validation.revision.chapter")
    .min(1, "validation.revision.chapter")
    .max(500, "validation.revision.chapter"),
  expectedUpdatedAt: expectedUpdatedAt.optional(),
});
export type RestoreChapterInput = z.input<typeof restoreChapterInput>;

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
    .regex(/^\d{1,9}\.\d{1,9}$/, "validation.page.cursor")
    .optional(),
  limit: z.coerce.number("validation.number.required").int().min(1).max(100).default(50),
});
export type ListRevisionsInput = z.input<typeof listRevisionsInput>;

/** POST /books/:id/job/continue: no options (an empty object or no body); anything else is refused. */
export const continueJobInput = z.object({}).strict();
