"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { asMarkProps, passageMarkAttributes } from "@/components/corrections/passage-mark-attributes";
import { useReview } from "./review-state";

/**
 * A run of a passage that open comments are about (and no finding covers: see FindingMark for a run under
 * both), rendered in place of the rehype plugin's <mark>: highlighted, described to screen readers by the
 * comment itself, and a button that brings its thread forward in the review panel. Its attributes:
 * passageMarkAttributes.
 */
export function CommentMark({ commentIds, children }: { commentIds: string[]; children?: ReactNode }) {
  const review = useReview();
  const first = commentIds[0];
  const attributes = passageMarkAttributes([], commentIds, null, review);
  if (!review || first === undefined || !attributes) return <>{children}</>;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    if (first !== undefined) review?.showThread(first);
  }

  return (
    // A <mark> with role="button" (in its attributes): a <button> cannot wrap across lines inside a paragraph.
    <mark {...asMarkProps(attributes)} onClick={() => review.showThread(first)} onKeyDown={onKeyDown}>
      {children}
    </mark>
  );
}
