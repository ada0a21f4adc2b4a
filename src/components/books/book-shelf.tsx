"use client";

import { BookOpen, Plus } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useMe } from "../app-shell/me-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button, ButtonLink } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { BookStatusBadge, useJobStateLabel } from "./book-status-badge";
import type { BookListItem } from "./book-types";
import { isFinishedJob } from "./book-types";
import { formatDate, formatNumber, isSingular } from "./book-format";
import { canWriteBooks } from "./book-roles";
import { ProgressBar } from "./progress-bar";

type BooksPage = { items: BookListItem[]; nextCursor: string | null };

const isRunning = (book: BookListItem) => Boolean(book.job && !isFinishedJob(book.job.status));

/**
 * The organization's books as cards with their status; running generations show a progress bar that is
 * refreshed by light polling (one request for the whole shelf, only while something is running).
 */
export function BookShelf() {
  const t = useT();
  const locale = useLocale();
  const { me } = useMe();
  const org = me.activeOrganization;
  const writer = canWriteBooks(org?.role);
  const [books, setBooks] = useState<BookListItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const stateLabel = useJobStateLabel();

  const load = useCallback(async () => {
    const result = await apiFetch<BooksPage>("/api/books?limit=24");
    if (!result.ok) {
      setFailed(true);
      return;
    }
    setFailed(false);
    // Keep the pages loaded with "Load more"; the first page replaces its own entries.
    setBooks((current) => {
      const fresh = result.data.items;
      if (!current || current.length <= fresh.length) return fresh;
      const ids = new Set(fresh.map((b) => b.id));
      return [...fresh, ...current.slice(fresh.length).filter((b) => !ids.has(b.id))];
    });
    setNextCursor((cursor) => cursor ?? result.data.nextCursor);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the active organization changes
  useEffect(() => {
    setBooks(null);
    setNextCursor(null);
    void load();
  }, [load, org?.id]);

  const running = books?.some(isRunning) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), 2500);
    return () => clearInterval(timer);
  }, [running, load]);

  function chapterCount(book: BookListItem): string {
    const count = book.chapterCount || (book.targetChapters ?? 0);
    const key = isSingular(count, locale) ? "books.shelf.chaptersOne" : "books.shelf.chapters";
    return t(key, { count: formatNumber(count, locale) });
  }

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    const result = await apiFetch<BooksPage>(`/api/books?limit=24&cursor=${encodeURIComponent(nextCursor)}`);
    setLoadingMore(false);
    if (!result.ok) return;
    setBooks((current) => [...(current ?? []), ...result.data.items]);
    setNextCursor(result.data.nextCursor);
  }

  const newBook = writer ? (
    <ButtonLink href="/app/books/new" data-testid="new-book">
      <Plus className="size-4" aria-hidden="true" />
      {t("books.shelf.newBook")}
    </ButtonLink>
  ) : null;

  if (failed && !books) {
    return (
      <div className="space-y-3">
        <Alert tone="error">{t("books.shelf.loadFailed")}</Alert>
        <Button variant="secondary" onClick={() => void load()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }

  if (!books) {
    return (
      <div aria-busy="true" className="grid animate-pulse gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <span className="sr-only" role="status">
          {t("common.loading")}
        </span>
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-40 rounded-xl bg-stone-200/70" />
        ))}
      </div>
    );
  }

  if (books.length === 0) {
    return (
      <EmptyState
        icon={BookOpen}
        title={t("dashboard.emptyTitle")}
        description={writer ? t("books.shelf.emptyDescription") : t("books.shelf.emptyReadOnly")}
        action={
          writer ? (
            <ButtonLink href="/app/books/new" data-testid="first-book">
              <Plus className="size-4" aria-hidden="true" />
              {t("books.shelf.emptyCta")}
            </ButtonLink>
          ) : undefined
        }
      />
    );
  }

  return (
    <section aria-labelledby="books-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="books-heading" className="font-serif text-xl font-semibold text-stone-900">
            {t("books.shelf.title")}
          </h2>
          {org ? (
            <p className="text-sm text-stone-600">{t("books.shelf.description", { organization: org.name })}</p>
          ) : null}
        </div>
        {newBook}
      </div>
      <ul aria-label={t("books.shelf.listLabel")} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {books.map((book) => (
          <li key={book.id} data-book-id={book.id}>
            <Link
              href={`/app/books/${book.id}`}
              className="group flex h-full flex-col rounded-xl border border-stone-200 bg-white p-4 shadow-sm transition hover:border-ink-300 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600"
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
                  <span>{chapterCount(book)}</span>
                  <span>{t("books.shelf.createdOn", { date: formatDate(book.createdAt, locale) })}</span>
                  {book.isDemoContent || book.engine.isDemo ? <Badge tone="amber">{t("books.demoBadge")}</Badge> : null}
                </div>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void loadMore()} loading={loadingMore}>
            {t("books.shelf.loadMore")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
