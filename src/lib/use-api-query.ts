"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import { type ApiError, apiFetch, type ContractData, type ContractName } from "./api-fetch";

export interface ApiQuery<T> {
  /** The last successful answer (kept while a reload runs or after a failed one), or the initial data. */
  data: T | undefined;
  /** The last failure; cleared by the next success. */
  error: ApiError | null;
  /** True while a request is in flight. */
  loading: boolean;
  /** Fetches again (e.g. a Retry button); resolves once the answer is in. */
  reload: () => Promise<void>;
  /** Replaces the data locally after a mutation that answered the new value. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * Loads a JSON route for a screen: load, error and retry in one place (screens do not hand-write
 * useEffect + apiFetch + state). `path` null waits (nothing is fetched). A newer request supersedes an
 * older one, so a slow answer never overwrites a fresher one; unmounting aborts the request.
 * `initialData` (from a server component) skips the first fetch; `refreshMs` polls while mounted. `schema`
 * names the answer's contract, as for apiFetch.
 */
export function useApiQuery<N extends ContractName>(
  path: string | null,
  schema: N,
  options: { initialData?: ContractData<N>; refreshMs?: number } = {},
): ApiQuery<ContractData<N>> {
  const [data, setData] = useState<ContractData<N> | undefined>(options.initialData);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null && options.initialData === undefined);
  const latest = useRef<AbortController | null>(null);
  const skipFirst = useRef(options.initialData !== undefined);

  const load = useCallback(async () => {
    if (path === null) return;
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    setLoading(true);
    try {
      const result = await apiFetch(path, { schema, signal: controller.signal });
      if (latest.current !== controller) return;
      if (result.ok) {
        setData(result.data as ContractData<N>);
        setError(null);
      } else setError(result.error);
      setLoading(false);
    } catch (cause) {
      // Aborted: a newer request or the unmount took over.
      if (!(cause instanceof DOMException && cause.name === "AbortError")) throw cause;
    }
  }, [path, schema]);

  useEffect(() => {
    if (skipFirst.current) skipFirst.current = false;
    else void load();
    const timer = options.refreshMs && path !== null ? setInterval(() => void load(), options.refreshMs) : undefined;
    return () => {
      if (timer) clearInterval(timer);
      latest.current?.abort();
    };
  }, [load, options.refreshMs, path]);

  return { data, error, loading, reload: load, setData };
}
