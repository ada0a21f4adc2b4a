"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { type ApiError, apiFetch } from "./api-fetch";

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
 * `initialData` (from a server component) skips the first fetch; `refreshMs` polls while mounted. Pass a
 * module-level schema (a new object each render would refetch every render).
 */
export function useApiQuery<S extends z.ZodType>(
  path: string | null,
  schema: S,
  options: { initialData?: z.output<S>; refreshMs?: number } = {},
): ApiQuery<z.output<S>> {
  const [data, setData] = useState<z.output<S> | undefined>(options.initialData);
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
        setData(result.data as z.output<S>);
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
