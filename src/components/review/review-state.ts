"use client";

import { createContext, useContext } from "react";
import type { Comment } from "@/contracts/comments";

export { COMMENT_MARK_ATTRIBUTE, commentMarkClass, markedComments } from "./review-marks";

// The review state of one book page, apart from its provider (review-context.tsx): the panel, the chapters
// of the reader and the marks in their text read it, and the marks load with the Markdown view, so this
// module stays small and free of react-markdown.

export type ReviewValue = {
  /** Every comment of the book, open and resolved; null until the first load. */
  comments: Comment[] | null;
  loadError: string | null;
  reload: () => Promise<void>;
  /** Id of the hidden text telling screen readers that a mark is a commented passage. */
  markHintId: string;
  /** Scrolls the comment's thread in the review panel into view and focuses it. */
  showThread: (commentId: string) => void;
  /** Scrolls to the comment's passage in the text (loading its chapter if needed) and briefly emphasises it. */
  showPassage: (comment: Pick<Comment, "id" | "chapterId">) => void;
};

export const ReviewContext = createContext<ReviewValue | null>(null);

/** The review state of the book page; null outside a ReviewProvider (no comment marks then). */
export function useReview(): ReviewValue | null {
  return useContext(ReviewContext);
}

/** Set for a moment on the marks of a passage picked from its thread. */
export const COMMENT_EMPHASIS_ATTRIBUTE = "data-emphasised";

/** The element id of a comment's thread in the review panel, and of its body (the marks' description). */
export const threadElementId = (commentId: string) => `comment-thread-${commentId}`;
export const commentBodyElementId = (commentId: string) => `comment-body-${commentId}`;
