import type { ChatMessage } from "../prompts";
import type { TokenListener, TokenUsage, WritingEngine } from "../writing-engine";

/**
 * The two raw calls the long-form writer (plan → bible → sections written to length) needs from a chat
 * model. An engine that offers them can write with sections; the demo engine composes to length itself
 * and CrewAI writes remotely, so neither does.
 */

export interface JsonAnswer {
  /** The message content, expected to hold a JSON object (parsed by the caller). */
  content: string;
  usage?: TokenUsage;
}

export interface StreamedAnswer {
  content: string;
  /** `stop`, `length` (hit max_tokens), or null when the provider sent none. */
  finishReason: string | null;
  usage?: TokenUsage;
}

export interface ChatModel {
  /** One non-streamed completion asking for JSON (response_format json_object where the provider allows it). */
  completeJson(messages: ChatMessage[], signal?: AbortSignal): Promise<JsonAnswer>;
  /**
   * One streamed completion capped at `maxTokens`. `length` is returned, not thrown: the caller decides
   * whether to continue. content_filter and unknown finish reasons throw.
   */
  streamText(
    messages: ChatMessage[],
    options: { maxTokens: number },
    onToken: TokenListener,
    signal?: AbortSignal,
  ): Promise<StreamedAnswer>;
}

/** True when the engine can write chapters section by section. */
export function isChatModel(engine: WritingEngine): engine is WritingEngine & ChatModel {
  const candidate = engine as Partial<ChatModel>;
  return typeof candidate.completeJson === "function" && typeof candidate.streamText === "function";
}
