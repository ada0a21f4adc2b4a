"use client";

import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Comment } from "@/contracts/comments";
import { useCorrections } from "@/components/corrections/corrections-state";
import { useBookErrorText } from "@/components/books/use-book-error-text";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import {
  COMMENT_EMPHASIS_ATTRIBUTE,
  COMMENT_MARK_ATTRIBUTE,
  ReviewContext,
  type ReviewValue,
  threadElementId,
} from "./review-state";
import { sameList } from "@/lib/same-list";
import { revealChapterThen } from "@/lib/reveal-chapter";

/** How long a passage picked from its thread stays emphasised. */
const EMPHASIS_MS = 2000;
/** How long to wait for a chapter that was not loaded yet to show the passage's marks. */
const PASSAGE_WAIT_MS = 8000;

/**
 * Loads a book's comments once for the page and keeps them live (the book's event stream with
 * `?review=1`), so the review panel and the passages marked in the text share one list; links a passage and
 * its thread both ways.
 */
export function ReviewProvider({
  bookId,
  articleId,
  renderedKey = null,
  children,
}: {
  bookId: string;
  /** The id of the element holding the book's text, where the marks are. */
  articleId: string;
  /**
   * The review state (a `review` frame's data) read while the server rendered the page, before this
   * provider's loads: a first frame equal to it means nothing changed since, so nothing is read again.
   */
  renderedKey?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  const errorText = useBookErrorText();
  const refreshCorrections = useCorrections()?.refresh;
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const markHintId = useId();

  const reload = useCallback(async () => {
    const result = await apiFetch(`/api/books/${bookId}/comments`, { schema: "commentListSchema" });
    if (result.ok) {
      const items = result.data.items;
      setComments((previous) => (previous && sameList(previous, items) ? previous : items));
      setLoadError(null);
    } else setLoadError(errorText(result.error.code));
  }, [bookId, errorText]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Live: others' comments, replies, resolutions and suggestions, without a reload. A frame re-reads when
  // it differs from the last state known here (the first one of a connection too: something may have
  // changed while it was reconnecting). The first state known is the server's, read before this page's own
  // loads: re-reading a long book's findings for an unchanged first frame was a second second of a phone's
  // work. The stream depends on the book only, so a re-render never reopens it.
  const reloadAll = useRef<() => void>(() => {});
  reloadAll.current = () => {
    void reload();
    void refreshCorrections?.();
  };
  const knownKey = useRef(renderedKey);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/books/${bookId}/events?review=1`);
    source.addEventListener("review", (event) => {
      if (event.data === knownKey.current) return;
      knownKey.current = event.data;
      reloadAll.current();
    });
    return () => source.close();
  }, [bookId]);

  const showThread = useCallback((commentId: string) => {
    const thread = document.getElementById(threadElementId(commentId));
    if (!thread) return;
    thread.scrollIntoView({ block: "center", behavior: scrollBehavior() });
    thread.focus({ preventScroll: true });
  }, []);

  // One passage emphasised at a time; picking another (or leaving the page) ends the previous one.
  const stopEmphasis = useRef<() => void>(() => {});
  useEffect(() => () => stopEmphasis.current(), []);

  const showPassage = useCallback(
    (comment: Pick<Comment, "id" | "chapterId">) => {
      stopEmphasis.current();
      const root = document.getElementById(articleId);
      if (!root) return;
      const marksOf = () =>
        [...root.querySelectorAll<HTMLElement>(`[${COMMENT_MARK_ATTRIBUTE}][data-comment-ids]`)].filter((mark) =>
          (mark.dataset.commentIds ?? "").split(" ").includes(comment.id),
        );
      const emphasise = (marks: HTMLElement[]) => {
        const first = marks[0];
        if (!first) return;
        first.scrollIntoView({ block: "center", behavior: scrollBehavior() });
        first.focus({ preventScroll: true });
        for (const mark of marks) mark.setAttribute(COMMENT_EMPHASIS_ATTRIBUTE, "");
        const timer = window.setTimeout(() => stopEmphasis.current(), EMPHASIS_MS);
        stopEmphasis.current = () => {
          window.clearTimeout(timer);
          for (const mark of marks) mark.removeAttribute(COMMENT_EMPHASIS_ATTRIBUTE);
          stopEmphasis.current = () => {};
        };
      };
      const marks = marksOf();
      if (marks.length > 0) return emphasise(marks);
      // The chapter is not loaded (or not rendered with its marks) yet: bring it near the window, which
      // loads it, then wait for the marks to appear.
      stopEmphasis.current = revealChapterThen(
        root,
        comment.chapterId,
        () => {
          const found = marksOf();
          return found.length > 0 ? found : null;
        },
        emphasise,
        PASSAGE_WAIT_MS,
      );
    },
    [articleId],
  );

  const value = useMemo<ReviewValue>(
    () => ({ comments, loadError, reload, markHintId, showThread, showPassage }),
    [comments, loadError, reload, markHintId, showThread, showPassage],
  );
  return (
    <ReviewContext.Provider value={value}>
      {children}
      <span id={markHintId} hidden>
        {t("review.markHint")}
      </span>
    </ReviewContext.Provider>
  );
}

function scrollBehavior(): ScrollBehavior {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
}
