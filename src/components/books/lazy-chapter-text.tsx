"use client";

import { type ComponentType, type CSSProperties, useEffect, useMemo, useRef, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useCorrections } from "@/components/corrections/corrections-state";
import { passageMarksSource } from "@/components/corrections/passage-ranges";
import { useReview } from "@/components/review/review-state";
import { PrerenderedChapterText } from "./prerendered-chapter-text";

type FindingsView = ComponentType<{ chapterId: string; markdown: string; className?: string }>;

// Kept once loaded: a chapter mounted again (its text changed after a check or an edit) renders at once
// instead of showing the placeholder for a frame while the import resolves.
let loadedFindingsView: FindingsView | null = null;

/**
 * The findings view (and react-markdown with it), loaded once a chapter's Markdown must be rendered in the
 * browser (a chapter fetched while scrolling, or one with open findings or open comments to mark), not with
 * the page. Until it is
 * there the caller keeps what it shows (the server's HTML, or the placeholder), so nothing blinks.
 */
function useFindingsView(needed: boolean): FindingsView | null {
  const [view, setView] = useState<FindingsView | null>(() => loadedFindingsView);
  useEffect(() => {
    if (!needed || view) return;
    let live = true;
    void import("@/components/corrections/chapter-findings-view").then((module) => {
      loadedFindingsView = module.ChapterFindingsView;
      if (live) setView(() => module.ChapterFindingsView);
    });
    return () => {
      live = false;
    };
  }, [needed, view]);
  return view;
}

/** How far ahead of the window a chapter starts loading, so scrolling rarely reaches an empty one. */
const PRELOAD_MARGIN = "1200px 0px";

/**
 * A chapter's text in the reader. The first render of a long book carries only the opening chapter's text
 * (a 100,000-word book was 1.35 MB of HTML); the others arrive here as a placeholder about their size and
 * are fetched from GET /api/books/:id/chapters/:chapterId when they come near the window: by scrolling, or
 * by picking them in the contents (the anchor scrolls to the placeholder, which then loads).
 * The opening chapter comes `prerendered` as HTML by the server (page.tsx), its open findings and comments
 * already marked, without its Markdown: the browser neither parses it nor loads react-markdown for it,
 * unless the page's own lists of findings and comments (the review panel's one list) come to call for other
 * marks than the server's (a finding resolved, a comment added); then its Markdown is loaded as a far
 * chapter's is, and rendered with the new marks.
 */
export function LazyChapterText({
  bookId,
  chapterId,
  content,
  wordCount,
  className,
  prerendered,
}: {
  bookId: string;
  chapterId: string;
  /** The text when the page already has it; undefined to load it when needed. */
  content: string | undefined;
  wordCount: number;
  className: string;
  /** The text already rendered by the server (the opening chapter), and the marks it carries. */
  prerendered?: { html: string; marksKey: string };
}) {
  const t = useT();
  const corrections = useCorrections();
  const review = useReview();
  const placeholder = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  // A spinner only while the text is on its way: nineteen idle placeholders spinning kept a phone's
  // compositor busy with animations, and said "loading" about chapters nobody had asked for.
  const [fetching, setFetching] = useState(false);
  const text = content ?? loaded;
  // What the marks in the server's text should be made from, by the page's own lists, once both were read (a
  // list that failed to load counts as empty); null until then. The server's marks hold while it is the same.
  const findingsKnown = corrections?.isChapterLoaded(chapterId) === true;
  const comments = review?.comments ?? (review?.loadError ? [] : null);
  const marksKey = useMemo(
    () =>
      prerendered === undefined || !findingsKnown || comments === null
        ? null
        : passageMarksSource(chapterId, corrections?.findings ?? [], comments),
    [prerendered, findingsKnown, corrections?.findings, comments, chapterId],
  );
  const serverMarksHold = prerendered !== undefined && (marksKey === null || marksKey === prerendered.marksKey);
  // Other marks are needed: the page did not get the chapter's Markdown with its HTML, so it loads it now.
  const needsText = prerendered !== undefined && !serverMarksHold && text === undefined;
  const FindingsView = useFindingsView(text !== undefined && !serverMarksHold);

  // The chapter's findings are read once it is shown (or its text is on the way, below).
  const watchChapter = corrections?.watchChapter;
  const shown = text !== undefined || prerendered !== undefined;
  useEffect(() => {
    if (shown) watchChapter?.(chapterId);
  }, [shown, watchChapter, chapterId]);

  useEffect(() => {
    // The server's text is shown without its Markdown, until other marks than its own are needed.
    if (text !== undefined || failed || (prerendered !== undefined && !needsText)) return;
    const target = placeholder.current;
    if (!target) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        watchChapter?.(chapterId);
        setFetching(true);
        void apiFetch(`/api/books/${bookId}/chapters/${chapterId}`, { schema: "chapterDetailSchema" }).then(
          (result) => {
            if (cancelled) return;
            setFetching(false);
            if (result.ok) setLoaded(result.data.chapter.content);
            else setFailed(true);
          },
        );
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    observer.observe(target);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
    // "Try again" clears `failed`, which re-arms the observer.
  }, [bookId, chapterId, text, failed, prerendered, needsText, watchChapter]);

  if (prerendered !== undefined && (serverMarksHold || !FindingsView)) {
    // Observed (for its Markdown) only when `needsText`; always wrapped, so that never mounts the text again.
    return (
      <div ref={placeholder}>
        <PrerenderedChapterText html={prerendered.html} live={serverMarksHold && marksKey !== null} />
      </div>
    );
  }
  // Open findings of the chapter are underlined and open comments highlighted in place (a plain MarkdownView
  // outside the providers).
  if (text !== undefined && FindingsView) {
    return <FindingsView chapterId={chapterId} markdown={text} className={className} />;
  }
  if (failed) {
    return (
      <div className="mt-5 flex flex-wrap items-center gap-3 text-sm text-stone-600">
        <p>{t("books.reader.chapterLoadFailed")}</p>
        <Button variant="secondary" onClick={() => setFailed(false)}>
          {t("books.reader.chapterRetry")}
        </Button>
      </div>
    );
  }
  return (
    // About the rendered prose's height (≈ 3 px a word on a phone, 1.4 px on a desktop), so the
    // scrollbar and the contents' anchors barely move when the text arrives.
    <div
      ref={placeholder}
      className="mt-5 flex min-h-[calc(var(--chapter-words)*3px)] items-start justify-center pt-6 text-stone-400 sm:min-h-[calc(var(--chapter-words)*1.4px)]"
      style={{ "--chapter-words": wordCount } as CSSProperties}
      data-chapter-placeholder
    >
      {fetching ? <Spinner className="size-5" /> : null}
      <span className="sr-only">{t("books.reader.chapterLoading")}</span>
    </div>
  );
}
