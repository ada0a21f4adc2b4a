"use client";

import { clsx } from "clsx";
import { CircleAlert, CircleCheck, CircleDashed, LoaderCircle } from "lucide-react";
import type { ChapterProgress, ChapterState } from "@/contracts/books";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { formatNumber } from "./book-format";

const chapterIcons: Record<ChapterState, typeof CircleCheck> = {
  PENDING: CircleDashed,
  WRITING: LoaderCircle,
  DONE: CircleCheck,
  FAILED: CircleAlert,
};
const chapterColors: Record<ChapterState, string> = {
  PENDING: "text-stone-400",
  WRITING: "text-ink-600 animate-spin motion-reduce:animate-none",
  DONE: "text-emerald-600",
  FAILED: "text-red-600",
};

/** Each chapter of a running generation with its state and, once budgeted, words written of its budget. */
export function ChapterProgressList({ chapters }: { chapters: ChapterProgress[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol className="space-y-2" data-testid="chapter-states">
      {chapters.map((chapter) => {
        const Icon = chapterIcons[chapter.state];
        return (
          <li
            key={chapter.order}
            className="flex items-center gap-3 rounded-lg border border-stone-100 px-3 py-2"
            data-chapter-state={chapter.state}
          >
            <Icon className={clsx("size-5 shrink-0", chapterColors[chapter.state])} aria-hidden="true" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-stone-900">
                {chapter.order}. {chapter.title}
              </p>
              <p className="text-xs text-stone-500">
                {t(`books.chapterState.${chapter.state}`)}
                {chapter.state === "WRITING" && chapter.sectionsTotal
                  ? ` · ${t("books.progress.sectionOf", {
                      current: Math.min((chapter.sectionsDone ?? 0) + 1, chapter.sectionsTotal),
                      total: chapter.sectionsTotal,
                    })}`
                  : ""}
                {chapter.budget
                  ? ` · ${t("books.progress.chapterWords", {
                      words: formatNumber(chapter.words, locale),
                      budget: formatNumber(chapter.budget, locale),
                    })}`
                  : ""}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
