"use client";

import { type ComponentType, type CSSProperties, type ReactNode, useEffect, useRef, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { CORRECTIONS_SCOPE_ATTRIBUTE } from "@/components/corrections/finding-navigation";
import { useCorrections } from "@/components/corrections/corrections-state";
import { markedComments, useReview } from "@/components/review/review-state";

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
 * The opening chapter comes `prerendered` as HTML by the server (page.tsx): the browser neither parses
 * its Markdown nor loads react-markdown for it, until open findings must be underlined or open comments'
 * passages highlighted in it (the comments come with the review panel's one list, nothing more is fetched).
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
  /** The text already rendered by the server (the opening chapter), shown while nothing must be marked in it. */
  prerendered?: ReactNode;
}) {
  const t = useT();
  const hasFindings = (useCorrections()?.findings ?? []).some((finding) => finding.chapterId === chapterId);
  const hasComments = markedComments(useReview()?.comments ?? null, chapterId).length > 0;
  const hasMarks = hasFindings || hasComments;
  const placeholder = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const text = content ?? loaded;
  const FindingsView = useFindingsView(text !== undefined && (prerendered === undefined || hasMarks));

  useEffect(() => {
    if (text !== undefined || failed) return;
    const target = placeholder.current;
    if (!target) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        void apiFetch(`/api/books/${bookId}/chapters/${chapterId}`, { schema: "chapterDetailSchema" }).then(
          (result) => {
            if (cancelled) return;
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
  }, [bookId, chapterId, text, failed]);

  if (prerendered !== undefined && (!hasMarks || !FindingsView)) {
    // The same wrapper as ChapterFindingsView: the text is a scope of the `]` / `[` shortcuts.
    return <div {...{ [CORRECTIONS_SCOPE_ATTRIBUTE]: "" }}>{prerendered}</div>;
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
      <Spinner className="size-5" />
      <span className="sr-only">{t("books.reader.chapterLoading")}</span>
    </div>
  );
}
