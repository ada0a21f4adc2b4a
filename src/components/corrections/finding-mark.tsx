"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { commentMarkDescription } from "@/components/review/comment-mark";
import { COMMENT_MARK_ATTRIBUTE, useReview } from "@/components/review/review-state";
import { useCorrections } from "./corrections-state";
import { FINDING_MARK_ATTRIBUTE } from "./finding-navigation";
import { findingMarkClass, worstFirst } from "./finding-style";

/**
 * A run of text that findings cover, rendered in place of the rehype plugin's <mark>: underlined by
 * severity (colour and line style), named for screen readers, and a button that opens the popover. When open
 * comments cover the run too it also wears their highlight and description (one control, never two nested);
 * their thread is reached from the rest of the passage or the panel.
 */
export function FindingMark({
  ids,
  commentIds = [],
  children,
}: {
  ids: string[];
  commentIds?: string[];
  children?: ReactNode;
}) {
  const corrections = useCorrections();
  const review = useReview();
  const findings = corrections ? worstFirst(ids.flatMap((id) => corrections.byId.get(id) ?? [])) : [];
  const worst = findings[0];
  if (!corrections || !worst) return <>{children}</>;
  const isOpen = corrections.open?.ids.join(" ") === ids.join(" ");
  const commented = review !== null && commentIds.length > 0;

  const show = (mark: HTMLElement) =>
    corrections.openFinding({ ids, anchor: mark, returnFocus: mark, takeFocus: true });

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    show(event.currentTarget);
  }

  const findingDescription = corrections.descriptionId(worst.type, worst.severity);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> cannot wrap across lines inside a paragraph
    <mark
      {...{ [FINDING_MARK_ATTRIBUTE]: "" }}
      {...(commented ? { [COMMENT_MARK_ATTRIBUTE]: "", "data-comment-ids": commentIds.join(" ") } : {})}
      data-finding-ids={ids.join(" ")}
      data-severity={worst.severity}
      data-type={worst.type}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the highlighted text itself opens the popover
      role="button"
      tabIndex={0}
      aria-haspopup="dialog"
      aria-describedby={
        commented
          ? `${findingDescription} ${commentMarkDescription(review.markHintId, commentIds)}`
          : findingDescription
      }
      aria-expanded={isOpen}
      className={findingMarkClass(worst.severity, commented, isOpen)}
      onClick={(event) => show(event.currentTarget)}
      onKeyDown={onKeyDown}
    >
      {children}
    </mark>
  );
}
