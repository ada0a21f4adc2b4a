// The typed TypeScript SDK of the Scriptorium API v1. Its types come from openapi-types.ts, generated
// from the OpenAPI document, so a change to the API that the SDK does not follow fails type-checking.
import type { components, operations } from "./openapi-types";

type Ops = operations;
type JsonOf<K extends keyof Ops, S extends number> = S extends keyof Ops[K]["responses"]
  ? Ops[K]["responses"][S] extends { content: { "application/json": infer T } }
    ? T
    : never
  : never;
type QueryOf<K extends keyof Ops> = NonNullable<Ops[K]["parameters"]["query"]>;
type BodyOf<K extends keyof Ops> = Ops[K] extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : never;

export type Book = components["schemas"]["Book"];
export type BookListItem = components["schemas"]["BookListItem"];
export type Chapter = components["schemas"]["Chapter"];
export type Job = components["schemas"]["Job"];
export type BookFormat = components["schemas"]["BookFormat"];
export type Usage = components["schemas"]["Usage"];
export type DownloadStats = components["schemas"]["DownloadStats"];
export type BookPage = JsonOf<"listBooks", 200>;
export type CreateBookInput = BodyOf<"createBook">;
export type ListBooksQuery = QueryOf<"listBooks">;
export type FormatName = Ops["downloadFormat"]["parameters"]["path"]["format"];
export type Correction = components["schemas"]["Correction"];
export type CheckRun = components["schemas"]["CheckRun"];
export type CorrectionPage = JsonOf<"listCorrections", 200>;
export type ListCorrectionsQuery = QueryOf<"listCorrections">;
type CheckRunEnvelope = JsonOf<"getCheck", 200>;
export type Comment = components["schemas"]["Comment"];
export type CommentList = JsonOf<"listComments", 200>;
export type ListCommentsQuery = QueryOf<"listComments">;
export type RevisionPage = JsonOf<"listRevisions", 200>;
export type Revision = components["schemas"]["Revision"];
export type ListRevisionsQuery = QueryOf<"listRevisions">;

/** An error answered by the API: its HTTP status and the envelope's code, message and field. */
export class ScriptoriumError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "ScriptoriumError";
  }
}

/** The rate-limit state reported by the last response. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/** One Server-Sent Event of a job stream. */
export type JobEvent = { type: "progress"; job: Job } | { type: "end"; status: string };

export interface ScriptoriumClientOptions {
  /** The app's URL, e.g. https://scriptorium.example.com (with or without /api/v1). */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Reads until `done` holds, every `intervalMs` (default 1 s), reporting each reading; stops on abort. */
async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  opts: { intervalMs?: number; onProgress?: (value: T) => void; signal?: AbortSignal },
): Promise<T> {
  for (;;) {
    const value = await read();
    opts.onProgress?.(value);
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 1000));
    opts.signal?.throwIfAborted();
  }
}

/** Creates a client; every method throws ScriptoriumError on a non-2xx answer. */
export function createScriptoriumClient(options: ScriptoriumClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const doFetch = options.fetch ?? fetch;
  const state: { rateLimit: RateLimitState | null } = { rateLimit: null };

  async function send(method: string, path: string, request: RequestOptions = {}): Promise<Response> {
    const url = new URL(`${base}/api/v1${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
    const response = await doFetch(url, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: "manual",
      signal: request.signal,
    });
    const limit = response.headers.get("x-ratelimit-limit");
    if (limit) {
      state.rateLimit = {
        limit: Number(limit),
        remaining: Number(response.headers.get("x-ratelimit-remaining")),
        resetAt: new Date(Number(response.headers.get("x-ratelimit-reset")) * 1000),
      };
    }
    if (response.status >= 400) {
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string; field?: string | null };
      } | null;
      throw new ScriptoriumError(
        response.status,
        body?.error?.code ?? "HTTP_ERROR",
        body?.error?.message ?? `HTTP ${response.status}`,
        body?.error?.field ?? null,
        body,
      );
    }
    return response;
  }

  async function json<T>(method: string, path: string, request?: RequestOptions): Promise<T> {
    const response = await send(method, path, request);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const bookPath = (bookId: string) => `/books/${encodeURIComponent(bookId)}`;

  /** Reads a job's Server-Sent Events until the stream ends (or the signal aborts). */
  async function* events(bookId: string, signal?: AbortSignal): AsyncGenerator<JobEvent> {
    const response = await send("GET", `${bookPath(bookId)}/job/events`, { signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          let type = "message";
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("event:")) type = line.slice(6).trim();
            else if (line.startsWith("data:")) data += line.slice(5).trim();
          }
          if (!data) continue;
          const payload = JSON.parse(data) as { job?: Job; status?: string };
          if (type === "progress" && payload.job) yield { type: "progress", job: payload.job };
          if (type === "end") {
            yield { type: "end", status: payload.status ?? "UNKNOWN" };
            return;
          }
        }
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }

  return {
    /** Rate-limit headers of the last response (null before the first call). */
    get rateLimit() {
      return state.rateLimit;
    },
    books: {
      /** One page of books; `q` searches titles and topics (case-insensitive), `status` filters. */
      list: (query: ListBooksQuery = {}) => json<BookPage>("GET", "/books", { query }),
      /** Every book, following the cursor page after page. */
      async *listAll(query: Omit<ListBooksQuery, "cursor"> = {}): AsyncGenerator<BookListItem> {
        let cursor: string | undefined;
        do {
          const page = await json<BookPage>("GET", "/books", { query: { ...query, cursor } });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      },
      create: (input: CreateBookInput, request: { idempotencyKey?: string } = {}) =>
        json<JsonOf<"createBook", 201>>("POST", "/books", { body: input, idempotencyKey: request.idempotencyKey }),
      get: (bookId: string) => json<JsonOf<"getBook", 200>>("GET", bookPath(bookId)),
      update: (bookId: string, input: BodyOf<"updateBook">) =>
        json<JsonOf<"updateBook", 200>>("PATCH", bookPath(bookId), { body: input }),
      delete: (bookId: string) => json<void>("DELETE", bookPath(bookId)),
      /**
       * Follows the job's live events until it completes or fails, or pauses for the plan review
       * (AWAITING_REVIEW: it waits for a writer, not for time); returns the job as it then is.
       */
      async wait(bookId: string, opts: { onProgress?: (job: Job) => void; signal?: AbortSignal } = {}): Promise<Job> {
        for await (const event of events(bookId, opts.signal)) {
          if (event.type !== "progress") continue;
          opts.onProgress?.(event.job);
          if (event.job.status === "AWAITING_REVIEW") break;
        }
        return json<Job>("GET", `${bookPath(bookId)}/job`);
      },
    },
    chapters: {
      list: (bookId: string) => json<JsonOf<"listChapters", 200>>("GET", `${bookPath(bookId)}/chapters`),
      get: (bookId: string, chapterId: string) =>
        json<JsonOf<"getChapter", 200>>("GET", `${bookPath(bookId)}/chapters/${encodeURIComponent(chapterId)}`),
      update: (bookId: string, chapterId: string, input: BodyOf<"updateChapter">) =>
        json<JsonOf<"updateChapter", 200>>("PATCH", `${bookPath(bookId)}/chapters/${encodeURIComponent(chapterId)}`, {
          body: input,
        }),
    },
    jobs: {
      get: (bookId: string) => json<JsonOf<"getJob", 200>>("GET", `${bookPath(bookId)}/job`),
      cancel: (bookId: string) => json<JsonOf<"cancelJob", 200>>("POST", `${bookPath(bookId)}/job/cancel`),
      retry: (bookId: string) => json<JsonOf<"retryJob", 200>>("POST", `${bookPath(bookId)}/job/retry`),
      /** Writes the chapters of a book paused for the plan review (created with `reviewPlan: true`). */
      continue: (bookId: string) => json<JsonOf<"continueJob", 200>>("POST", `${bookPath(bookId)}/job/continue`),
      events,
    },
    formats: {
      list: (bookId: string) => json<JsonOf<"listFormats", 200>>("GET", `${bookPath(bookId)}/formats`),
      /**
       * Polls one format until its render is no longer queued or running (a book that just completed has
       * its files on their way); returns its row: `available`, or FAILED with its `error`.
       */
      wait: (
        bookId: string,
        format: FormatName,
        opts: { intervalMs?: number; onProgress?: (row: BookFormat) => void; signal?: AbortSignal } = {},
      ): Promise<BookFormat> =>
        pollUntil(
          async () => {
            const { formats } = await json<JsonOf<"listFormats", 200>>("GET", `${bookPath(bookId)}/formats`, {
              signal: opts.signal,
            });
            const row = formats.find((f) => f.format.toLowerCase() === format);
            if (!row) throw new ScriptoriumError(404, "NOT_FOUND", `This book has no ${format} format`);
            return row;
          },
          (row) => row.status !== "PENDING" && row.status !== "RENDERING",
          opts,
        ),
      /** The signed link of a rendered file (records a download). */
      link: (bookId: string, format: FormatName) =>
        json<JsonOf<"downloadFormat", 302>>("GET", `${bookPath(bookId)}/formats/${format}/download`),
      /** Downloads a rendered file: its name, type and bytes. */
      async download(bookId: string, format: FormatName) {
        const link = await json<JsonOf<"downloadFormat", 302>>("GET", `${bookPath(bookId)}/formats/${format}/download`);
        // The signed URL needs no key (and must not receive it: it may point to another host).
        const file = await doFetch(new URL(link.url, base));
        if (!file.ok)
          throw new ScriptoriumError(file.status, "DOWNLOAD_FAILED", `Download failed: HTTP ${file.status}`);
        return {
          fileName: link.fileName,
          contentType: file.headers.get("content-type") ?? "application/octet-stream",
          bytes: new Uint8Array(await file.arrayBuffer()),
        };
      },
    },
    downloads: {
      stats: (bookId: string) => json<DownloadStats>("GET", `${bookPath(bookId)}/downloads`),
    },
    checks: {
      /** Queues a check of the book (only changed chapters unless `full`); a pending one takes the request. */
      start: (bookId: string, input: BodyOf<"checkBook"> = {}) =>
        json<CheckRunEnvelope>("POST", `${bookPath(bookId)}/check`, { body: input }),
      /** The book's latest check run. */
      latest: (bookId: string) => json<CheckRunEnvelope>("GET", `${bookPath(bookId)}/check`),
      /** Polls the latest run until it is no longer PENDING or RUNNING; returns it. */
      async wait(
        bookId: string,
        opts: { intervalMs?: number; onProgress?: (run: CheckRun) => void; signal?: AbortSignal } = {},
      ): Promise<CheckRun> {
        return pollUntil(
          async () => (await json<CheckRunEnvelope>("GET", `${bookPath(bookId)}/check`, { signal: opts.signal })).run,
          (run) => run.status !== "PENDING" && run.status !== "RUNNING",
          opts,
        );
      },
    },
    corrections: {
      /** One page of the book's findings in reading order (filters: chapterId, type, severity, status). */
      list: (bookId: string, query: ListCorrectionsQuery = {}) =>
        json<CorrectionPage>("GET", `${bookPath(bookId)}/corrections`, { query }),
      /** Every finding matching the filters, following the cursor. */
      async *listAll(bookId: string, query: Omit<ListCorrectionsQuery, "cursor"> = {}): AsyncGenerator<Correction> {
        let cursor: string | undefined;
        do {
          const page = await json<CorrectionPage>("GET", `${bookPath(bookId)}/corrections`, {
            query: { ...query, cursor },
          });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      },
      /** Applies a suggestion (409 CORRECTION_STALE when the text changed since the check). */
      apply: (correctionId: string, input: BodyOf<"applyCorrection"> = {}) =>
        json<JsonOf<"applyCorrection", 200>>("POST", `/corrections/${encodeURIComponent(correctionId)}/apply`, {
          body: input,
        }),
      dismiss: (correctionId: string, input: BodyOf<"dismissCorrection"> = {}) =>
        json<JsonOf<"dismissCorrection", 200>>("POST", `/corrections/${encodeURIComponent(correctionId)}/dismiss`, {
          body: input,
        }),
    },
    comments: {
      /** The book's comments with their threads, in reading order (filters: chapterId, status). */
      list: (bookId: string, query: ListCommentsQuery = {}) =>
        json<CommentList>("GET", `${bookPath(bookId)}/comments`, { query }),
    },
    revisions: {
      /** One page of the book's versions, newest first, with their name and note (no text). */
      list: (bookId: string, query: ListRevisionsQuery = {}) =>
        json<RevisionPage>("GET", `${bookPath(bookId)}/revisions`, { query }),
    },
    usage: {
      get: () => json<Usage>("GET", "/usage"),
    },
  };
}

export type ScriptoriumClient = ReturnType<typeof createScriptoriumClient>;
