"use client";

import { useState } from "react";
import type { z } from "zod";
import { type ApiError, apiFetch } from "./api-fetch";
import { useApiQuery } from "./use-api-query";

type Page<Item> = { items: Item[]; nextCursor: string | null };

/**
 * A cursor-paginated list for a screen: useApiQuery loads the first page (load, error and retry as usual,
 * again whenever `path` changes) and `loadMore` appends the next one. `path` may carry its own query (the
 * cursor is added to it). Pass a module-level schema, as for useApiQuery.
 */
export function usePagedApiQuery<Item>(path: string | null, schema: z.ZodType<Page<Item>>) {
  const first = useApiQuery(path, schema);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const nextCursor = first.data?.nextCursor ?? null;

  async function loadMore() {
    if (path === null || nextCursor === null) return;
    setLoadingMore(true);
    const separator = path.includes("?") ? "&" : "?";
    const result = await apiFetch(`${path}${separator}cursor=${encodeURIComponent(nextCursor)}`, { schema });
    setLoadingMore(false);
    if (!result.ok) return setMoreError(result.error);
    setMoreError(null);
    first.setData((current) => ({
      items: [...(current?.items ?? []), ...result.data.items],
      nextCursor: result.data.nextCursor,
    }));
  }

  return {
    /** Every page loaded so far (undefined until the first answers). */
    items: first.data?.items,
    nextCursor,
    /** The first page's failure (a failed "load more" is `moreError`: the pages already shown stay). */
    error: first.error,
    moreError,
    loading: first.loading,
    loadingMore,
    loadMore,
    reload: first.reload,
  };
}
