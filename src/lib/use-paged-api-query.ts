"use client";

import { useState } from "react";
import { type ApiError, apiFetch, type ContractData, type ContractName } from "./api-fetch";
import { type ApiQuery, useApiQuery } from "./use-api-query";

type Page<Item> = { items: Item[]; nextCursor: string | null };
/** The contracts whose answer is a page of a list. */
type PageContract = { [N in ContractName]: ContractData<N> extends Page<unknown> ? N : never }[ContractName];
type ItemOf<N extends PageContract> = ContractData<N> extends Page<infer Item> ? Item : never;

/**
 * A cursor-paginated list for a screen: useApiQuery loads the first page (load, error and retry as usual,
 * again whenever `path` changes) and `loadMore` appends the next one. `path` may carry its own query (the
 * cursor is added to it). `schema` names the page's contract, as for useApiQuery.
 */
export function usePagedApiQuery<N extends PageContract>(path: string | null, schema: N) {
  // Every page contract answers a Page (PageContract), which TypeScript cannot see through the generic N.
  const first = useApiQuery(path, schema) as unknown as ApiQuery<Page<ItemOf<N>>>;
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
    const page = result.data as Page<ItemOf<N>>;
    first.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
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
