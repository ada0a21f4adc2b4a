import { z } from "zod";

/**
 * The parts of OpenAI's chat-completions API that Scriptorium uses, as Zod schemas, so the engine's requests
 * and the fake's answers are checked against the provider's published definition instead of our own reading.
 *
 * Source: openai/openai-openapi, `openapi.yaml`, components.schemas
 *   - CreateChatCompletionRequest (and ChatCompletionRequestMessage, ChatCompletionStreamOptions,
 *     ResponseFormatText / ResponseFormatJsonObject),
 *   - CreateChatCompletionResponse (ChatCompletionResponseMessage, CompletionUsage),
 *   - CreateChatCompletionStreamResponse (ChatCompletionStreamResponseDelta),
 *   - ErrorResponse / Error.
 * Written from those definitions in our own words; only the fields we send or read, plus every field the
 * spec marks required. Objects are strict: a field the spec does not define fails the contract, which is the
 * point (a fake that invents a field, or an engine that sends an undefined parameter, is caught).
 *
 * Compatible servers: Ollama's OpenAI-compatibility page (docs/openai.md) lists `model`, `messages`,
 * `stream`, `stream_options.include_usage`, `temperature` and `response_format` among the supported request
 * fields; vLLM's OpenAI-compatible server accepts the same and may end a choice with its own
 * `finish_reason` values (`abort`, `error`), described below as an extension, not as OpenAI's.
 */

/** `finish_reason` as the spec enumerates it for both the completion and the chunk. */
export const openAiFinishReasons = ["stop", "length", "tool_calls", "content_filter", "function_call"] as const;
/** Values vLLM adds on top of OpenAI's (an aborted or failed generation). */
export const vllmFinishReasons = ["abort", "error"] as const;

// ── Request ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A message of the conversation. The spec's roles are developer, system, user, assistant, tool and
 * function; we only send text content, so `content` is a string (the spec also allows content-part arrays).
 * `name` is optional on system/user/assistant messages.
 */
const requestMessageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("developer"), content: z.string(), name: z.string().optional() }),
  z.strictObject({ role: z.literal("system"), content: z.string(), name: z.string().optional() }),
  z.strictObject({ role: z.literal("user"), content: z.string(), name: z.string().optional() }),
  z.strictObject({ role: z.literal("assistant"), content: z.string().nullable(), name: z.string().optional() }),
]);

/** ResponseFormatText, ResponseFormatJsonObject (json_schema needs a `json_schema` object we never send). */
const responseFormatSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text") }),
  z.strictObject({ type: z.literal("json_object") }),
]);

/** CreateChatCompletionRequest: `model` and `messages` (at least one) are required. */
export const chatCompletionRequestSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(requestMessageSchema).min(1),
  /** Number between 0 and 2, nullable, default 1. */
  temperature: z.number().min(0).max(2).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  /** ChatCompletionStreamOptions: only meaningful with `stream: true`. */
  stream_options: z
    .strictObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() })
    .nullable()
    .optional(),
  response_format: responseFormatSchema.optional(),
  max_completion_tokens: z.number().int().nullable().optional(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

// ── Response ───────────────────────────────────────────────────────────────────────────────────────────

/** CompletionUsage: the three counts are required; the details objects are optional. */
const usageSchema = z.strictObject({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
  total_tokens: z.number().int().min(0),
  prompt_tokens_details: z.record(z.string(), z.number()).optional(),
  completion_tokens_details: z.record(z.string(), z.number()).optional(),
});

/** ChatCompletionResponseMessage: `role` ("assistant"), `content` and `refusal` (both nullable) are required. */
const responseMessageSchema = z.strictObject({
  role: z.literal("assistant"),
  content: z.string().nullable(),
  refusal: z.string().nullable(),
  annotations: z.array(z.unknown()).optional(),
});

/** Fields every completion and chunk carry: id, created (Unix seconds), model; fingerprint and tier optional. */
const envelope = {
  id: z.string().min(1),
  created: z.number().int(),
  model: z.string().min(1),
  system_fingerprint: z.string().optional(),
  service_tier: z.string().nullable().optional(),
};

/** CreateChatCompletionResponse: `choices` items require index, message, finish_reason and logprobs. */
export const chatCompletionResponseSchema = z.strictObject({
  ...envelope,
  object: z.literal("chat.completion"),
  choices: z.array(
    z.strictObject({
      index: z.number().int().min(0),
      message: responseMessageSchema,
      finish_reason: z.enum(openAiFinishReasons),
      logprobs: z.unknown().nullable(),
    }),
  ),
  usage: usageSchema.optional(),
});

/** ChatCompletionStreamResponseDelta: every field optional; role is one of the spec's roles. */
const deltaSchema = z.strictObject({
  role: z.enum(["developer", "system", "user", "assistant", "tool"]).optional(),
  content: z.string().nullable().optional(),
  refusal: z.string().nullable().optional(),
});

/**
 * CreateChatCompletionStreamResponse: `choices` items require index, delta and finish_reason (null until
 * the last one). `usage` appears only with `stream_options.include_usage`: null on every chunk but the
 * extra last one, whose `choices` is empty.
 */
export function chatCompletionChunkSchema(finishReasons: readonly string[] = openAiFinishReasons) {
  return z.strictObject({
    ...envelope,
    object: z.literal("chat.completion.chunk"),
    choices: z.array(
      z.strictObject({
        index: z.number().int().min(0),
        delta: deltaSchema,
        finish_reason: z
          .string()
          .refine((reason) => finishReasons.includes(reason), "finish_reason outside the spec")
          .nullable(),
        logprobs: z.unknown().nullable().optional(),
      }),
    ),
    usage: usageSchema.nullable().optional(),
  });
}

/** The line that ends a stream: `data: [DONE]`. */
export const streamTerminator = "[DONE]";

/** ErrorResponse: `{ error: Error }`, where message, type, param and code are all required (the last two nullable). */
export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
