"use client";

import { useEffect, useRef, useState } from "react";
import type { Job } from "@/contracts/books";
import { isFinishedJob } from "@/contracts/job-status";
import { apiFetch } from "@/lib/api-fetch";
import { orderedFrames } from "@/lib/event-frames";

export type JobConnection = "connecting" | "live" | "reconnecting" | "polling" | "closed";

/**
 * The live state of a book's latest job: Server-Sent Events from /api/books/:id/events (the server sends its
 * persisted snapshot first, so a reload or a second tab shows the same picture), falling back to polling
 * GET /job when the stream cannot be opened. `restartKey` reopens the stream (after a retry, say).
 */
export function useJobEvents(
  bookId: string,
  initial: Job | null,
  { enabled, restartKey = 0 }: { enabled: boolean; restartKey?: number },
): { job: Job | null; connection: JobConnection; deleted: boolean; setJob: (job: Job) => void } {
  const [job, setJob] = useState<Job | null>(initial);
  const [connection, setConnection] = useState<JobConnection>("connecting");
  const [deleted, setDeleted] = useState(false);
  const latest = useRef(job);
  latest.current = job;

  // biome-ignore lint/correctness/useExhaustiveDependencies: restartKey deliberately reopens the stream
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;

    const poll = async () => {
      if (stopped) return;
      setConnection("polling");
      const result = await apiFetch(`/api/books/${bookId}/job`, { schema: "jobEnvelopeSchema" });
      if (stopped) return;
      if (result.ok) {
        setJob(result.data.job);
        if (isFinishedJob(result.data.job.status)) {
          setConnection("closed");
          return;
        }
      } else if (result.status === 404) {
        setDeleted(true);
        setConnection("closed");
        return;
      }
      timer = setTimeout(() => void poll(), 2000);
    };

    if (typeof EventSource === "undefined") {
      void poll();
    } else {
      setConnection("connecting");
      source = new EventSource(`/api/books/${bookId}/events`);
      const frames = orderedFrames();
      source.addEventListener(
        "progress",
        // A malformed frame is skipped; the next one carries the whole picture again.
        frames.on("jobEnvelopeSchema", (data) => {
          if (stopped) return;
          setJob(data.job);
          setConnection("live");
        }),
      );
      // The stream's last frame: the job's final status, or DELETED when the book went away meanwhile.
      const ended = frames.raw((json) => {
        if (stopped) return;
        setConnection("closed");
        if (json && typeof json === "object" && "status" in json && json.status === "DELETED") setDeleted(true);
      });
      source.addEventListener("end", (event) => {
        // Closed at once, so the browser does not reconnect; the frames before it are handled first.
        source?.close();
        ended(event);
      });
      source.onerror = () => {
        // CLOSED means the browser gave up (e.g. a JSON error instead of a stream): poll instead.
        // Otherwise it reconnects by itself after the server's `retry` delay.
        if (source?.readyState === EventSource.CLOSED) {
          if (!isFinishedJob(latest.current?.status)) void poll();
        } else {
          setConnection("reconnecting");
        }
      };
    }

    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
    };
  }, [bookId, enabled, restartKey]);

  return { job, connection, deleted, setJob };
}

/** The value at most once per `ms` (the latest one wins), so screen readers are not flooded. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
