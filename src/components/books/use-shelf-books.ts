"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { BookList, BookListItem } from "@/contracts/books";
import { isFinishedJob } from "@/contracts/job-status";
import { apiFetch } from "@/lib/api-fetch";
import { SHELF_PAGE_SIZE } from "./shelf-query";

/** A first page read elsewhere (the dashboard's server render) for one search. */
export type ShelfPage = { query: string; page: BookList };

/** True while the book's latest generation still runs. */
export const isRunning = (book: BookListItem) => Boolean(book.job && !isFinishedJob(book.job.status));

function booksPath(query: string, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(SHELF_PAGE_SIZE) });
  if (query) params.set("q", query);
  if (cursor) params.set("cursor", cursor);
  return `/api/books?${params}`;
}

/**
 * The shelf's cards for one search: the first page, more with `loadMore`, and light polling of the first
 * page while a generation runs. Not useApiQuery: pages are merged and a new search keeps the cards on screen
 * (dimmed) until it answers. `initial`, when it answers the same search, is the first page: shown at once, and
 * not asked for again.
 */
export function useShelfBooks(query: string, organizationId: string | undefined, initial: ShelfPage | null = null) {
  const [first] = useState(() => (initial && initial.query === query ? initial.page : null));
  // The search that the cards on screen answer.
  const [shownQuery, setShownQuery] = useState(query);
  const [books, setBooks] = useState<BookListItem[] | null>(first?.items ?? null);
  const [nextCursor, setNextCursor] = useState<string | null>(first?.nextCursor ?? null);
  const skipFirstLoad = useRef(first !== null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  // Bumped when the search or the organization changes: answers to older requests are then dropped, so a
  // slow answer for "gar" never replaces the one for "garden".
  const generation = useRef(0);
  const shownOrganization = useRef(organizationId);

  const load = useCallback(
    async (fresh: boolean) => {
      const mine = generation.current;
      const result = await apiFetch(booksPath(query), { schema: "bookListSchema" });
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
  useEffect(() => {
    generation.current += 1;
    if (shownOrganization.current !== organizationId) {
      shownOrganization.current = organizationId;
      setBooks(null);
    }
    setFailed(false);
    if (skipFirstLoad.current) skipFirstLoad.current = false;
    else void load(true);
  }, [load, organizationId]);

  const running = books?.some(isRunning) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(false), 2500);
    return () => clearInterval(timer);
  }, [running, load]);

  async function loadMore() {
    if (!nextCursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    const result = await apiFetch(booksPath(shownQuery, nextCursor), { schema: "bookListSchema" });
    setLoadingMore(false);
    if (!result.ok || mine !== generation.current) return;
    setBooks((current) => [...(current ?? []), ...result.data.items]);
    setNextCursor(result.data.nextCursor);
  }

  return { books, nextCursor, failed, loadingMore, shownQuery, retry: () => load(true), loadMore };
}
