import type { RetryingFetchResult } from "./retrying-fetch";
import { readSseData } from "./sse-reader";
import { EngineError, type TokenListener, type TokenUsage } from "./writing-engine";

/**
 * Reads one streamed chat completion (`chat.completion.chunk` SSE events ending with `data: [DONE]`) into
 * its text, its `finish_reason` and its usage. Judging the finish reason is the caller's job: only the
 * caller knows whether `length` can be continued.
 */

interface ChatCompletionChunk {
  choices?: { delta?: { content?: unknown }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string; code?: unknown } | string;
}

export interface StreamedCompletion {
  content: string;
  /** The choice's `finish_reason`; null when the stream ended with `[DONE]` without one (some local servers). */
  finishReason: string | null;
  usage?: TokenUsage;
}

export function toUsage(raw: ChatCompletionChunk["usage"]): TokenUsage | undefined {
  if (!raw || typeof raw.prompt_tokens !== "number" || typeof raw.completion_tokens !== "number") return undefined;
  return { promptTokens: raw.prompt_tokens, completionTokens: raw.completion_tokens };
}

/**
 * Consumes the stream, calling `onToken` per delta. A stream cut after tokens were delivered is not retried
 * here (the listener already saw partial text): it fails with retryable STREAM_INTERRUPTED.
 */
export async function readChatStream(
  provider: string,
  result: RetryingFetchResult,
  onToken: TokenListener,
): Promise<StreamedCompletion> {
  const stream = result.response.body;
  if (!stream) throw new EngineError("INVALID_RESPONSE", `${provider} sent an empty response`, { retryable: true });

  let content = "";
  let usage: TokenUsage | undefined;
  let finishReason: string | null = null;
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
        throw new EngineError("INVALID_RESPONSE", `${provider} sent a malformed stream event: ${data.slice(0, 80)}`, {
          retryable: true,
        });
      }
      if (chunk.error) {
        const message = typeof chunk.error === "string" ? chunk.error : (chunk.error.message ?? "unknown error");
        throw new EngineError("PROVIDER_ERROR", `${provider} failed while streaming: ${message}`, { retryable: true });
      }
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (typeof delta === "string" && delta.length > 0) {
        content += delta;
        onToken(delta);
      }
      if (choice?.finish_reason) {
        finished = true;
        finishReason = choice.finish_reason;
      }
      usage = toUsage(chunk.usage) ?? usage;
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    const engineError = result.classify(error);
    if (engineError.code === "NETWORK") {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new EngineError(
        "STREAM_INTERRUPTED",
        `The stream from ${provider} was cut after ${content.length} characters: ${reason}`,
        { retryable: true, cause: error },
      );
    }
    throw engineError;
  }
  if (!finished) {
    throw new EngineError("STREAM_INTERRUPTED", `The stream from ${provider} ended before the chapter was finished`, {
      retryable: true,
    });
  }
  return { content, finishReason, usage };
}
