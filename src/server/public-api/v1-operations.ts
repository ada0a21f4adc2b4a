import { collaboratorListResponse } from "@/contracts/collaborators";
import "server-only";
import {
  CHAPTER_MAX_CHARACTERS,
  createBookInput,
  listBooksInput,
  listRevisionsInput,
  updateBookInput,
  updateChapterInput,
} from "@/contracts/book-inputs";
import { estimateGenerationInput, generationEstimateSchema } from "@/contracts/generation-estimate";
import { jsonBodyLimitFor } from "@/server/http/read-body";
import { defineOperation } from "./api-operation";
import {
  bookDetailSchema,
  bookFormatsSchema,
  bookListSchema,
  bookUpdateResultSchema,
  bookWithJobSchema,
  cancelledJobSchema,
  chapterDetailSchema,
  chapterListSchema,
  chapterUpdateResultSchema,
  downloadCountsSchema,
  downloadLinkSchema,
  jobSchema,
  revisionPageSchema,
} from "@/contracts/books";
import {
  applyCorrectionInputSchema,
  applyCorrectionResultSchema,
  checkRunEnvelopeSchema,
  correctionEnvelopeSchema,
  correctionPageSchema,
  correctionsQuerySchema,
  dismissCorrectionInputSchema,
  startCheckInputSchema,
} from "@/contracts/corrections";
import { commentListSchema, commentsQuerySchema } from "@/contracts/comments";
import { bookParams, chapterParams, correctionParams, formatParams, usageSchema } from "./v1-schemas";

/**
 * Every operation of the public API v1. Route files under src/app/api/v1 implement them with apiRoute();
 * the OpenAPI document (/api/v1/openapi.json) lists exactly these.
 */
export const v1 = {
  listBooks: defineOperation({
    operationId: "listBooks",
    method: "GET",
    path: "/books",
    tag: "Books",
    summary: "List books",
    description:
      "Newest first, with the state of each book's latest job. Pass `nextCursor` back as `cursor` (with the same " +
      "`status` and `q`). `q` searches titles and topics, case-insensitively; `%` and `_` match themselves.",
    action: "book:read",
    query: listBooksInput,
    success: { status: 200, description: "A page of books", schema: bookListSchema },
  }),
  createBook: defineOperation({
    operationId: "createBook",
    method: "POST",
    path: "/books",
    tag: "Books",
    summary: "Create a book and start its generation",
    description: "Queues the generation job at once. Send an `Idempotency-Key` header to retry safely.",
    action: "book:create",
    body: createBookInput,
    success: { status: 201, description: "The book and its generation job", schema: bookWithJobSchema },
    errors: [400, 402, 409, 422],
  }),
  getBook: defineOperation({
    operationId: "getBook",
    method: "GET",
    path: "/books/{bookId}",
    tag: "Books",
    summary: "Get a book with its chapters and latest job",
    action: "book:read",
    params: bookParams,
    success: { status: 200, description: "The book", schema: bookDetailSchema },
  }),
  updateBook: defineOperation({
    operationId: "updateBook",
    method: "PATCH",
    path: "/books/{bookId}",
    tag: "Books",
    summary: "Update a book's metadata (title, topic, goal, audience, tone, language)",
    description:
      "Not while it is being generated (409 BOOK_BUSY). Send `expectedUpdatedAt` (the `updatedAt` you read) " +
      "to be refused with 409 EDIT_CONFLICT instead of overwriting someone else's change.",
    action: "book:update",
    params: bookParams,
    body: updateBookInput,
    success: { status: 200, description: "The updated book", schema: bookUpdateResultSchema },
    errors: [409],
  }),
  deleteBook: defineOperation({
    operationId: "deleteBook",
    method: "DELETE",
    path: "/books/{bookId}",
    tag: "Books",
    summary: "Delete a book with its chapters, jobs and files",
    action: "book:delete",
    params: bookParams,
    success: { status: 204, description: "Deleted" },
  }),
  listChapters: defineOperation({
    operationId: "listChapters",
    method: "GET",
    path: "/books/{bookId}/chapters",
    tag: "Chapters",
    summary: "The book's chapters in reading order (without their text)",
    action: "book:read",
    params: bookParams,
    success: { status: 200, description: "Chapters, edit state and version", schema: chapterListSchema },
  }),
  getChapter: defineOperation({
    operationId: "getChapter",
    method: "GET",
    path: "/books/{bookId}/chapters/{chapterId}",
    tag: "Chapters",
    summary: "One chapter with its text",
    description: "Its `updatedAt` is what an edit sends back as `expectedUpdatedAt`.",
    action: "book:read",
    params: chapterParams,
    success: { status: 200, description: "The chapter", schema: chapterDetailSchema },
  }),
  updateChapter: defineOperation({
    operationId: "updateChapter",
    method: "PATCH",
    path: "/books/{bookId}/chapters/{chapterId}",
    tag: "Chapters",
    summary: "Edit a chapter's title and/or text",
    description:
      "Records a new revision, re-assembles the book and marks its files stale. 409 BOOK_BUSY while it is " +
      "generated, 409 EDIT_CONFLICT when `expectedUpdatedAt` is out of date.",
    action: "book:update",
    params: chapterParams,
    body: updateChapterInput,
    bodyLimitBytes: jsonBodyLimitFor(CHAPTER_MAX_CHARACTERS),
    success: { status: 200, description: "The edited chapter", schema: chapterUpdateResultSchema },
    errors: [409],
  }),
  getJob: defineOperation({
    operationId: "getJob",
    method: "GET",
    path: "/books/{bookId}/job",
    tag: "Jobs",
    summary: "Status of the book's latest generation job",
    action: "job:read",
    params: bookParams,
    success: { status: 200, description: "The job", schema: jobSchema },
  }),
  cancelJob: defineOperation({
    operationId: "cancelJob",
    method: "POST",
    path: "/books/{bookId}/job/cancel",
    tag: "Jobs",
    summary: "Cancel the book's running generation",
    description: "The pipeline stops within about a second; finished jobs answer 409 JOB_FINISHED.",
    action: "job:cancel",
    params: bookParams,
    success: { status: 200, description: "The job, cancelling or cancelled", schema: cancelledJobSchema },
    errors: [409],
  }),
  retryJob: defineOperation({
    operationId: "retryJob",
    method: "POST",
    path: "/books/{bookId}/job/retry",
    tag: "Jobs",
    summary: "Retry a failed generation (finished chapters are kept)",
    description: "Only a FAILED job can be retried (409 JOB_NOT_RETRYABLE otherwise).",
    action: "book:update",
    params: bookParams,
    success: { status: 200, description: "The job, back to PENDING", schema: jobSchema },
    errors: [409],
  }),
  continueJob: defineOperation({
    operationId: "continueJob",
    method: "POST",
    path: "/books/{bookId}/job/continue",
    tag: "Jobs",
    summary: "Continue a generation paused for the plan review",
    description:
      "A book created with `reviewPlan: true` pauses after its outline and bible (job status AWAITING_REVIEW); " +
      "this writes its chapters. Anything else answers 409 JOB_NOT_AWAITING_REVIEW.",
    action: "book:update",
    params: bookParams,
    success: { status: 200, description: "The job, back to PENDING", schema: jobSchema },
    errors: [409],
  }),
  streamJobEvents: defineOperation({
    operationId: "streamJobEvents",
    method: "GET",
    path: "/books/{bookId}/job/events",
    tag: "Jobs",
    summary: "Live progress as Server-Sent Events",
    description:
      "`event: progress` carries `{ job }` (the Job schema) at once and after every change; `event: end` carries " +
      "`{ status }` when the job completes or fails, then the stream closes. Comments (`: ping`) keep it alive.",
    action: "job:read",
    params: bookParams,
    success: { status: 200, description: "An event stream", contentType: "text/event-stream" },
  }),
  listFormats: defineOperation({
    operationId: "listFormats",
    method: "GET",
    path: "/books/{bookId}/formats",
    tag: "Formats",
    summary: "The book's export formats: render status, file facts, download counts",
    action: "book:read",
    params: bookParams,
    success: { status: 200, description: "The five formats", schema: bookFormatsSchema },
  }),
  downloadFormat: defineOperation({
    operationId: "downloadFormat",
    method: "GET",
    path: "/books/{bookId}/formats/{format}/download",
    tag: "Formats",
    summary: "Download a rendered file",
    description:
      "Records the download and answers 302 to the file (a CDN or short-lived signed URL); the body also " +
      "carries `{ url, format, fileName }` for clients that do not follow redirects.",
    action: "format:download",
    params: formatParams,
    success: { status: 302, description: "Redirect to the file", schema: downloadLinkSchema },
  }),
  downloadStats: defineOperation({
    operationId: "downloadStats",
    method: "GET",
    path: "/books/{bookId}/downloads",
    tag: "Formats",
    summary: "Download counts: per format, and per day over the last 30 days",
    action: "book:read",
    params: bookParams,
    success: { status: 200, description: "Download statistics", schema: downloadCountsSchema },
  }),
  listCollaborators: defineOperation({
    operationId: "listCollaborators",
    method: "GET",
    path: "/books/{bookId}/collaborators",
    tag: "Books",
    summary: "Who the book is shared with: people and pending invitations, with their role and permissions",
    action: "collaborator:read",
    params: bookParams,
    success: { status: 200, description: "The book's collaborators", schema: collaboratorListResponse },
  }),
  listRevisions: defineOperation({
    operationId: "listRevisions",
    method: "GET",
    path: "/books/{bookId}/revisions",
    tag: "Books",
    summary: "The book's history: every version, newest first, with the name and note people gave it",
    description:
      "Versions read 1.0 for the generated text, 1.1, 1.2 … per edit and 2.0 when the book is written again. " +
      "Each says who made it, when, and what changed (`changes`: chapters touched, words added and removed, " +
      'corrections applied); `name` and `note` are a person\'s label for it ("Sent to the publisher"), null ' +
      "until someone names it. No text: pass `nextCursor` back as `cursor` for older versions.",
    action: "revision:read",
    params: bookParams,
    query: listRevisionsInput,
    success: { status: 200, description: "A page of revisions", schema: revisionPageSchema },
  }),
  getUsage: defineOperation({
    operationId: "getUsage",
    method: "GET",
    path: "/usage",
    tag: "Usage",
    summary: "This month's usage: books created, storage used, API calls",
    action: "usage:read",
    success: { status: 200, description: "Usage of the current period", schema: usageSchema },
  }),
  estimateBook: defineOperation({
    operationId: "estimateBook",
    method: "GET",
    path: "/books/estimate",
    tag: "Books",
    summary: "Estimate the tokens (and cost) of a book before starting it",
    description:
      "Tokens for a book of `targetWords` in `targetChapters` on `engine` (default: the organization's), and " +
      "its cost where the organization set prices per 1k tokens for its OpenAI-compatible engine. The demo " +
      "engine writes placeholder prose for free. An estimate: continuations and retries are not included.",
    action: "usage:read",
    query: estimateGenerationInput,
    success: { status: 200, description: "The estimate", schema: generationEstimateSchema },
  }),
  listCorrections: defineOperation({
    operationId: "listCorrections",
    method: "GET",
    path: "/books/{bookId}/corrections",
    tag: "Corrections",
    summary: "The book's findings (spelling, grammar, style, coherence, structure) in reading order",
    description:
      "Filter by `chapterId`, `type`, `severity` and `status` (OPEN, ACCEPTED, REJECTED, RESOLVED). Pass " +
      "`nextCursor` back as `cursor` with the same filters.",
    action: "correction:read",
    params: bookParams,
    query: correctionsQuerySchema,
    success: { status: 200, description: "A page of findings", schema: correctionPageSchema },
  }),
  listComments: defineOperation({
    operationId: "listComments",
    method: "GET",
    path: "/books/{bookId}/comments",
    tag: "Review",
    summary: "The book's comments, each anchored to a passage, with its thread of replies",
    description:
      "In reading order. Filter by `chapterId` and `status` (OPEN, RESOLVED). `startOffset`/`endOffset` point " +
      "into the chapter's Markdown; a comment whose passage was edited away keeps its `quote` and is `detached`.",
    action: "comment:read",
    params: bookParams,
    query: commentsQuerySchema,
    success: { status: 200, description: "The comments", schema: commentListSchema },
  }),
  checkBook: defineOperation({
    operationId: "checkBook",
    method: "POST",
    path: "/books/{bookId}/check",
    tag: "Corrections",
    summary: "Check the book (only the chapters changed since their last check, or all with `full`)",
    description:
      "Queues a check run and answers at once; a request while one is pending joins it. Poll `listCorrections` " +
      "or the run's status; 409 CONFLICT when the book has not been written yet.",
    action: "correction:check",
    params: bookParams,
    body: startCheckInputSchema,
    success: { status: 202, description: "The queued check run", schema: checkRunEnvelopeSchema },
    errors: [409],
  }),
  getCheck: defineOperation({
    operationId: "getCheck",
    method: "GET",
    path: "/books/{bookId}/check",
    tag: "Corrections",
    summary: "The book's latest check run (status, progress, summary)",
    description: "404 NOT_FOUND when the book has never been checked.",
    action: "correction:read",
    params: bookParams,
    success: { status: 200, description: "The latest check run", schema: checkRunEnvelopeSchema },
  }),
  applyCorrection: defineOperation({
    operationId: "applyCorrection",
    method: "POST",
    path: "/corrections/{correctionId}/apply",
    tag: "Corrections",
    summary: "Apply one suggestion of a finding to the chapter's text",
    description:
      "Only if the text still reads the finding's original at its offsets (409 CORRECTION_STALE otherwise). " +
      "Records a revision and marks the book's files stale, like an edit.",
    action: "correction:resolve",
    params: correctionParams,
    body: applyCorrectionInputSchema,
    success: {
      status: 200,
      description: "The accepted finding and the new revision",
      schema: applyCorrectionResultSchema,
    },
    errors: [409],
  }),
  dismissCorrection: defineOperation({
    operationId: "dismissCorrection",
    method: "POST",
    path: "/corrections/{correctionId}/dismiss",
    tag: "Corrections",
    summary: "Dismiss a finding (later checks never reopen it)",
    action: "correction:resolve",
    params: correctionParams,
    body: dismissCorrectionInputSchema,
    success: { status: 200, description: "The dismissed finding", schema: correctionEnvelopeSchema },
    errors: [409],
  }),
} as const;

export type V1Operations = typeof v1;
