"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { commentOnlyMarkClass } from "./review-marks";
import { COMMENT_MARK_ATTRIBUTE, commentBodyElementId, useReview } from "./review-state";

/**
 * A run of a passage that open comments are about (and no finding covers: see FindingMark for a run under
 * both), rendered in place of the rehype plugin's <mark>: highlighted, described to screen readers by the
 * comment itself, and a button that brings its thread forward in the review panel.
 */
export function CommentMark({ commentIds, children }: { commentIds: string[]; children?: ReactNode }) {
  const review = useReview();
  const first = commentIds[0];
  if (!review || first === undefined) return <>{children}</>;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    if (first !== undefined) review?.showThread(first);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> cannot wrap across lines inside a paragraph
    <mark
      {...{ [COMMENT_MARK_ATTRIBUTE]: "" }}
      data-comment-ids={commentIds.join(" ")}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the highlighted text itself opens its thread
      role="button"
      tabIndex={0}
      aria-describedby={commentMarkDescription(review.markHintId, commentIds)}
      className={commentOnlyMarkClass}
      onClick={() => review.showThread(first)}
      onKeyDown={onKeyDown}
    >
      {children}
    </mark>
  );
}

/** "Commented passage" and the body of each comment on it, for aria-describedby. */
export function commentMarkDescription(markHintId: string, commentIds: string[]): string {
  return [markHintId, ...commentIds.map(commentBodyElementId)].join(" ");
}
