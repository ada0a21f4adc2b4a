import { z } from "zod";

/**
 * Response schemas of the v1 API, registered under the names the OpenAPI document gives them
 * (components.schemas). They describe what the use cases' views return; the route tests parse every
 * response with them, so the document cannot promise a shape the API does not send.
 */
export const apiComponents = z.registry<{ id: string; description?: string }>();

const isoDate = z.iso.datetime();
const bookStatus = z.enum(["DRAFT", "GENERATING", "COMPLETED", "FAILED", "ARCHIVED"]);
const jobStatus = z.enum(["PENDING", "GENERATING_OUTLINE", "WRITING_CHAPTERS", "FINALIZING", "COMPLETED", "FAILED"]);
const chapterStatus = z.enum(["PENDING", "WRITING", "DONE", "FAILED"]);
export const formatType = z.enum(["PDF", "EPUB", "DOCX", "HTML", "MARKDOWN"]);

export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({ description: "Machine-readable code, e.g. INVALID_API_KEY, RATE_LIMITED" }),
        message: z.string(),
        field: z.string().nullable().meta({ description: "The input field at fault, when there is one" }),
      })
      .loose(),
  })
  .register(apiComponents, { id: "Error", description: "The error envelope of every 4xx/5xx response" });

export const engineSchema = z
  .object({ id: z.string(), label: z.string(), isDemo: z.boolean() })
  .register(apiComponents, { id: "Engine" });

export const bookSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    topic: z.string(),
    goal: z.string(),
    audience: z.string().nullable(),
    language: z.string(),
    tone: z.string().nullable(),
    targetChapters: z.number().int().nullable(),
    targetWords: z.number().int().nullable(),
    engine: engineSchema,
    isDemoContent: z.boolean(),
    demoLabel: z.string().nullable(),
    status: bookStatus,
    hasContent: z.boolean(),
    createdById: z.string().nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .register(apiComponents, { id: "Book" });

export const jobSummarySchema = z
  .object({
    id: z.string(),
    status: jobStatus,
    progress: z.number().int(),
    errorCode: z.string().nullable(),
    updatedAt: isoDate,
  })
  .register(apiComponents, { id: "JobSummary" });

export const bookListItemSchema = bookSchema
  .extend({ chapterCount: z.number().int(), job: jobSummarySchema.nullable() })
  .register(apiComponents, { id: "BookListItem" });

export const jobSchema = z
  .object({
    id: z.string(),
    bookId: z.string(),
    status: jobStatus,
    engine: z.string(),
    externalJobId: z.string().nullable(),
    progress: z.number().int().meta({ description: "Percent done, 0–100" }),
    progressDetails: z.unknown().meta({ description: "Live picture: chapters, words written, recent text" }),
    tokenUsage: z.unknown(),
    error: z.string().nullable(),
    errorCode: z.string().nullable(),
    attempts: z.number().int(),
    cancelRequestedAt: isoDate.nullable(),
    startedAt: isoDate.nullable(),
    completedAt: isoDate.nullable(),
    failedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .register(apiComponents, { id: "Job" });

export const chapterSchema = z
  .object({
    id: z.string(),
    order: z.number().int(),
    title: z.string(),
    synopsis: z.string().nullable(),
    status: chapterStatus,
    wordBudget: z.number().int().nullable(),
    wordCount: z.number().int(),
    content: z.string(),
    updatedAt: isoDate,
  })
  .register(apiComponents, { id: "Chapter" });

export const chapterSummarySchema = chapterSchema
  .omit({ content: true })
  .register(apiComponents, { id: "ChapterSummary", description: "A chapter without its text" });

export const editingSchema = z
  .object({
    allowed: z.boolean(),
    reason: z.enum(["BOOK_BUSY", "NOT_GENERATED"]).nullable().meta({
      description: "BOOK_BUSY while a generation runs; NOT_GENERATED before the first one completes",
    }),
  })
  .register(apiComponents, { id: "EditingState" });

export const chapterListSchema = z.object({
  book: z.object({ id: z.string(), title: z.string(), updatedAt: isoDate, formatsStale: z.boolean() }),
  version: z.string().nullable().meta({ description: "The book's latest revision, e.g. 1.3" }),
  editing: editingSchema,
  chapters: z.array(chapterSummarySchema),
});

export const chapterDetailSchema = z.object({
  book: z.object({ id: z.string(), title: z.string(), updatedAt: isoDate }),
  editing: editingSchema,
  chapter: chapterSchema,
});

export const bookEditSchema = bookSchema
  .extend({ formatsStale: z.boolean().meta({ description: "Rendered files predate this change" }) })
  .register(apiComponents, { id: "EditedBook" });

export const revisionSchema = z
  .object({
    id: z.string(),
    bookId: z.string(),
    version: z.string().meta({ description: "1.0 for the generated text, then 1.1, 1.2 … per edit" }),
    changes: z.unknown(),
    authorId: z.string().nullable(),
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    characters: z.number().int(),
    createdAt: isoDate,
  })
  .register(apiComponents, { id: "Revision" });

export const bookUpdateResultSchema = z.object({
  book: bookEditSchema,
  revision: revisionSchema.nullable().meta({ description: "Recorded when the title changed the book's text" }),
  changed: z.array(z.string()),
});

export const chapterUpdateResultSchema = z.object({
  book: bookEditSchema,
  chapter: chapterSchema,
  revision: revisionSchema.nullable().meta({ description: "Null when nothing changed" }),
});

export const usageSchema = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    plan: z.string(),
    metrics: z.object({ BOOKS_CREATED: z.number(), STORAGE_USED: z.number(), API_CALLS: z.number() }),
  })
  .register(apiComponents, { id: "Usage" });

export const bookFormatSchema = z
  .object({
    format: formatType,
    status: z.enum(["NOT_RENDERED", "PENDING", "RENDERING", "READY", "FAILED"]),
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
    downloadUrl: z.string().nullable().meta({ description: "The v1 download path (302 to the file)" }),
  })
  .register(apiComponents, { id: "BookFormat" });

export const bookFormatsSchema = z.object({
  bookId: z.string(),
  formatsStale: z.boolean(),
  hasContent: z.boolean(),
  formats: z.array(bookFormatSchema),
});

export const downloadStatsSchema = z
  .object({
    bookId: z.string(),
    total: z.number().int(),
    byFormat: z.record(formatType, z.number().int()),
    byDay: z.array(z.object({ date: z.string().meta({ description: "YYYY-MM-DD (UTC)" }), count: z.number().int() })),
  })
  .register(apiComponents, { id: "DownloadStats" });

export const downloadLinkSchema = z.object({ url: z.string(), format: formatType, fileName: z.string() });
export const cancelledJobSchema = jobSchema.extend({
  cancelling: z.boolean().meta({ description: "True while the running pipeline is still stopping" }),
});

export const bookPageSchema = z.object({ items: z.array(bookListItemSchema), nextCursor: z.string().nullable() });
export const bookWithJobSchema = z.object({ book: bookSchema, job: jobSchema });
export const bookDetailSchema = z.object({
  book: bookSchema,
  chapters: z.array(chapterSchema),
  job: jobSchema.nullable(),
});

/** Path parameters shared by the routes. */
export const bookParams = z.object({ bookId: z.string().min(1).max(64) });
export const chapterParams = bookParams.extend({ chapterId: z.string().min(1).max(64) });
export const jobParams = z.object({ jobId: z.string().min(1).max(64) });
export const formatParams = bookParams.extend({ format: z.enum(["pdf", "epub", "docx", "html", "markdown"]) });
