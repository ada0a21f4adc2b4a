import type { Dispatcher } from "undici";
import { z } from "zod";
import { guardedDispatcher } from "@/lib/guarded-agents";
import type { ChatModel, JsonAnswer, StreamedAnswer } from "./long-form/chat-model";
import { readChatStream, toUsage } from "./openai-chat-stream";
import { buildChapterContinuationPrompt, buildChapterPrompt, buildOutlinePrompt, type ChatMessage } from "./prompts";
import { retryingFetch, type RetryPolicy, type RetryingFetchResult } from "./retrying-fetch";
import { countWords } from "./word-count";
import {
  addUsage,
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
  choices?: { message?: { content?: unknown }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * Request parameters a provider may refuse (reasoning models reject `temperature`, some local servers
 * `response_format` or `stream_options`). A refused one is sent again without it once, and the engine,
 * which lives for one job, leaves it out from then on.
 */
type OptionalParameter = "temperature" | "response_format" | "stream_options" | "max_tokens";

/** How many times a chapter cut by `finish_reason: length` is continued before it fails as truncated. */
export const MAX_CHAPTER_CONTINUATIONS = 2;

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
export class OpenAiCompatibleEngine implements WritingEngine, ChatModel {
  readonly id = "openai-compatible" as const;
  readonly label: string;
  readonly isDemo = false;
  private readonly settings: z.output<typeof openAiCompatibleSettingsSchema>;
  /** How errors name the provider, e.g. "AI provider api.openai.com". */
  private readonly provider: string;
  /** Parameters this provider refused during the job; never sent again. */
  private readonly refusedParameters = new Set<OptionalParameter>();
  private readonly dispatcher?: Dispatcher;

  constructor(settings: OpenAiCompatibleSettings) {
    this.settings = openAiCompatibleSettingsSchema.parse(settings);
    if (this.settings.refusePrivateAddresses) this.dispatcher = guardedDispatcher();
    if (!this.settings.jsonMode) this.refusedParameters.add("response_format");
    this.label = `OpenAI-compatible (${this.settings.model})`;
    this.provider = `AI provider ${new URL(this.settings.baseUrl).host}`;
  }

  private get policy(): RetryPolicy {
    return {
      maxRetries: this.settings.maxRetries,
      timeoutMs: this.settings.timeoutMs,
      baseDelayMs: this.settings.retryBaseDelayMs,
      // openai-node's retryable statuses (src/client.ts, shouldRetry): 409 is a lock timeout there.
      retryStatus: (status) => status === 408 || status === 409 || status === 429 || status >= 500,
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

  /**
   * Posts `body` plus the optional parameters this provider has not refused. A 400 naming one of them
   * marks it refused and sends the request again without it (each parameter is dropped at most once).
   */
  private async send(
    body: Record<string, unknown>,
    optional: Partial<Record<OptionalParameter, unknown>>,
    signal?: AbortSignal,
  ): Promise<RetryingFetchResult> {
    for (;;) {
      const sent = (Object.keys(optional) as OptionalParameter[]).filter(
        (name) => optional[name] !== undefined && !this.refusedParameters.has(name),
      );
      try {
        return await this.post({ ...body, ...Object.fromEntries(sent.map((name) => [name, optional[name]])) }, signal);
      } catch (error) {
        const refused = sent.find((name) => isRejectedParameter(error, name));
        if (!refused) throw error;
        this.refusedParameters.add(refused);
      }
    }
  }

  /**
   * One non-streamed chat completion: the answer's text and usage. `json` asks for `response_format:
   * json_object` (dropped if the provider refuses it; the prompt must then ask for JSON itself). Used by the
   * outline and by other one-shot requests (the coherence check), so they share this HTTP path, its
   * retries and its SSRF guard.
   */
  async complete(
    messages: ChatMessage[],
    options: { signal?: AbortSignal; json?: boolean; what?: string } = {},
  ): Promise<{ content: string; usage?: TokenUsage }> {
    const result = await this.send(
      { model: this.settings.model, messages, stream: false },
      {
        temperature: this.settings.temperature,
        ...(options.json ? { response_format: { type: "json_object" } } : {}),
      },
      options.signal,
    );

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
    const choice = completion.choices?.[0];
    if (choice?.finish_reason === "content_filter") throw this.contentFiltered(options.what ?? "the answer", usage);
    const content = choice?.message?.content;
    if (typeof content !== "string") {
      throw new EngineError("INVALID_RESPONSE", `${this.provider} sent a completion without message content`, {
        retryable: true,
        usage,
      });
    }
    return { content, usage };
  }

  /** Asks for the outline as JSON; throws INVALID_OUTLINE (with the reason) when it cannot be parsed. */
  async outline(req: OutlineRequest, signal?: AbortSignal): Promise<OutlineResult> {
    // Without response_format (refused or turned off) the prompt alone asks for JSON, and extractJson copes.
    const { content, usage } = await this.complete(buildOutlinePrompt(req), {
      signal,
      json: true,
      what: "the outline",
    });

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
   * Streams one chapter, calling `onToken` per delta. A chapter cut at the model's output limit
   * (`finish_reason: length`, e.g. Ollama's small default context) is continued: the text so far goes back
   * as the assistant's turn with a request to go on, up to MAX_CHAPTER_CONTINUATIONS times, then the chapter
   * fails as CHAPTER_TRUNCATED. `content_filter` and any other reason but `stop` fail it with that reason.
   */
  async writeChapter(req: ChapterRequest, onToken: TokenListener, signal?: AbortSignal): Promise<ChapterResult> {
    let content = "";
    let usage: TokenUsage | undefined;
    for (let continuation = 0; ; continuation++) {
      const messages = continuation === 0 ? buildChapterPrompt(req) : buildChapterContinuationPrompt(req, content);
      const result = await this.send(
        { model: this.settings.model, messages, stream: true },
        { temperature: this.settings.temperature, stream_options: { include_usage: true } },
        signal,
      );
      const part = await readChatStream(this.provider, result, onToken);
      content += part.content;
      usage = addUsage(usage, part.usage);

      if (part.finishReason === null || part.finishReason === "stop") break;
      if (part.finishReason === "content_filter") throw this.contentFiltered("the chapter", usage);
      if (part.finishReason !== "length") {
        // vLLM's `error`, `abort`, or a tool call we never asked for: the text is not a finished chapter.
        throw new EngineError(
          "PROVIDER_ERROR",
          `${this.provider} stopped the chapter with finish_reason "${part.finishReason}"`,
          { retryable: true, usage },
        );
      }
      if (continuation === MAX_CHAPTER_CONTINUATIONS || part.content.trim() === "") {
        throw new EngineError(
          "CHAPTER_TRUNCATED",
          `The model at ${this.provider} stopped at its output limit (finish_reason "length") ${continuation + 1} times on this chapter, even when asked to continue: raise the model's context or output limit (for Ollama, num_ctx) or choose a model with a larger one`,
          { usage },
        );
      }
    }
    const cleaned = stripChapterH1(content);
    return { content: cleaned, wordCount: countWords(cleaned), usage };
  }

  /** One JSON completion for the long-form steps (bible, section plans); parsing is the caller's. */
  async completeJson(messages: ChatMessage[], signal?: AbortSignal): Promise<JsonAnswer> {
    return this.complete(messages, { signal, json: true, what: "a planning answer" });
  }

  /** One streamed completion capped at `maxTokens` (sent as max_tokens); `length` is returned to the caller. */
  async streamText(
    messages: ChatMessage[],
    options: { maxTokens: number },
    onToken: TokenListener,
    signal?: AbortSignal,
  ): Promise<StreamedAnswer> {
    const result = await this.send(
      { model: this.settings.model, messages, stream: true },
      {
        temperature: this.settings.temperature,
        stream_options: { include_usage: true },
        max_tokens: Math.max(16, Math.ceil(options.maxTokens)),
      },
      signal,
    );
    const part = await readChatStream(this.provider, result, onToken);
    if (part.finishReason === "content_filter") throw this.contentFiltered("a section", part.usage);
    if (part.finishReason !== null && part.finishReason !== "stop" && part.finishReason !== "length") {
      throw new EngineError(
        "PROVIDER_ERROR",
        `${this.provider} stopped a section with finish_reason "${part.finishReason}"`,
        { retryable: true, usage: part.usage },
      );
    }
    return part;
  }

  private contentFiltered(what: string, usage: TokenUsage | undefined): EngineError {
    return new EngineError(
      "CONTENT_FILTERED",
      `${this.provider} withheld ${what}: its content filter stopped the answer (finish_reason "content_filter")`,
      { usage },
    );
  }
}

function isRejectedParameter(error: unknown, parameter: string): boolean {
  return error instanceof EngineError && error.code === "BAD_REQUEST" && error.message.includes(parameter);
}
