"use client";

import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { isFinishedJob, type Job, jobEnvelopeSchema } from "@/contracts/books";
import { apiFetch } from "@/lib/api-fetch";

/** The stream's last frame: the job's final status, or DELETED when the book went away meanwhile. */
const endFrameSchema = z.object({ status: z.string() });

/** A frame's JSON checked against its schema; null (frame skipped) when it is malformed or off-contract. */
function frameData<S extends z.ZodType>(event: Event, schema: S): z.output<S> | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== "string") return null;
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.error("job event outside its contract", parsed.error.issues);
  return null;
}

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
      const result = await apiFetch(`/api/books/${bookId}/job`, { schema: jobEnvelopeSchema });
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
      source.addEventListener("progress", (event) => {
        // A malformed frame is skipped; the next one carries the whole picture again.
        const data = frameData(event, jobEnvelopeSchema);
        if (!data) return;
        setJob(data.job);
        setConnection("live");
      });
      source.addEventListener("end", (event) => {
        source?.close();
        setConnection("closed");
        if (frameData(event, endFrameSchema)?.status === "DELETED") setDeleted(true);
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
