import { z } from "zod";
import { isoDate, pageOf } from "./common";
import { jobStatuses } from "./job-status";

export { isFinishedJob, type JobStatus } from "./job-status";

// The books domain on the wire: books, chapters, their generation job, revisions, export formats and
// download counts, plus the request bodies of the book routes. Internal routes (/api/books/**), the public
// API v1 and the UI all read these declarations; v1 registers some of them as OpenAPI components.
// The request bodies and queries of the same routes are in ./book-inputs.

// ---- Enumerations -------------------------------------------------------------------------------------------

export const bookStatusSchema = z.enum(["DRAFT", "GENERATING", "COMPLETED", "FAILED", "ARCHIVED"]);
export type BookStatus = z.infer<typeof bookStatusSchema>;

export const jobStatusSchema = z.enum(jobStatuses);

/** How a chapter stands (Chapter.status, and each chapter of a job's live progress). */
export const chapterStateSchema = z.enum(["PENDING", "WRITING", "DONE", "FAILED"]);
export type ChapterState = z.infer<typeof chapterStateSchema>;

export const formatTypeSchema = z.enum(["PDF", "EPUB", "DOCX", "HTML", "MARKDOWN"]);
export type FormatType = z.infer<typeof formatTypeSchema>;

/** A format's render state; NOT_RENDERED until its first render starts. */
export const formatStatusSchema = z.enum(["NOT_RENDERED", "PENDING", "RENDERING", "READY", "FAILED"]);
export type FormatStatus = z.infer<typeof formatStatusSchema>;

// ---- Books and chapters -----------------------------------------------------------------------------------

export const engineInfoSchema = z.object({ id: z.string(), label: z.string(), isDemo: z.boolean() });
export type EngineInfo = z.infer<typeof engineInfoSchema>;

export const bookSchema = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  goal: z.string(),
  audience: z.string().nullable(),
  language: z.string(),
  /** The variant the corrections check in (en-US, en-GB, fr-FR); defaults from `language`. */
  languageVariant: z.enum(["en-US", "en-GB", "fr-FR"]),
  tone: z.string().nullable(),
  targetChapters: z.number().int().nullable(),
  targetWords: z.number().int().nullable(),
  engine: engineInfoSchema,
  isDemoContent: z.boolean(),
  demoLabel: z.string().nullable(),
  status: bookStatusSchema,
  hasContent: z.boolean(),
  createdById: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Book = z.infer<typeof bookSchema>;

/** The state of a book's latest job, as the book list shows it. */
export const jobSummarySchema = z.object({
  id: z.string(),
  status: jobStatusSchema,
  progress: z.number().int(),
  errorCode: z.string().nullable(),
  updatedAt: isoDate,
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const bookListItemSchema = bookSchema.extend({
  chapterCount: z.number().int(),
  job: jobSummarySchema.nullable(),
});
export type BookListItem = z.infer<typeof bookListItemSchema>;

export const bookListSchema = pageOf(bookListItemSchema);
export type BookList = z.infer<typeof bookListSchema>;

export const chapterSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  title: z.string(),
  synopsis: z.string().nullable(),
  status: chapterStateSchema,
  wordBudget: z.number().int().nullable(),
  wordCount: z.number().int(),
  content: z.string(),
  updatedAt: isoDate,
});
export type Chapter = z.infer<typeof chapterSchema>;

/** A chapter without its text, for tables of contents (a book can hold megabytes of chapters). */
export const chapterSummarySchema = chapterSchema.omit({ content: true });
export type ChapterSummary = z.infer<typeof chapterSummarySchema>;

/** Whether a book can be edited now, and if not why. */
export const editingStateSchema = z.object({
  allowed: z.boolean(),
  reason: z.enum(["BOOK_BUSY", "NOT_GENERATED"]).nullable().meta({
    description: "BOOK_BUSY while a generation runs; NOT_GENERATED before the first one completes",
  }),
});
export type EditingState = z.infer<typeof editingStateSchema>;

/** GET /books/:id/chapters. */
export const chapterListSchema = z.object({
  book: z.object({ id: z.string(), title: z.string(), updatedAt: isoDate, formatsStale: z.boolean() }),
  version: z.string().nullable().meta({ description: "The book's latest revision, e.g. 1.3" }),
  editing: editingStateSchema,
  chapters: z.array(chapterSummarySchema),
});
export type ChapterList = z.infer<typeof chapterListSchema>;

/** GET /books/:id/chapters/:chapterId. */
export const chapterDetailSchema = z.object({
  book: z.object({ id: z.string(), title: z.string(), updatedAt: isoDate }),
  editing: editingStateSchema,
  chapter: chapterSchema,
});
export type ChapterDetail = z.infer<typeof chapterDetailSchema>;

// ---- Generation jobs -----------------------------------------------------------------------------------------

export const chapterProgressSchema = z.object({
  /** 1-based position in the book. */
  order: z.number().int(),
  title: z.string(),
  state: chapterStateSchema,
  words: z.number(),
  budget: z.number().nullable(),
  /** Writing with sections: "section n of m" (sections finished, sections planned). */
  sectionsDone: z.number().int().optional(),
  sectionsTotal: z.number().int().optional(),
});
export type ChapterProgress = z.infer<typeof chapterProgressSchema>;

/** Each chapter's words against its budget once the job finished; `missed` lists those outside ±tolerance. */
export const budgetReportSchema = z.object({
  tolerance: z.number().meta({ description: "Allowed deviation, 0.15 for ±15 %" }),
  chapters: z.array(
    z.object({
      order: z.number().int(),
      budget: z.number().int(),
      words: z.number().int(),
      deviation: z.number().meta({ description: "(words − budget) ÷ budget" }),
      withinTolerance: z.boolean(),
    }),
  ),
  missed: z.array(z.number().int()).meta({ description: "Orders of the chapters outside the tolerance" }),
  wordsTarget: z.number().int(),
  wordsWritten: z.number().int(),
});
export type BudgetReportView = z.infer<typeof budgetReportSchema>;

/** Tokens a job used, every step, retry and continuation included (BookJob.tokenUsage). */
export const tokenUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number().optional(),
});
export type TokenUsageView = z.infer<typeof tokenUsageSchema>;

/** The live picture of a job (BookJob.progressDetails), also pushed over Server-Sent Events. */
export const progressDetailsSchema = z.object({
  state: jobStatusSchema,
  percent: z.number(),
  message: z.string().nullable(),
  chaptersTotal: z.number().int(),
  chaptersDone: z.number().int(),
  /** "Chapter i of n": the first chapter being written, 1-based, or null. */
  currentChapter: z.number().int().nullable(),
  wordsWritten: z.number(),
  wordsTarget: z.number(),
  chapters: z.array(chapterProgressSchema),
  /** The last ~500 characters written in the current chapter. */
  recentText: z.string(),
  engine: engineInfoSchema,
  updatedAt: isoDate,
  /** Set when the job completed: per-chapter words against budgets, and the chapters that missed. */
  budgetReport: budgetReportSchema.optional(),
});
export type ProgressDetails = z.infer<typeof progressDetailsSchema>;

/** A generation job (never its webhook secret). */
export const jobSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  status: jobStatusSchema,
  engine: z.string(),
  externalJobId: z.string().nullable(),
  progress: z.number().int().meta({ description: "Percent done, 0–100" }),
  progressDetails: progressDetailsSchema
    .nullable()
    .meta({ description: "Live picture: chapters, words written, recent text" }),
  tokenUsage: tokenUsageSchema
    .nullable()
    .meta({ description: "Tokens used by every step, retry and continuation; null before the first call" }),
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  attempts: z.number().int(),
  cancelRequestedAt: isoDate.nullable(),
  startedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  failedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Job = z.infer<typeof jobSchema>;

/** A job after a cancel request. */
export const cancelledJobSchema = jobSchema.extend({
  cancelling: z.boolean().meta({ description: "True while the running pipeline is still stopping" }),
});
export type CancelledJob = z.infer<typeof cancelledJobSchema>;

/** GET /api/books/:id/job and the job actions (retry) of the internal API. */
export const jobEnvelopeSchema = z.object({ job: jobSchema });
export type JobEnvelope = z.infer<typeof jobEnvelopeSchema>;
/** POST /api/books/:id/job/cancel of the internal API. */
export const cancelledJobEnvelopeSchema = z.object({ job: cancelledJobSchema });
export type CancelledJobEnvelope = z.infer<typeof cancelledJobEnvelopeSchema>;

/** GET /books/:id: the book with its chapters (in order) and its latest job. */
export const bookDetailSchema = z.object({
  book: bookSchema,
  chapters: z.array(chapterSchema),
  job: jobSchema.nullable(),
});
export type BookDetail = z.infer<typeof bookDetailSchema>;

/**
 * What the signed-in person may do on this book, decided by the permission matrix with their organization
 * role and their role on the book (a collaborator from outside the organization has only the latter). The
 * web app shows controls from it; the server checks every action again.
 */
export const bookAccessSchema = z.object({
  edit: z.boolean(),
  comment: z.boolean(),
  resolve: z.boolean(),
  delete: z.boolean(),
  /** Lists, compares and (with `edit`) restores versions: off for a collaborator denied the history. */
  history: z.boolean(),
});
export type BookAccess = z.infer<typeof bookAccessSchema>;

/** GET /api/books/:id (the web app's): the book and the caller's access to it. */
export const readerBookSchema = bookDetailSchema.extend({ access: bookAccessSchema });
export type ReaderBook = z.infer<typeof readerBookSchema>;

/** POST /books: the created book and its generation job. */
export const bookWithJobSchema = z.object({ book: bookSchema, job: jobSchema });
export type BookWithJob = z.infer<typeof bookWithJobSchema>;

// ---- Revisions and edits --------------------------------------------------------------------------------------

/** What one revision changed (BookRevision.changes); generated revisions carry `kind` and little else. */
export const revisionChangesSchema = z
  .object({
    /** generated, chapter.updated, book.updated, chapters.reordered, revision.restored, chapter.restored or
     * corrections.applied (unknown kinds may come). */
    kind: z.string(),
    chapters: z
      .array(
        z
          .object({
            id: z.string(),
            order: z.number().int(),
            from: z.number().int().optional(),
            title: z.string(),
            fields: z.array(z.string()),
            wordsBefore: z.number().optional(),
            wordsAfter: z.number().optional(),
            /** Words inserted and deleted in the chapter's text (absent on older rows). */
            wordsAdded: z.number().optional(),
            wordsRemoved: z.number().optional(),
          })
          .loose(),
      )
      .optional(),
    fields: z.array(z.string()).optional(),
    wordsBefore: z.number().optional(),
    wordsAfter: z.number().optional(),
    wordsDelta: z.number().optional(),
    wordsAdded: z.number().optional(),
    wordsRemoved: z.number().optional(),
    chapterIds: z.array(z.string()).optional(),
    restoredFrom: z.string().optional(),
    /** chapter.restored: the order of the chapter put back from `restoredFrom`. */
    restoredChapter: z.number().int().optional(),
    /** corrections.applied: the ids of the findings whose suggestions it applied. */
    corrections: z.array(z.string()).optional(),
  })
  .loose();
export type RevisionChanges = z.infer<typeof revisionChangesSchema>;

/** One entry of a book's history; its text comes from GET /revisions/:id. */
export const revisionSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  version: z
    .string()
    .meta({ description: "1.0 for the generated text, then 1.1, 1.2 … per edit; 2.0 when the book is regenerated" }),
  changes: revisionChangesSchema.nullable(),
  authorId: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  characters: z.number().int(),
  createdAt: isoDate,
  /** A person's name for this version ("Sent to the publisher") and note; null until named. */
  name: z.string().nullable(),
  note: z.string().nullable(),
  namedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  namedAt: isoDate.nullable(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const revisionPageSchema = pageOf(revisionSchema);
export type RevisionPage = z.infer<typeof revisionPageSchema>;

/** GET /books/:id/revisions/:revisionId: the revision with the whole book's Markdown as it was then. */
export const revisionTextSchema = z.object({ revision: revisionSchema.extend({ content: z.string() }) });
export type RevisionText = z.infer<typeof revisionTextSchema>;

/** One run of a word-level diff; `skip` stands for a long unchanged passage left out (its word count). */
export const diffRunSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["same", "added", "removed"]), text: z.string() }),
  z.object({ type: z.literal("skip"), words: z.number().int() }),
]);
export type DiffRunView = z.infer<typeof diffRunSchema>;

/** One chapter of a comparison. Unchanged chapters carry no text (ask for `chapter` to read one whole). */
export const comparedChapterSchema = z.object({
  number: z.number().int().meta({ description: "Its position in the newer text (in the older one when removed)" }),
  numberBefore: z.number().int().nullable().meta({ description: "Its position in the older text, when it had one" }),
  chapterId: z.string().nullable(),
  title: z.string(),
  titleBefore: z.string().nullable().meta({ description: "The older title, when the title changed" }),
  status: z.enum(["unchanged", "changed", "added", "removed"]),
  words: z.number().int(),
  wordsAdded: z.number().int(),
  wordsRemoved: z.number().int(),
  runs: z
    .array(diffRunSchema)
    .nullable()
    .meta({ description: "The diff of its text; null when unchanged or when the answer's size budget ran out" }),
  truncated: z.boolean().meta({ description: "Changed, but left out to keep the answer small: ask for it alone" }),
});
export type ComparedChapter = z.infer<typeof comparedChapterSchema>;

const comparedVersionSchema = z.object({
  id: z.string().nullable().meta({ description: "Null for the current text" }),
  version: z.string().nullable(),
  name: z.string().nullable(),
  createdAt: isoDate.nullable(),
});

/** GET /books/:id/revisions/compare. */
export const revisionComparisonSchema = z.object({
  from: comparedVersionSchema,
  to: comparedVersionSchema,
  titleBefore: z.string(),
  title: z.string(),
  chapters: z.array(comparedChapterSchema),
  wordsAdded: z.number().int(),
  wordsRemoved: z.number().int(),
});
export type RevisionComparison = z.infer<typeof revisionComparisonSchema>;

/** A book as edit answers return it: the usual view plus whether its rendered formats are out of date. */
export const editedBookSchema = bookSchema.extend({
  formatsStale: z.boolean().meta({ description: "Rendered files predate this change" }),
});
export type EditedBook = z.infer<typeof editedBookSchema>;

/** PATCH /books/:id: the saved book, the revision a new title recorded, and the fields that changed. */
export const bookUpdateResultSchema = z.object({
  book: editedBookSchema,
  revision: revisionSchema.nullable().meta({ description: "Recorded when the title changed the book's text" }),
  changed: z.array(z.string()),
});
export type BookUpdateResult = z.infer<typeof bookUpdateResultSchema>;

/** The answer of PATCH /api/books/:id and of a restore (which has no `changed`). */
export const bookEditResultSchema = bookUpdateResultSchema.extend({ changed: z.array(z.string()).optional() });
export type BookEditResult = z.infer<typeof bookEditResultSchema>;

/** POST /books/:id/revisions/:revisionId/restore. */
export const restoreResultSchema = z.object({ book: editedBookSchema, revision: revisionSchema.nullable() });
export type RestoreResult = z.infer<typeof restoreResultSchema>;

/** PATCH /books/:id/chapters/:chapterId. */
export const chapterUpdateResultSchema = z.object({
  book: editedBookSchema,
  chapter: chapterSchema,
  revision: revisionSchema.nullable().meta({ description: "Null when nothing changed" }),
});
export type ChapterUpdateResult = z.infer<typeof chapterUpdateResultSchema>;

/** PUT /books/:id/chapters/order. */
export const reorderResultSchema = z.object({
  book: editedBookSchema,
  chapters: z.array(chapterSummarySchema),
  revision: revisionSchema.nullable(),
});
export type ReorderResult = z.infer<typeof reorderResultSchema>;

// ---- Formats and downloads -------------------------------------------------------------------------------------

/** One row of the formats panel. */
export const bookFormatRowSchema = z.object({
  format: formatTypeSchema,
  status: formatStatusSchema,
  available: z.boolean().meta({ description: "A file exists and can be downloaded" }),
  stale: z.boolean().meta({ description: "The book changed since this file was rendered" }),
  fileName: z.string().nullable(),
  fileExtension: z.string(),
  contentType: z.string(),
  size: z.number().int().nullable(),
  checksum: z.string().nullable(),
  renderedAt: isoDate.nullable(),
  error: z.string().nullable(),
  downloads: z.number().int(),
  downloadUrl: z
    .string()
    .nullable()
    .meta({ description: "The download path (302 to the file); in the public API, the v1 path" }),
});
export type BookFormatRow = z.infer<typeof bookFormatRowSchema>;

export const bookFormatsSchema = z.object({
  bookId: z.string(),
  formatsStale: z.boolean(),
  hasContent: z.boolean(),
  formats: z.array(bookFormatRowSchema),
});
export type BookFormats = z.infer<typeof bookFormatsSchema>;

/** POST /api/books/:id/formats (202): every format queued for a new render. */
export const regenerateFormatsResultSchema = z.object({ queued: z.boolean(), jobId: z.string().nullable() });
export type RegenerateFormatsResult = z.infer<typeof regenerateFormatsResultSchema>;

export const downloadCountsSchema = z.object({
  bookId: z.string(),
  total: z.number().int(),
  byFormat: z.record(formatTypeSchema, z.number().int()),
  /** The last 30 days (UTC), oldest first, every day present. */
  byDay: z.array(z.object({ date: z.string().meta({ description: "YYYY-MM-DD (UTC)" }), count: z.number().int() })),
});
export type DownloadCounts = z.infer<typeof downloadCountsSchema>;

/** Where a download goes (v1 answers it as the body of its 302). */
export const downloadLinkSchema = z.object({ url: z.string(), format: formatTypeSchema, fileName: z.string() });
export type DownloadLink = z.infer<typeof downloadLinkSchema>;
