import { z } from "zod";
import { isoDate, pageOf } from "./common";
import { correctionSeverities, correctionStatuses, correctionTypes } from "./correction-kinds";

export type { CorrectionSeverity, CorrectionStatus, CorrectionType } from "./correction-kinds";

// The corrections domain on the wire: findings of the book checks (spelling, grammar, style, coherence,
// structure), their resolution workflow, the check runs that produce them, and the request bodies of the
// corrections routes. Internal routes (/api/books/[bookId]/corrections/**, /api/corrections/**), API v1 and
// the UI all read these declarations.

// ---- Enumerations -------------------------------------------------------------------------------------------

export const correctionTypeSchema = z.enum(correctionTypes);
export const correctionSeveritySchema = z.enum(correctionSeverities);

/** OPEN → ACCEPTED (suggestion applied) | REJECTED (dismissed) | RESOLVED (fixed by hand / text gone). */
export const correctionStatusSchema = z.enum(correctionStatuses);

export const languageVariantSchema = z.enum(["en-US", "en-GB", "fr-FR"]);
export type LanguageVariantWire = z.infer<typeof languageVariantSchema>;

// ---- Findings -----------------------------------------------------------------------------------------------

/**
 * One finding. Chapter findings (scope CHAPTER) always carry chapterId and offsets into that chapter's
 * Markdown; book findings (scope BOOK: structure, coherence) may name a chapter and a passage, or neither.
 */
export const correctionSchema = z.object({
  id: z.string(),
  scope: z.enum(["CHAPTER", "BOOK"]),
  bookId: z.string(),
  chapterId: z.string().nullable(),
  type: correctionTypeSchema,
  severity: correctionSeveritySchema,
  status: correctionStatusSchema,
  checker: z.string(),
  ruleId: z.string(),
  message: z.string(),
  original: z.string().nullable(),
  suggestions: z.array(z.string()),
  startOffset: z.number().int().nullable(),
  endOffset: z.number().int().nullable(),
  resolvedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  resolvedAt: isoDate.nullable(),
  resolutionNote: z.string().nullable(),
  /** CHECKER (a book check found it) or PERSON (someone suggested the change: `author`). */
  source: z.enum(["CHECKER", "PERSON"]),
  author: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Correction = z.infer<typeof correctionSchema>;

export const correctionPageSchema = pageOf(correctionSchema);
export type CorrectionPage = z.infer<typeof correctionPageSchema>;

/** Counts of OPEN findings, for the panel's header and the notification. */
export const correctionCountsSchema = z.object({
  open: z.number().int(),
  bySeverity: z.record(correctionSeveritySchema, z.number().int()),
  byType: z.record(correctionTypeSchema, z.number().int()),
});
export type CorrectionCounts = z.infer<typeof correctionCountsSchema>;

// ---- Check runs ---------------------------------------------------------------------------------------------

export const checkRunStatusSchema = z.enum(["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]);
export type CheckRunStatus = z.infer<typeof checkRunStatusSchema>;

export const checkRunSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  status: checkRunStatusSchema,
  /** What started it: the end of a generation, a person ("Check the book"), or an edit of some chapters. */
  trigger: z.enum(["GENERATION", "MANUAL", "EDIT", "API"]),
  /** Chapters this run checks (all of them, or only those changed since their last check). */
  chaptersTotal: z.number().int(),
  chaptersDone: z.number().int(),
  progress: z.number().int().min(0).max(100),
  /** Open findings by severity once the run has finished; null while it runs. */
  summary: z
    .object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int(), new: z.number().int() })
    .nullable(),
  error: z.string().nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
});
export type CheckRun = z.infer<typeof checkRunSchema>;

/** GET /api/books/[bookId]/corrections/summary: the latest run and the open counts. */
export const correctionsOverviewSchema = z.object({
  latestRun: checkRunSchema.nullable(),
  counts: correctionCountsSchema,
  variant: languageVariantSchema,
});
export type CorrectionsOverview = z.infer<typeof correctionsOverviewSchema>;

// ---- Requests -----------------------------------------------------------------------------------------------

export const correctionsQuerySchema = z.object({
  chapterId: z.string().max(64).optional(),
  type: correctionTypeSchema.optional(),
  severity: correctionSeveritySchema.optional(),
  status: correctionStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type CorrectionsQuery = z.infer<typeof correctionsQuerySchema>;

/** Apply one suggestion: the index into `suggestions` (default 0). */
export const applyCorrectionInputSchema = z.strictObject({
  suggestionIndex: z.number().int().min(0).max(50).default(0),
});
export type ApplyCorrectionInput = z.infer<typeof applyCorrectionInputSchema>;

export const dismissCorrectionInputSchema = z.strictObject({
  reason: z.string().trim().max(500).optional(),
});
export type DismissCorrectionInput = z.infer<typeof dismissCorrectionInputSchema>;

/** "Apply all N spelling suggestions in this chapter" / "dismiss all of this rule": one transaction. */
export const bulkCorrectionsInputSchema = z.strictObject({
  action: z.enum(["apply", "dismiss"]),
  chapterId: z.string().max(64).optional(),
  type: correctionTypeSchema.optional(),
  ruleId: z.string().max(120).optional(),
  checker: z.string().max(60).optional(),
  reason: z.string().trim().max(500).optional(),
});
export type BulkCorrectionsInput = z.infer<typeof bulkCorrectionsInputSchema>;

export const bulkCorrectionsResultSchema = z.object({
  applied: z.number().int(),
  dismissed: z.number().int(),
  skippedStale: z.number().int(),
  revisionId: z.string().nullable(),
});
export type BulkCorrectionsResult = z.infer<typeof bulkCorrectionsResultSchema>;

/** "Add to dictionary" (organization) or "Ignore in this book". */
export const acceptWordInputSchema = z.strictObject({
  word: z.string().trim().min(1).max(80),
  scope: z.enum(["ORGANIZATION", "BOOK"]),
});
export type AcceptWordInput = z.infer<typeof acceptWordInputSchema>;

export const acceptWordResultSchema = z.object({ resolved: z.number().int() });
export type AcceptWordResult = z.infer<typeof acceptWordResultSchema>;

export const startCheckInputSchema = z.strictObject({
  /** Check every chapter again instead of only those changed since their last check. */
  full: z.boolean().default(false),
});
export type StartCheckInput = z.infer<typeof startCheckInputSchema>;

export const applyCorrectionResultSchema = z.object({
  correction: correctionSchema,
  revisionId: z.string(),
});
export type ApplyCorrectionResult = z.infer<typeof applyCorrectionResultSchema>;

export const correctionEnvelopeSchema = z.object({ correction: correctionSchema });
export type CorrectionEnvelope = z.infer<typeof correctionEnvelopeSchema>;

export const checkRunEnvelopeSchema = z.object({ run: checkRunSchema });
export type CheckRunEnvelope = z.infer<typeof checkRunEnvelopeSchema>;

// ---- Routes (fixed so the server and the UI agree) -----------------------------------------------------------
// GET  /api/books/[bookId]/corrections            ?chapterId&type&severity&status&cursor&limit → correctionPageSchema
// GET  /api/books/[bookId]/corrections/summary    → correctionsOverviewSchema
// POST /api/books/[bookId]/corrections/check      startCheckInputSchema → 202 checkRunEnvelopeSchema
// POST /api/books/[bookId]/corrections/check/cancel → checkRunEnvelopeSchema
// POST /api/books/[bookId]/corrections/bulk       bulkCorrectionsInputSchema → bulkCorrectionsResultSchema
// POST /api/books/[bookId]/corrections/words      acceptWordInputSchema → acceptWordResultSchema
// POST /api/corrections/[correctionId]/apply      applyCorrectionInputSchema → applyCorrectionResultSchema
// POST /api/corrections/[correctionId]/dismiss    dismissCorrectionInputSchema → correctionEnvelopeSchema
// GET  /api/books/[bookId]/events                 also sends `event: check` frames, data checkRunEnvelopeSchema,
//                                                 whenever the latest check run changes; it stays open while a
//                                                 check runs (reopen it after starting a check).
// API v1: GET /api/v1/books/{bookId}/corrections, POST /api/v1/books/{bookId}/check,
//         POST /api/v1/corrections/{correctionId}/apply, POST /api/v1/corrections/{correctionId}/dismiss.
