"use client";

import { type CSSProperties, useEffect, useRef, useState } from "react";
import { chapterDetailSchema } from "@/contracts/books";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ChapterFindingsView } from "@/components/corrections/chapter-findings-view";

/** How far ahead of the window a chapter starts loading, so scrolling rarely reaches an empty one. */
const PRELOAD_MARGIN = "1200px 0px";

/**
 * A chapter's text in the reader. The first render of a long book carries only the opening chapter's text
 * (a 100,000-word book was 1.35 MB of HTML); the others arrive here as a placeholder about their size and
 * are fetched from GET /api/books/:id/chapters/:chapterId when they come near the window: by scrolling, or
 * by picking them in the contents (the anchor scrolls to the placeholder, which then loads).
 */
export function LazyChapterText({
  bookId,
  chapterId,
  content,
  wordCount,
  className,
}: {
  bookId: string;
  chapterId: string;
  /** The text when the page already has it; undefined to load it when needed. */
  content: string | undefined;
  wordCount: number;
  className: string;
}) {
  const t = useT();
  const placeholder = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const text = content ?? loaded;

  useEffect(() => {
    if (text !== undefined || failed) return;
    const target = placeholder.current;
    if (!target) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        void apiFetch(`/api/books/${bookId}/chapters/${chapterId}`, { schema: chapterDetailSchema }).then((result) => {
          if (cancelled) return;
          if (result.ok) setLoaded(result.data.chapter.content);
          else setFailed(true);
        });
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

  // Open findings of the chapter are underlined in place (a plain MarkdownView outside a CorrectionsProvider).
  if (text !== undefined) return <ChapterFindingsView chapterId={chapterId} markdown={text} className={className} />;
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
