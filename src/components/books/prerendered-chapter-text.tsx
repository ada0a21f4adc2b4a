"use client";

import { useEffect, useRef } from "react";
import { type CorrectionsValue, useCorrections } from "@/components/corrections/corrections-state";
import { CORRECTIONS_SCOPE_ATTRIBUTE, FINDING_MARK_ATTRIBUTE } from "@/components/corrections/finding-navigation";
import { passageMarkAttributes } from "@/components/corrections/passage-mark-attributes";
import { COMMENT_MARK_ATTRIBUTE, type ReviewValue, useReview } from "@/components/review/review-state";

const idsOf = (value: string | undefined) => (value ?? "").split(" ").filter(Boolean);
const MARK_SELECTOR = `[${FINDING_MARK_ATTRIBUTE}], [${COMMENT_MARK_ATTRIBUTE}]`;

/**
 * The opening chapter as the server rendered it (an HTML string: hydration does not walk it, and the browser
 * never parses the chapter's Markdown), with the marks the server put in it. Once `live` (the page's own
 * lists of findings and comments call for exactly these marks) they become what FindingMark and CommentMark
 * render, attributes set in place: buttons described to screen readers that open the popover or the thread
 * (one listener on the text for all of them), so the text is not rendered again and a selection in it stays.
 */
export function PrerenderedChapterText({ html, live }: { html: string; live: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const corrections = useCorrections();
  const review = useReview();
  const latest = useRef({ corrections, review });
  latest.current = { corrections, review };

  useEffect(() => {
    if (live && ref.current) decorateMarks(ref.current, corrections, review);
  }, [live, corrections, review]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const activate = (mark: HTMLElement) => {
      const { corrections: current, review: thread } = latest.current;
      if (current && mark.hasAttribute(FINDING_MARK_ATTRIBUTE)) {
        current.openFinding({ ids: idsOf(mark.dataset.findingIds), anchor: mark, returnFocus: mark, takeFocus: true });
        return;
      }
      const first = idsOf(mark.dataset.commentIds)[0];
      if (first !== undefined) thread?.showThread(first);
    };
    const onClick = (event: MouseEvent) => {
      const mark = event.target instanceof Element ? event.target.closest<HTMLElement>(MARK_SELECTOR) : null;
      if (mark && root.contains(mark)) activate(mark);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const mark = event.target instanceof HTMLElement && event.target.matches(MARK_SELECTOR) ? event.target : null;
      if (!mark) return;
      event.preventDefault();
      activate(mark);
    };
    root.addEventListener("click", onClick);
    root.addEventListener("keydown", onKeyDown);
    return () => {
      root.removeEventListener("click", onClick);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <div
      ref={ref}
      {...{ [CORRECTIONS_SCOPE_ATTRIBUTE]: "" }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server rendered it from the chapter's Markdown without raw HTML (MarkdownBody's skipHtml and URL filter)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/**
 * Sets on the server's marks what FindingMark (a finding covers the run) or CommentMark would render: the
 * same passageMarkAttributes.
 */
function decorateMarks(root: HTMLElement, corrections: CorrectionsValue | null, review: ReviewValue | null) {
  for (const mark of root.querySelectorAll<HTMLElement>("mark[data-finding-ids], mark[data-comment-ids]")) {
    const attributes = passageMarkAttributes(
      idsOf(mark.dataset.findingIds),
      idsOf(mark.dataset.commentIds),
      corrections,
      review,
    );
    for (const [name, value] of Object.entries(attributes ?? {})) mark.setAttribute(name, value);
  }
}
