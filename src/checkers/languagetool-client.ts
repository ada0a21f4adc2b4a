import { z } from "zod";
import { retryingFetch } from "@/engines/retrying-fetch";
import { EngineError } from "@/engines/writing-engine";

/**
 * A client of LanguageTool's HTTP API (`POST {url}/v2/check`, form-encoded), for a server the operator runs
 * beside Scriptorium (LANGUAGETOOL_URL). That URL is the operator's setting from the environment, never
 * something an organization types, so it may be loopback or on the private network (the usual deployment
 * is `http://localhost:8081`): no SSRF guard applies, as for the environment's default engine URL.
 *
 * Requests use the `data` annotation format: the whole Markdown source is sent as text parts (prose) and
 * markup parts (everything else, with `interpretAs` for what it stands for), so LanguageTool checks prose
 * only and answers offsets that count every part, i.e. positions in the Markdown source itself. Long
 * chapters are sent in batches cut between annotation parts, under the server's text limit. Timeouts,
 * retries on 429/5xx (honouring Retry-After) and cancellation come from the engines' retryingFetch.
 */

export type AnnotationPart = { text: string } | { markup: string; interpretAs?: string };

/** The fields of a match we read (the server sends more; unknown fields are ignored). */
const matchSchema = z.object({
  message: z.string(),
  shortMessage: z.string().optional(),
  replacements: z.array(z.object({ value: z.string() })).default([]),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  rule: z.object({
    id: z.string(),
    subId: z.string().optional(),
    description: z.string().optional(),
    issueType: z.string().optional(),
    category: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  }),
});
export type LanguageToolMatch = z.infer<typeof matchSchema>;

const responseSchema = z.object({
  matches: z.array(matchSchema),
  warnings: z.object({ incompleteResults: z.boolean().optional() }).optional(),
});

export interface LanguageToolClientOptions {
  /** Server root, e.g. http://localhost:8081 (a trailing /v2 is accepted too). */
  url: string;
  /** Per request. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  /** "picky" turns on LanguageTool's stricter rules. */
  level?: "default" | "picky";
  /**
   * Most characters (text and markup) per request. LanguageTool's public API takes 20,000 characters per
   * request for free accounts, and a self-hosted server limits text with its `maxTextLength` setting;
   * staying under 20,000 suits both.
   */
  maxRequestChars?: number;
}

export type LanguageToolErrorCode =
  | "UNREACHABLE"
  | "TIMEOUT"
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "BAD_REQUEST"
  | "ABORTED"
  | "INVALID_RESPONSE";

/** A failed call to the LanguageTool server, with a message the check job can show. */
export class LanguageToolError extends Error {
  constructor(
    readonly code: LanguageToolErrorCode,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LanguageToolError";
  }
}

const ENGINE_TO_LT: Record<string, LanguageToolErrorCode> = {
  ABORTED: "ABORTED",
  TIMEOUT: "TIMEOUT",
  RATE_LIMITED: "RATE_LIMITED",
  PROVIDER_ERROR: "SERVER_ERROR",
  NETWORK: "UNREACHABLE",
  REDIRECTED: "BAD_REQUEST",
  AUTH: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  QUOTA_EXHAUSTED: "RATE_LIMITED",
};

export class LanguageToolClient {
  private readonly endpoint: string;
  private readonly provider: string;
  readonly maxRequestChars: number;

  constructor(private readonly options: LanguageToolClientOptions) {
    const root = options.url.replace(/\/+$/, "").replace(/\/v2$/, "");
    this.endpoint = `${root}/v2/check`;
    this.provider = `LanguageTool server ${new URL(root).host}`;
    this.maxRequestChars = options.maxRequestChars ?? 20_000;
  }

  /**
   * Checks an annotated document; offsets of the matches count every part (text and markup). The parts
   * are sent in batches under `maxRequestChars` (a single part longer than that is sent alone), and the
   * offsets of later batches are shifted back to the whole document.
   */
  async check(parts: AnnotationPart[], language: string, signal?: AbortSignal): Promise<LanguageToolMatch[]> {
    const matches: LanguageToolMatch[] = [];
    for (const batch of batches(parts, this.maxRequestChars)) {
      if (!batch.parts.some((part) => "text" in part && part.text.trim())) continue;
      for (const match of await this.post(batch.parts, language, signal)) {
        matches.push({ ...match, offset: match.offset + batch.start });
      }
    }
    return matches;
  }

  private async post(parts: AnnotationPart[], language: string, signal?: AbortSignal): Promise<LanguageToolMatch[]> {
    const form = new URLSearchParams({ language, data: JSON.stringify({ annotation: parts }) });
    if (this.options.level && this.options.level !== "default") form.set("level", this.options.level);
    let body: unknown;
    try {
      const { response } = await retryingFetch(
        this.provider,
        this.endpoint,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString(),
        },
        {
          maxRetries: this.options.maxRetries ?? 3,
          timeoutMs: this.options.timeoutMs ?? 60_000,
          baseDelayMs: this.options.retryBaseDelayMs ?? 500,
          maxRetryAfterMs: 60_000,
        },
        signal,
      );
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new LanguageToolError("INVALID_RESPONSE", `${this.provider} answered something that is not JSON`, true, {
          cause: error,
        });
      }
    } catch (error) {
      if (error instanceof LanguageToolError) throw error;
      if (error instanceof EngineError) {
        const code = ENGINE_TO_LT[error.code] ?? "SERVER_ERROR";
        const message = code === "ABORTED" ? "The check was cancelled" : error.message;
        throw new LanguageToolError(code, message, error.retryable, { cause: error });
      }
      throw error;
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) {
      throw new LanguageToolError(
        "INVALID_RESPONSE",
        `${this.provider} answered JSON without the expected matches: ${parsed.error.issues[0]?.message ?? ""}`,
        true,
      );
    }
    return parsed.data.matches;
  }
}

const partLength = (part: AnnotationPart) => ("text" in part ? part.text.length : part.markup.length);

const isParagraphBreak = (part: AnnotationPart) => "markup" in part && (part.interpretAs ?? "").includes("\n\n");

/**
 * Consecutive runs of parts of at most `limit` characters, with where each run starts in the document.
 * Runs are cut at paragraph breaks (markup interpreted as "\n\n") so sentences stay whole; a paragraph
 * longer than the limit on its own is cut between its parts.
 */
export function batches(parts: AnnotationPart[], limit: number): { start: number; parts: AnnotationPart[] }[] {
  const paragraphs: AnnotationPart[][] = [];
  let paragraph: AnnotationPart[] = [];
  for (const part of parts) {
    paragraph.push(part);
    if (isParagraphBreak(part)) {
      paragraphs.push(paragraph);
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph);

  const result: { start: number; parts: AnnotationPart[] }[] = [];
  let current: AnnotationPart[] = [];
  let size = 0;
  let start = 0;
  let position = 0;
  const flush = () => {
    if (current.length > 0) result.push({ start, parts: current });
    current = [];
    size = 0;
    start = position;
  };
  for (const group of paragraphs) {
    const groupSize = group.reduce((sum, part) => sum + partLength(part), 0);
    if (size + groupSize > limit) flush();
    for (const part of group) {
      if (size > 0 && size + partLength(part) > limit) flush();
      current.push(part);
      size += partLength(part);
      position += partLength(part);
    }
  }
  flush();
  return result;
}
