"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { CheckRun, CheckRunStatus } from "@/contracts/corrections";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { orderedFrames } from "@/lib/event-frames";

export function isRunningCheck(status: CheckRunStatus | undefined): boolean {
  return status === "PENDING" || status === "RUNNING";
}

/**
 * The book's latest check run, live: "Check the book" starts one (POST …/corrections/check), Cancel stops
 * it, and while it runs the book's event stream reports it in `event: check` frames (the stream is opened
 * again after a start, as the contract says). When the stream is unavailable or ends early, the summary is
 * polled instead. `onFinished` runs once when a run the page watched reaches an end state.
 */
export function useCheckRun(bookId: string, known: CheckRun | null, onFinished: (run: CheckRun) => void) {
  const [run, setRun] = useState<CheckRun | null>(known);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  // The summary's run replaces ours when it is newer (another tab started a check, say).
  useEffect(() => {
    if (!known) return;
    setRun((current) => {
      if (!current) return known;
      if (current.id !== known.id)
        return Date.parse(known.createdAt) >= Date.parse(current.createdAt) ? known : current;
      // The same run: a summary read before the last frame must not put a finished run back to running.
      return !isRunningCheck(current.status) && isRunningCheck(known.status) ? current : known;
    });
  }, [known]);

  const running = isRunningCheck(run?.status);
  const runId = run?.id;

  useEffect(() => {
    if (!running || !runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;

    const settle = (next: CheckRun) => {
      setRun(next);
      if (!isRunningCheck(next.status)) {
        stopped = true;
        source?.close();
        finished.current(next);
      }
    };

    const poll = async () => {
      if (stopped) return;
      const result = await apiFetch(`/api/books/${bookId}/corrections/summary`, {
        schema: "correctionsOverviewSchema",
      });
      if (stopped) return;
      if (result.ok && result.data.latestRun) settle(result.data.latestRun);
      if (!stopped) timer = setTimeout(() => void poll(), 2000);
    };

    if (typeof EventSource === "undefined") {
      void poll();
    } else {
      source = new EventSource(`/api/books/${bookId}/events`);
      const frames = orderedFrames();
      source.addEventListener(
        "check",
        frames.on("checkRunEnvelopeSchema", (data) => {
          if (!stopped) settle(data.run);
        }),
      );
      // The stream ended (or failed for good) while the check still runs: poll until it finishes.
      const ended = frames.raw(() => {
        if (!stopped) void poll();
      });
      source.addEventListener("end", (event) => {
        source?.close();
        ended(event);
      });
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED && !stopped) void poll();
      };
    }
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
    };
  }, [bookId, running, runId]);

  const start = useCallback(
    async (full: boolean) => {
      setStarting(true);
      setError(null);
      const result = await apiFetch(`/api/books/${bookId}/corrections/check`, {
        body: { full },
        schema: "checkRunEnvelopeSchema",
      });
      setStarting(false);
      if (!result.ok) return setError(result.error);
      setRun(result.data.run);
      if (!isRunningCheck(result.data.run.status)) finished.current(result.data.run);
    },
    [bookId],
  );

  const cancel = useCallback(async () => {
    setCancelling(true);
    setError(null);
    const result = await apiFetch(`/api/books/${bookId}/corrections/check/cancel`, {
      body: {},
      schema: "checkRunEnvelopeSchema",
    });
    setCancelling(false);
    if (!result.ok) return setError(result.error);
    setRun(result.data.run);
    if (!isRunningCheck(result.data.run.status)) finished.current(result.data.run);
  }, [bookId]);

  return { run, running, start, cancel, starting, cancelling, error };
}
