"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { useReview } from "@/components/review/review-state";
import { useCorrections } from "./corrections-state";
import { asMarkProps, passageMarkAttributes } from "./passage-mark-attributes";

/**
 * A run of text that findings cover, rendered in place of the rehype plugin's <mark>: underlined by
 * severity (colour and line style), named for screen readers, and a button that opens the popover. When open
 * comments cover the run too it also wears their highlight and description (one control, never two nested);
 * their thread is reached from the rest of the passage or the panel. Its attributes: passageMarkAttributes.
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
  const attributes = passageMarkAttributes(ids, commentIds, corrections, review);
  if (!corrections || !attributes?.["data-finding-ids"]) return <>{children}</>;

  const show = (mark: HTMLElement) =>
    corrections.openFinding({ ids, anchor: mark, returnFocus: mark, takeFocus: true });

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    show(event.currentTarget);
  }

  return (
    // A <mark> with role="button" (in its attributes): a <button> cannot wrap across lines inside a paragraph.
    <mark {...asMarkProps(attributes)} onClick={(event) => show(event.currentTarget)} onKeyDown={onKeyDown}>
      {children}
    </mark>
  );
}
