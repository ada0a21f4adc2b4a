import { z } from "zod";
import { isoDate } from "./common";

// Book review on the wire (issue 16 §3): comments anchored to a passage of a chapter, their one-level thread of
// replies, the people a comment can @mention, and suggestions from people (which become ChapterCorrections of
// source PERSON, see ./corrections). Internal routes (/api/books/[bookId]/comments/**,
// /api/books/[bookId]/suggestions), API v1 and the UI all read these declarations.

/** Longest comment or reply body, in characters: a paragraph of review, not a chapter. */
export const COMMENT_BODY_MAX = 5000;
/** Longest passage a comment or a suggestion may quote. */
export const PASSAGE_MAX = 5000;
/** Most people one comment or reply may @mention. */
export const MENTIONS_MAX = 20;

export const commentStatusSchema = z.enum(["OPEN", "RESOLVED"]);
export type CommentStatus = z.infer<typeof commentStatusSchema>;

const personSchema = z.object({ id: z.string(), name: z.string() });
export type CommentPerson = z.infer<typeof personSchema>;

export const commentReplySchema = z.object({
  id: z.string(),
  commentId: z.string(),
  /** Null once the author's account is deleted. */
  author: personSchema.nullable(),
  body: z.string(),
  mentions: z.array(personSchema),
  createdAt: isoDate,
});
export type CommentReply = z.infer<typeof commentReplySchema>;

/**
 * One comment. `startOffset`/`endOffset` point into the chapter's Markdown and move with edits; a comment whose
 * passage was edited away keeps `quote` and is `detached` (shown apart from the text, never deleted).
 */
export const commentSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  chapterId: z.string(),
  author: personSchema.nullable(),
  body: z.string(),
  startOffset: z.number().int(),
  endOffset: z.number().int(),
  quote: z.string(),
  detached: z.boolean(),
  status: commentStatusSchema,
  resolvedBy: personSchema.nullable(),
  resolvedAt: isoDate.nullable(),
  mentions: z.array(personSchema),
  replies: z.array(commentReplySchema),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Comment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ items: z.array(commentSchema) });
export type CommentList = z.infer<typeof commentListSchema>;

export const commentEnvelopeSchema = z.object({ comment: commentSchema });
export type CommentEnvelope = z.infer<typeof commentEnvelopeSchema>;

/** Someone who can see the book, so can be @mentioned: members of its organization (collaborators later). */
export const mentionablePersonSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type MentionablePerson = z.infer<typeof mentionablePersonSchema>;
export const mentionableListSchema = z.object({ items: z.array(mentionablePersonSchema) });
export type MentionableList = z.infer<typeof mentionableListSchema>;

/**
 * `event: review` of the book's event stream (with ?review=1): counts and the latest change of its comments,
 * replies and suggestions from people, sent whenever one of them changes; the reader then re-reads the list.
 */
export const reviewFrameSchema = z.object({
  comments: z.number().int(),
  replies: z.number().int(),
  suggestions: z.number().int(),
  changedAt: isoDate.nullable(),
});
export type ReviewFrame = z.infer<typeof reviewFrameSchema>;

// ---- Requests -----------------------------------------------------------------------------------------------

export const commentsQuerySchema = z.object({
  chapterId: z.string().max(64).optional(),
  status: commentStatusSchema.optional(),
});
export type CommentsQuery = z.infer<typeof commentsQuerySchema>;

const body = z.string().trim().min(1).max(COMMENT_BODY_MAX);
/** User ids the author picked from the mentionable list (the body carries "@Name" for the reader). */
const mentionIds = z.array(z.string().min(1).max(64)).max(MENTIONS_MAX).default([]);

/** A passage of a chapter: [startOffset, endOffset) of its Markdown, which must read `quote`. */
const passage = {
  chapterId: z.string().min(1).max(64),
  startOffset: z.number().int().min(0),
  endOffset: z.number().int().min(1),
  quote: z.string().min(1).max(PASSAGE_MAX),
};

export const createCommentInputSchema = z
  .strictObject({ ...passage, body, mentionIds })
  .refine((v) => v.endOffset > v.startOffset, { path: ["endOffset"], message: "endOffset must follow startOffset" });
export type CreateCommentInput = z.input<typeof createCommentInputSchema>;

export const replyInputSchema = z.strictObject({ body, mentionIds });
export type ReplyInput = z.input<typeof replyInputSchema>;

/** Resolve (RESOLVED) or reopen (OPEN) a thread. */
export const commentStatusInputSchema = z.strictObject({ status: commentStatusSchema });
export type CommentStatusInput = z.infer<typeof commentStatusInputSchema>;

/** "Suggest a change": replace the quoted passage with `replacement` (may be empty: a deletion). */
export const createSuggestionInputSchema = z
  .strictObject({
    ...passage,
    replacement: z.string().max(PASSAGE_MAX),
    note: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.endOffset > v.startOffset, { path: ["endOffset"], message: "endOffset must follow startOffset" })
  .refine((v) => v.replacement !== v.quote, { path: ["replacement"], message: "replacement is the same text" });
export type CreateSuggestionInput = z.input<typeof createSuggestionInputSchema>;

// ---- Routes (fixed so the server and the UI agree) -----------------------------------------------------------
// GET    /api/books/[bookId]/comments                      ?chapterId&status → commentListSchema
// POST   /api/books/[bookId]/comments                      createCommentInputSchema → 201 commentEnvelopeSchema
// GET    /api/books/[bookId]/comments/mentionable          → mentionableListSchema
// POST   /api/books/[bookId]/comments/[commentId]/replies  replyInputSchema → 201 commentEnvelopeSchema
// POST   /api/books/[bookId]/comments/[commentId]/status   commentStatusInputSchema → commentEnvelopeSchema
// DELETE /api/books/[bookId]/comments/[commentId]          → 204 (its author, or a writer who resolves)
// POST   /api/books/[bookId]/suggestions                   createSuggestionInputSchema → 201 correctionEnvelopeSchema
// GET    /api/books/[bookId]/events?review=1               also sends `event: review` frames (reviewFrameSchema)
//                                                          whenever a comment, reply or suggestion of the book
//                                                          changes, and stays open after the job has finished.
// API v1: GET /api/v1/books/{bookId}/comments (books:read).
