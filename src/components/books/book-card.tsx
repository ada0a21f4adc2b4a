"use client";

import { IntentLink } from "@/components/ui/intent-link";
import type { BookListItem } from "@/contracts/books";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { bookPath } from "@/lib/book-paths";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatNumber, isSingular } from "./book-format";
import { BookStatusBadge, useJobStateLabel } from "./book-status-badge";
import { ProgressBar } from "./progress-bar";
import { isRunning } from "./use-shelf-books";

/** One book on the shelf: title, status, topic, a progress bar while it is written, chapters and date. */
export function BookCard({ book }: { book: BookListItem }) {
  const t = useT();
  const locale = useLocale();
  const stateLabel = useJobStateLabel();
  const chapters = book.chapterCount || (book.targetChapters ?? 0);
  const chaptersKey = isSingular(chapters, locale) ? "books.shelf.chaptersOne" : "books.shelf.chapters";
  return (
    <IntentLink
      href={bookPath("app", book.id)}
      className="group flex h-full min-w-0 flex-col rounded-xl border wrap-anywhere border-stone-200 bg-white p-4 shadow-sm transition hover:border-ink-300 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="line-clamp-2 font-serif text-base font-semibold text-stone-900 group-hover:text-ink-800">
          {book.title}
        </h3>
        <BookStatusBadge status={book.status} />
      </div>
      <p className="mt-1 line-clamp-2 text-sm text-stone-600">{book.topic}</p>
      <div className="mt-auto space-y-2 pt-4">
        {isRunning(book) && book.job ? (
          <div className="space-y-1">
            <div className="flex justify-between text-xs text-stone-600">
              <span>{stateLabel(book.job.status, book.job.errorCode)}</span>
              <span>{t("books.progress.percent", { percent: book.job.progress })}</span>
            </div>
            <ProgressBar
              size="sm"
              value={book.job.progress}
              label={t("books.shelf.progressLabel", { title: book.title })}
            />
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-500">
          <span>{t(chaptersKey, { count: formatNumber(chapters, locale) })}</span>
          <span>{t("books.shelf.createdOn", { date: formatDate(book.createdAt, locale) })}</span>
          {book.isDemoContent || book.engine.isDemo ? <Badge tone="amber">{t("books.demoBadge")}</Badge> : null}
        </div>
      </div>
    </IntentLink>
  );
}
