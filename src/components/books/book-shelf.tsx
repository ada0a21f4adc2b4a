"use client";

import { clsx } from "clsx";
import { BookOpen, Plus, Search, SearchX } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { useMe } from "@/components/app-shell/me-provider";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldFrame, fieldControlClass } from "@/components/ui/field-frame";
import { Spinner } from "@/components/ui/spinner";
import { BookCard } from "./book-card";
import { formatNumber, isSingular } from "./book-format";
import { canWriteBooks } from "./book-roles";
import { SHELF_SEARCH_MAX_LENGTH, shelfQuery } from "./shelf-query";
import { type ShelfPage, useShelfBooks } from "./use-shelf-books";
/** Typing must pause this long before the shelf searches: one request per pause, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 300;

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
 * for the whole shelf, only while something is running). `initial` is the first page the server read for the
 * address's search, shown without a request.
 */
export function BookShelf({ initial = null }: { initial?: ShelfPage | null }) {
  const t = useT();
  const locale = useLocale();
  const { me } = useMe();
  const org = me.activeOrganization;
  const writer = canWriteBooks(org?.role);
  const urlSearch = shelfQuery(useSearchParams().get("q"));
  const [search, setSearch] = useState(urlSearch);
  // The search that is applied (trimmed, after the pause); `shownQuery` is the one the cards answer.
  const [query, setQuery] = useState(search);
  const { books, nextCursor, failed, loadingMore, shownQuery, retry, loadMore } = useShelfBooks(
    query,
    org?.id,
    initial,
  );
  const searchInput = useRef<HTMLInputElement>(null);

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

  const newBook = writer ? (
    <ButtonLink href="/app/books/new" data-testid="new-book">
      <Plus className="size-4" aria-hidden="true" />
      {t("books.shelf.newBook")}
    </ButtonLink>
  ) : null;

  const loadFailure = (
    <div className="space-y-3">
      <Alert tone="error">{t("books.shelf.loadFailed")}</Alert>
      <Button variant="secondary" onClick={() => void retry()}>
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
                  maxLength={SHELF_SEARCH_MAX_LENGTH}
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
              <BookCard book={book} />
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
