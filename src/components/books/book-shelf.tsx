"use client";

import { clsx } from "clsx";
import { BookOpen, Plus, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useMe } from "@/components/app-shell/me-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldFrame, fieldControlClass } from "@/components/ui/field-frame";
import { Spinner } from "@/components/ui/spinner";
import { BookStatusBadge, useJobStateLabel } from "./book-status-badge";
import type { BookListItem } from "./book-types";
import { isFinishedJob } from "./book-types";
import { formatDate, formatNumber, isSingular } from "./book-format";
import { canWriteBooks } from "./book-roles";
import { ProgressBar } from "./progress-bar";

type BooksPage = { items: BookListItem[]; nextCursor: string | null };

const PAGE_SIZE = 24;
/** The API's limit on `q` (src/server/books/list-books.ts). */
const SEARCH_MAX_LENGTH = 200;
/** Typing must pause this long before the shelf searches: one request per pause, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 300;

const isRunning = (book: BookListItem) => Boolean(book.job && !isFinishedJob(book.job.status));

function booksPath(query: string, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (query) params.set("q", query);
  if (cursor) params.set("cursor", cursor);
  return `/api/books?${params}`;
}

/** Keeps the search in the address bar (?q=) so a reload or a shared link shows the same shelf. */
function reflectSearchInUrl(query: string): void {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  if (url.href !== window.location.href) window.history.replaceState(null, "", url);
}

/**
 * The organization's books as cards with their status, searchable by title or topic (debounced, kept in
 * the URL as ?q=); running generations show a progress bar that is refreshed by light polling (one request
 * for the whole shelf, only while something is running).
 */
export function BookShelf() {
  const t = useT();
  const locale = useLocale();
  const { me } = useMe();
  const org = me.activeOrganization;
  const writer = canWriteBooks(org?.role);
  const urlSearch = (useSearchParams().get("q") ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  const [search, setSearch] = useState(urlSearch);
  // The search that is applied (trimmed, after the pause) and the one the cards on screen answer.
  const [query, setQuery] = useState(search);
  const [shownQuery, setShownQuery] = useState(search);
  const [books, setBooks] = useState<BookListItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const stateLabel = useJobStateLabel();
  const searchInput = useRef<HTMLInputElement>(null);
  // Bumped when the search or the organization changes: answers to older requests are then dropped, so a
  // slow answer for "gar" never replaces the one for "garden".
  const generation = useRef(0);
  const shownOrganization = useRef(org?.id);

  const load = useCallback(
    async (fresh: boolean) => {
      const mine = generation.current;
      const result = await apiFetch<BooksPage>(booksPath(query));
      if (mine !== generation.current) return;
      if (!result.ok) {
        // A failed refresh keeps the cards; a failed new search says so.
        if (fresh) setFailed(true);
        return;
      }
      setFailed(false);
      setShownQuery(query);
      if (fresh) {
        setBooks(result.data.items);
        setNextCursor(result.data.nextCursor);
        return;
      }
      // Keep the pages loaded with "Load more"; the first page replaces its own entries.
      setBooks((current) => {
        const first = result.data.items;
        if (!current || current.length <= first.length) return first;
        const ids = new Set(first.map((b) => b.id));
        return [...first, ...current.slice(first.length).filter((b) => !ids.has(b.id))];
      });
      setNextCursor((cursor) => cursor ?? result.data.nextCursor);
    },
    [query],
  );

  // A new search keeps the current cards (dimmed) until it answers; another organization starts afresh.
  const organizationId = org?.id;
  useEffect(() => {
    generation.current += 1;
    if (shownOrganization.current !== organizationId) {
      shownOrganization.current = organizationId;
      setBooks(null);
    }
    setFailed(false);
    void load(true);
  }, [load, organizationId]);

  useEffect(() => {
    const typed = search.trim();
    if (typed === query) return;
    const timer = setTimeout(() => setQuery(typed), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, query]);

  // The last ?q= this shelf wrote, to tell its own address updates from navigation (a link to /app, back).
  const writtenSearch = useRef(urlSearch);
  useEffect(() => {
    writtenSearch.current = query;
    reflectSearchInUrl(query);
  }, [query]);
  useEffect(() => {
    if (urlSearch === writtenSearch.current) return;
    writtenSearch.current = urlSearch;
    setSearch(urlSearch);
    setQuery(urlSearch);
  }, [urlSearch]);

  const running = books?.some(isRunning) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(false), 2500);
    return () => clearInterval(timer);
  }, [running, load]);

  // Enter searches at once instead of waiting for the pause.
  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setQuery(search.trim());
  }

  function clearSearch() {
    setSearch("");
    setQuery("");
    searchInput.current?.focus();
  }

  function chapterCount(book: BookListItem): string {
    const count = book.chapterCount || (book.targetChapters ?? 0);
    const key = isSingular(count, locale) ? "books.shelf.chaptersOne" : "books.shelf.chapters";
    return t(key, { count: formatNumber(count, locale) });
  }

  async function loadMore() {
    if (!nextCursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    const result = await apiFetch<BooksPage>(booksPath(shownQuery, nextCursor));
    setLoadingMore(false);
    if (!result.ok || mine !== generation.current) return;
    setBooks((current) => [...(current ?? []), ...result.data.items]);
    setNextCursor(result.data.nextCursor);
  }

  const newBook = writer ? (
    <ButtonLink href="/app/books/new" data-testid="new-book">
      <Plus className="size-4" aria-hidden="true" />
      {t("books.shelf.newBook")}
    </ButtonLink>
  ) : null;

  const loadFailure = (
    <div className="space-y-3">
      <Alert tone="error">{t("books.shelf.loadFailed")}</Alert>
      <Button variant="secondary" onClick={() => void load(true)}>
        {t("common.retry")}
      </Button>
    </div>
  );

  if (failed && !books) return loadFailure;

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

  // "No books yet" only when nothing is searched: an empty search result says so differently below.
  if (books.length === 0 && shownQuery === "") {
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

  const searching = !failed && query !== shownQuery;
  const matchKey = nextCursor
    ? "books.shelf.matchesMore"
    : isSingular(books.length, locale)
      ? "books.shelf.matchesOne"
      : "books.shelf.matches";
  const searchStatus =
    shownQuery === ""
      ? ""
      : books.length === 0
        ? t("books.shelf.noMatchTitle", { query: shownQuery })
        : t(matchKey, { count: formatNumber(books.length, locale), query: shownQuery });

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
      <search className="block max-w-md" data-testid="book-search">
        <form onSubmit={submitSearch}>
          <FieldFrame label={t("books.shelf.searchLabel")} name="q">
            {(control) => (
              <div className="relative">
                <Search
                  className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-500"
                  aria-hidden="true"
                />
                <input
                  {...control}
                  ref={searchInput}
                  type="search"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={SEARCH_MAX_LENGTH}
                  placeholder={t("books.shelf.searchPlaceholder")}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  className={clsx("h-10 pl-9", searching && "pr-9", fieldControlClass(null))}
                />
                {searching ? (
                  <Spinner className="absolute top-1/2 right-3 size-4 -translate-y-1/2 text-stone-500" />
                ) : null}
              </div>
            )}
          </FieldFrame>
        </form>
      </search>
      {/* Announces what the cards now show after each search; the count is visible too. */}
      <p
        role="status"
        className={books.length > 0 && searchStatus ? "text-sm text-stone-600" : "sr-only"}
        data-testid="book-search-status"
      >
        {searchStatus}
      </p>
      {failed ? loadFailure : null}
      {books.length === 0 ? (
        <div data-testid="book-search-empty">
          <EmptyState
            icon={SearchX}
            title={t("books.shelf.noMatchTitle", { query: shownQuery })}
            description={t("books.shelf.noMatchDescription")}
            action={
              <Button variant="secondary" onClick={clearSearch}>
                {t("books.shelf.clearSearch")}
              </Button>
            }
          />
        </div>
      ) : (
        <ul
          aria-label={t("books.shelf.listLabel")}
          aria-busy={searching || undefined}
          className={clsx("grid gap-4 transition-opacity sm:grid-cols-2 lg:grid-cols-3", searching && "opacity-60")}
        >
          {books.map((book) => (
            <li key={book.id} data-book-id={book.id}>
              <Link
                href={`/app/books/${book.id}`}
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
                    <span>{chapterCount(book)}</span>
                    <span>{t("books.shelf.createdOn", { date: formatDate(book.createdAt, locale) })}</span>
                    {book.isDemoContent || book.engine.isDemo ? (
                      <Badge tone="amber">{t("books.demoBadge")}</Badge>
                    ) : null}
                  </div>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
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
