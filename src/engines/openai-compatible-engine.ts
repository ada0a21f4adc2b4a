import type { Dispatcher } from "undici";
import { z } from "zod";
import { guardedDispatcher } from "@/lib/guarded-agents";
import { buildChapterPrompt, buildOutlinePrompt, type ChatMessage } from "./prompts";
import { retryingFetch, type RetryPolicy, type RetryingFetchResult } from "./retrying-fetch";
import { readSseData } from "./sse-reader";
import { countWords } from "./word-count";
import {
  type ChapterRequest,
  type ChapterResult,
  EngineError,
  type OutlineRequest,
  type OutlineResult,
  parseOutline,
  type TokenListener,
  type TokenUsage,
  type WritingEngine,
} from "./writing-engine";

/**
 * Engine for any provider speaking OpenAI's `POST {baseUrl}/chat/completions`: OpenAI, Ollama
 * (`http://localhost:11434/v1`), vLLM (`http://host:8000/v1`), OpenRouter (`https://openrouter.ai/api/v1`).
 * `baseUrl` therefore includes the version segment, like the official SDKs' `baseURL`.
 * Plain `fetch` keeps the dependency surface small and lets us parse the SSE stream ourselves.
 */

export const openAiCompatibleSettingsSchema = z.object({
  baseUrl: z.string().trim().url(),
  apiKey: z.string().trim().min(1).optional(),
  model: z.string().trim().min(1),
  /** Per attempt, including the whole streamed chapter; long chapters on slow local models need minutes. */
  timeoutMs: z.number().int().min(100).default(300_000),
  maxRetries: z.number().int().min(0).max(10).default(3),
  retryBaseDelayMs: z.number().int().min(0).default(500),
  /** Send `response_format: json_object` for outlines; turned off automatically if the provider rejects it. */
  jsonMode: z.boolean().default(true),
  temperature: z.number().min(0).max(2).optional(),
  /** Set for a URL an organization typed (SSRF guard): connect only to public addresses, checked at connect time. */
  refusePrivateAddresses: z.boolean().default(false),
});
export type OpenAiCompatibleSettings = z.input<typeof openAiCompatibleSettingsSchema>;

interface ChatCompletion {
  choices?: { message?: { content?: unknown } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

interface ChatCompletionChunk {
  choices?: { delta?: { content?: unknown }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string; code?: unknown } | string;
}

function toUsage(raw: ChatCompletion["usage"]): TokenUsage | undefined {
  if (!raw || typeof raw.prompt_tokens !== "number" || typeof raw.completion_tokens !== "number") return undefined;
  return { promptTokens: raw.prompt_tokens, completionTokens: raw.completion_tokens };
}

/**
 * Finds the JSON object in a model answer: plain JSON, JSON in a ``` fence, or JSON surrounded by prose
 * (the first `{` to its matching `}`), for providers and models that ignore `response_format`.
 */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const start = trimmed.search(/[[{]/);
  if (start !== -1) {
    const open = trimmed[start]!;
    const close = open === "{" ? "}" : "]";
    let depth = 0;
    let inString = false;
    for (let i = start; i < trimmed.length; i++) {
      const ch = trimmed[i];
      if (inString) {
        if (ch === "\\") i++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === open) depth++;
      else if (ch === close && --depth === 0) {
        candidates.push(trimmed.slice(start, i + 1));
        break;
      }
    }
  }
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // Try the next candidate.
    }
  }
  throw new SyntaxError(`no JSON object found in the answer (starts with ${JSON.stringify(trimmed.slice(0, 60))})`);
}

/** Accepts the usual near-misses (a bare array, `{ outline: { chapters } }`, `{ outline: [...] }`). */
function coerceOutlineShape(raw: unknown): unknown {
  if (Array.isArray(raw)) return { chapters: raw };
  if (raw && typeof raw === "object" && !("chapters" in raw) && "outline" in raw) {
    return coerceOutlineShape((raw as { outline: unknown }).outline);
  }
  return raw;
}

/** Removes a leading H1 (models often repeat "# Chapter 3: …") and demotes any other H1 to H2. */
export function stripChapterH1(markdown: string): string {
  return markdown
    .replace(/^\s*#\s+[^\n]*\n+/, "")
    .replace(/^#\s+/gm, "## ")
    .trim();
}

/** A chat-completions engine for OpenAI and the providers that copy its API. */
export class OpenAiCompatibleEngine implements WritingEngine {
  readonly id = "openai-compatible" as const;
  readonly label: string;
  readonly isDemo = false;
  private readonly settings: z.output<typeof openAiCompatibleSettingsSchema>;
  /** How errors name the provider, e.g. "AI provider api.openai.com". */
  private readonly provider: string;
  private jsonModeSupported: boolean;
  private streamUsageSupported = true;
  private readonly dispatcher?: Dispatcher;

  constructor(settings: OpenAiCompatibleSettings) {
    this.settings = openAiCompatibleSettingsSchema.parse(settings);
    if (this.settings.refusePrivateAddresses) this.dispatcher = guardedDispatcher();
    this.jsonModeSupported = this.settings.jsonMode;
    this.label = `OpenAI-compatible (${this.settings.model})`;
    this.provider = `AI provider ${new URL(this.settings.baseUrl).host}`;
  }

  private get policy(): RetryPolicy {
    return {
      maxRetries: this.settings.maxRetries,
      timeoutMs: this.settings.timeoutMs,
      baseDelayMs: this.settings.retryBaseDelayMs,
    };
  }

  private post(body: Record<string, unknown>, signal?: AbortSignal): Promise<RetryingFetchResult> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    if (body.stream) headers.accept = "text/event-stream";
    const url = `${this.settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    return retryingFetch(
      this.provider,
      url,
      { method: "POST", headers, body: JSON.stringify(body), dispatcher: this.dispatcher },
      this.policy,
      signal,
    );
  }

  private baseBody(messages: ChatMessage[]): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.settings.model, messages };
    if (this.settings.temperature !== undefined) body.temperature = this.settings.temperature;
    return body;
  }

  /** Asks for the outline as JSON; throws INVALID_OUTLINE (with the reason) when it cannot be parsed. */
  async outline(req: OutlineRequest, signal?: AbortSignal): Promise<OutlineResult> {
    const body = { ...this.baseBody(buildOutlinePrompt(req)), stream: false };
    let result: RetryingFetchResult;
    try {
      result = await this.post(
        this.jsonModeSupported ? { ...body, response_format: { type: "json_object" } } : body,
        signal,
      );
    } catch (error) {
      // Some local servers and older models reject response_format: fall back to prompt-only JSON.
      if (!(this.jsonModeSupported && isRejectedParameter(error, "response_format"))) throw error;
      this.jsonModeSupported = false;
      result = await this.post(body, signal);
    }

    let completion: ChatCompletion;
    try {
      completion = (await result.response.json()) as ChatCompletion;
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new EngineError("INVALID_RESPONSE", `${this.provider} sent a response that is not JSON`, {
          retryable: true,
        });
      }
      throw result.classify(error);
    }
    const usage = toUsage(completion.usage);
    const content = completion.choices?.[0]?.message?.content;
    if (typeof content !== "string") {
      throw new EngineError("INVALID_RESPONSE", `${this.provider} sent a completion without message content`, {
        retryable: true,
        usage,
      });
    }

    let raw: unknown;
    try {
      raw = coerceOutlineShape(extractJson(content));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError("INVALID_OUTLINE", `The answer is not valid JSON: ${reason}`, { retryable: true, usage });
    }
    const parsed = parseOutline(raw);
    if (!parsed.ok) throw new EngineError("INVALID_OUTLINE", parsed.error, { retryable: true, usage });
    return { outline: parsed.outline, usage };
  }

  /**
   * Streams one chapter, calling `onToken` per delta. A stream cut after tokens were delivered is not
   * retried here (the listener already saw partial text): it fails with retryable STREAM_INTERRUPTED and
   * the pipeline rewrites the chapter from scratch.
   */
  async writeChapter(req: ChapterRequest, onToken: TokenListener, signal?: AbortSignal): Promise<ChapterResult> {
    const body = { ...this.baseBody(buildChapterPrompt(req)), stream: true };
    let result: RetryingFetchResult;
    try {
      result = await this.post(
        this.streamUsageSupported ? { ...body, stream_options: { include_usage: true } } : body,
        signal,
      );
    } catch (error) {
      if (!(this.streamUsageSupported && isRejectedParameter(error, "stream_options"))) throw error;
      this.streamUsageSupported = false;
      result = await this.post(body, signal);
    }

    const stream = result.response.body;
    if (!stream)
      throw new EngineError("INVALID_RESPONSE", `${this.provider} sent an empty response`, { retryable: true });

    let content = "";
    let usage: TokenUsage | undefined;
    let finished = false;
    try {
      for await (const data of readSseData(stream)) {
        if (data === "[DONE]") {
          finished = true;
          break;
        }
        let chunk: ChatCompletionChunk;
        try {
          chunk = JSON.parse(data) as ChatCompletionChunk;
        } catch {
          throw new EngineError(
            "INVALID_RESPONSE",
            `${this.provider} sent a malformed stream event: ${data.slice(0, 80)}`,
            {
              retryable: true,
            },
          );
        }
        if (chunk.error) {
          const message = typeof chunk.error === "string" ? chunk.error : (chunk.error.message ?? "unknown error");
          throw new EngineError("PROVIDER_ERROR", `${this.provider} failed while streaming: ${message}`, {
            retryable: true,
          });
        }
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (typeof delta === "string" && delta.length > 0) {
          content += delta;
          onToken(delta);
        }
        if (choice?.finish_reason) finished = true;
        usage = toUsage(chunk.usage) ?? usage;
      }
    } catch (error) {
      if (error instanceof EngineError) throw error;
      const engineError = result.classify(error);
      if (engineError.code === "NETWORK") {
        const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new EngineError(
          "STREAM_INTERRUPTED",
          `The stream from ${this.provider} was cut after ${content.length} characters: ${reason}`,
          { retryable: true, cause: error },
        );
      }
      throw engineError;
    }
    if (!finished) {
      throw new EngineError(
        "STREAM_INTERRUPTED",
        `The stream from ${this.provider} ended before the chapter was finished`,
        {
          retryable: true,
        },
      );
    }
    const cleaned = stripChapterH1(content);
    return { content: cleaned, wordCount: countWords(cleaned), usage };
  }
}

function isRejectedParameter(error: unknown, parameter: string): boolean {
  return error instanceof EngineError && error.code === "BAD_REQUEST" && error.message.includes(parameter);
}
