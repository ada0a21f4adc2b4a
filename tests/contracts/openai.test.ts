import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAiCompatibleEngine } from "@/engines/openai-compatible-engine";
import { readSseData } from "@/engines/sse-reader";
import type { OpenAiFakeMisbehaviour } from "../fakes/openai-compatible-fake";
import { workshopBrief as brief, workshopOutline as outline } from "../helpers/engine-fixtures";
import { openAiFakeForSuite } from "../helpers/openai-fake-suite";
import {
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  errorResponseSchema,
  openAiFinishReasons,
  streamTerminator,
  vllmFinishReasons,
} from "./openai";

// Drift between OpenAI's published chat-completions API (tests/contracts/openai.ts) and our engine or fake
// fails here: every request the engine sends, every answer the fake gives, and the spec's own samples.

const fake = openAiFakeForSuite();

function engine(baseUrl: string, temperature?: number) {
  return new OpenAiCompatibleEngine({
    baseUrl,
    model: "gpt-4o-mini",
    apiKey: "sk-test",
    timeoutMs: 5_000,
    maxRetries: 1,
    retryBaseDelayMs: 5,
    temperature,
  });
}

async function post(body: Record<string, unknown>) {
  return fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
    body: JSON.stringify(body),
  });
}

/** The `data` of every SSE event of a streamed completion. */
async function streamedEvents(response: Response): Promise<string[]> {
  const events: string[] = [];
  for await (const data of readSseData(response.body!)) events.push(data);
  return events;
}

const chatRequest = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Write one paragraph." }] };

describe("requests the engine sends match CreateChatCompletionRequest", () => {
  it("outline (JSON mode, feedback), chapter, continuation, and the fallbacks without refused parameters", async () => {
    const writer = engine(fake.url, 0.7);
    await writer.outline({ brief });
    await writer.outline({ brief, feedback: "The outline has 1 chapters but exactly 3 are required." });
    fake.setBehaviour({ script: [{ kind: "finish", reason: "length", afterChunks: 3 }] });
    await writer.writeChapter({ brief, outline, index: 1 }, () => {});
    fake.setBehaviour({
      script: [
        { kind: "reject-param", param: "temperature", wording: "unsupported" },
        { kind: "reject-param", param: "stream_options" },
      ],
    });
    await writer.writeChapter({ brief, outline, index: 2 }, () => {});

    const bodies = fake.requests.map((request) => request.body);
    expect(bodies).toHaveLength(7);
    for (const body of bodies) expect(chatCompletionRequestSchema.parse(body)).toEqual(body);
    // What each kind of request carried, so the schema is checked against every parameter we use.
    expect(bodies[0]).toMatchObject({ response_format: { type: "json_object" }, temperature: 0.7, stream: false });
    expect(bodies[2]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(bodies[3]!.messages.at(-2).role).toBe("assistant");
    expect(bodies[6]).not.toHaveProperty("temperature");
    expect(bodies[6]).not.toHaveProperty("stream_options");
  });

  it("rejects a parameter the spec does not define, and a message role it does not know", () => {
    expect(chatCompletionRequestSchema.safeParse({ ...chatRequest, max_token: 10 }).success).toBe(false);
    expect(
      chatCompletionRequestSchema.safeParse({ ...chatRequest, messages: [{ role: "narrator", content: "x" }] }).success,
    ).toBe(false);
  });
});

describe("the fake answers as CreateChatCompletionResponse / CreateChatCompletionStreamResponse", () => {
  it("a plain completion, for every finish_reason the fake can end with", async () => {
    for (const reason of ["stop", "length", "content_filter"] as const) {
      if (reason !== "stop") fake.setBehaviour({ script: [{ kind: "finish", reason }] });
      const response = await post({ ...chatRequest, stream: false });
      const body = chatCompletionResponseSchema.parse(await response.json());
      expect(body.choices[0]!.finish_reason).toBe(reason);
    }
  });

  it("a stream with include_usage: usage null on each chunk, then a last chunk with empty choices, then [DONE]", async () => {
    const events = await streamedEvents(
      await post({ ...chatRequest, stream: true, stream_options: { include_usage: true } }),
    );
    expect(events.at(-1)).toBe(streamTerminator);
    const chunks = events.slice(0, -1).map((data) => chatCompletionChunkSchema().parse(JSON.parse(data)));
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("a stream without include_usage carries no usage field at all", async () => {
    const events = await streamedEvents(await post({ ...chatRequest, stream: true }));
    for (const data of events.slice(0, -1)) {
      const chunk = chatCompletionChunkSchema().parse(JSON.parse(data));
      expect(chunk).not.toHaveProperty("usage");
    }
  });

  it("finish reasons: OpenAI's within OpenAI's enum; vLLM's abort/error only under vLLM's extension", async () => {
    const finishing = async (reason: "length" | "content_filter" | "error" | "abort") => {
      fake.setBehaviour({ script: [{ kind: "finish", reason, afterChunks: 2 }] });
      const events = await streamedEvents(await post({ ...chatRequest, stream: true }));
      return events.slice(0, -1).map((data) => JSON.parse(data) as unknown);
    };
    for (const reason of ["length", "content_filter"] as const) {
      for (const chunk of await finishing(reason)) chatCompletionChunkSchema().parse(chunk);
    }
    for (const reason of vllmFinishReasons) {
      const chunks = await finishing(reason);
      expect(chunks.some((chunk) => !chatCompletionChunkSchema().safeParse(chunk).success)).toBe(true);
      const vllm = chatCompletionChunkSchema([...openAiFinishReasons, ...vllmFinishReasons]);
      for (const chunk of chunks) vllm.parse(chunk);
    }
  });

  it("every error the fake answers is an ErrorResponse", async () => {
    const misbehaviours: OpenAiFakeMisbehaviour[] = [
      { kind: "rate-limit", retryAfterMs: "10" },
      { kind: "quota" },
      { kind: "server-error", status: 503, shouldRetry: "false" },
      { kind: "unauthorized" },
      { kind: "reject-param", param: "temperature", wording: "unsupported" },
    ];
    for (const misbehaviour of misbehaviours) {
      fake.setBehaviour({ script: [misbehaviour] });
      const response = await post({ ...chatRequest, temperature: 1 });
      expect(response.ok).toBe(false);
      errorResponseSchema.parse(await response.json());
    }
    const notFound = await fetch(`${fake.url}/completions`, { method: "POST", body: "{}" });
    errorResponseSchema.parse(await notFound.json());
  });

  it("rejects a chunk or completion that carries a field the spec does not define", () => {
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [] };
    expect(chatCompletionChunkSchema().safeParse(chunk).success).toBe(true);
    expect(chatCompletionChunkSchema().safeParse({ ...chunk, finished: true }).success).toBe(false);
    const completion = { ...chunk, object: "chat.completion" };
    expect(chatCompletionResponseSchema.safeParse({ ...completion, text: "x" }).success).toBe(false);
  });
});

// Payloads rebuilt from the examples of OpenAI's API reference ("Create chat completion": Default and
// Streaming examples), with our content, served as is and read by the engine.
describe("the spec's documented samples go through the engine", () => {
  let server: Server;
  let baseUrl: string;
  let answer: { contentType: string; body: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": answer.contentType });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("the Default example's completion, with usage details and service_tier, gives the outline", async () => {
    const content = JSON.stringify({
      chapters: outline.chapters.map(({ title, synopsis, wordBudget }) => ({ title, synopsis, wordBudget })),
    });
    const sample = {
      id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
      object: "chat.completion",
      created: 1741569952,
      model: "gpt-4.1-2025-04-14",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: "default",
    };
    chatCompletionResponseSchema.parse(sample);
    answer = { contentType: "application/json", body: JSON.stringify(sample) };
    const result = await engine(baseUrl).outline({ brief });
    expect(result.outline.chapters.map((c) => c.title)).toEqual(outline.chapters.map((c) => c.title));
    expect(result.usage).toEqual({ promptTokens: 19, completionTokens: 10 });
  });

  it("the Streaming example's chunks (role first, content deltas, empty delta with stop, [DONE]) give the chapter", async () => {
    const base = { id: "chatcmpl-123", object: "chat.completion.chunk", created: 1694268190, model: "gpt-4o-mini" };
    const chunks = [
      {
        ...base,
        system_fingerprint: "fp_44709d6fcb",
        choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
      },
      {
        ...base,
        system_fingerprint: "fp_44709d6fcb",
        choices: [{ index: 0, delta: { content: "Hello" }, logprobs: null, finish_reason: null }],
      },
      {
        ...base,
        system_fingerprint: "fp_44709d6fcb",
        choices: [{ index: 0, delta: { content: ", reader." }, logprobs: null, finish_reason: null }],
      },
      {
        ...base,
        system_fingerprint: "fp_44709d6fcb",
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }],
      },
    ];
    for (const chunk of chunks) chatCompletionChunkSchema().parse(chunk);
    answer = {
      contentType: "text/event-stream",
      body: `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: ${streamTerminator}\n\n`,
    };
    const tokens: string[] = [];
    const result = await engine(baseUrl).writeChapter({ brief, outline, index: 0 }, (token) => tokens.push(token));
    expect(tokens).toEqual(["Hello", ", reader."]);
    expect(result.content).toBe("Hello, reader.");
    expect(result.usage).toBeUndefined();
  });
});
