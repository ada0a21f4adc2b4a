import "server-only";
import { z } from "zod";
import {
  bookFormatRowSchema,
  bookListItemSchema,
  bookSchema,
  chapterSchema,
  chapterSummarySchema,
  downloadCountsSchema,
  editedBookSchema,
  editingStateSchema,
  engineInfoSchema,
  jobSchema,
  jobSummarySchema,
  progressDetailsSchema,
  revisionChangesSchema,
  chapterProgressSchema,
  revisionSchema,
} from "@/contracts/books";
import { isoDate } from "@/contracts/common";
import { checkRunSchema, correctionSchema } from "@/contracts/corrections";
import { commentSchema } from "@/contracts/comments";

/**
 * The v1 API's response schemas are the books contract's (src/contracts/books.ts), registered here under
 * the names the OpenAPI document gives them (components.schemas). The route tests parse every response with
 * them, so the document cannot promise a shape the API does not send.
 */
export const apiComponents = z.registry<{ id: string; description?: string }>();

engineInfoSchema.register(apiComponents, { id: "Engine" });
bookSchema.register(apiComponents, { id: "Book" });
jobSummarySchema.register(apiComponents, { id: "JobSummary" });
bookListItemSchema.register(apiComponents, { id: "BookListItem" });
jobSchema.register(apiComponents, { id: "Job" });
chapterProgressSchema.register(apiComponents, { id: "ChapterProgress" });
progressDetailsSchema.register(apiComponents, { id: "ProgressDetails" });
chapterSchema.register(apiComponents, { id: "Chapter" });
chapterSummarySchema.register(apiComponents, { id: "ChapterSummary", description: "A chapter without its text" });
editingStateSchema.register(apiComponents, { id: "EditingState" });
editedBookSchema.register(apiComponents, { id: "EditedBook" });
revisionChangesSchema.register(apiComponents, { id: "RevisionChanges" });
revisionSchema.register(apiComponents, { id: "Revision" });
bookFormatRowSchema.register(apiComponents, { id: "BookFormat" });
downloadCountsSchema.register(apiComponents, { id: "DownloadStats" });

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

export const usageSchema = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    plan: z.string(),
    metrics: z.object({ BOOKS_CREATED: z.number(), STORAGE_USED: z.number(), API_CALLS: z.number() }),
  })
  .register(apiComponents, { id: "Usage" });

/** Path parameters shared by the routes. */
export const bookParams = z.object({ bookId: z.string().min(1).max(64) });
export const chapterParams = bookParams.extend({ chapterId: z.string().min(1).max(64) });
export const formatParams = bookParams.extend({ format: z.enum(["pdf", "epub", "docx", "html", "markdown"]) });
export const correctionParams = z.object({ correctionId: z.string().min(1).max(64) });

correctionSchema.register(apiComponents, { id: "Correction", description: "A finding of a book check" });
checkRunSchema.register(apiComponents, { id: "CheckRun", description: "One run of the book check" });
commentSchema.register(apiComponents, {
  id: "Comment",
  description: "A comment anchored to a passage of a chapter, with its thread of replies",
});
