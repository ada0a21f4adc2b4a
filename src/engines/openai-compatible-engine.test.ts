import { describe, expect, it } from "vitest";
import { engineOnFake, openAiFakeForSuite } from "../../tests/helpers/openai-fake-suite";
import { engineFailure, workshopBrief, workshopOutline } from "../../tests/helpers/engine-fixtures";
import { generateOutlineWithRetries } from "./generate-outline";
import { extractJson, type OpenAiCompatibleSettings } from "./openai-compatible-engine";
import { parseRetryAfter } from "./retrying-fetch";
import { readSseData } from "./sse-reader";

const brief = workshopBrief;
const outline = workshopOutline;

const fake = openAiFakeForSuite();

const engine = (settings: Partial<OpenAiCompatibleSettings> = {}) => engineOnFake(fake, settings);

const failure = engineFailure;

describe("OpenAiCompatibleEngine — chapters", () => {
  it("streams a chapter: tokens delivered in order, usage from the final chunk, prompt with full context", async () => {
    const text = "First line of the chapter.\n\nSecond paragraph, with *emphasis*, ends here.";
    fake.setBehaviour({ chapterText: text, chunkDelayMs: 2 });
    const tokens: string[] = [];
    const result = await engine().writeChapter({ brief, outline, index: 1 }, (t) => tokens.push(t));

    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join("")).toBe(text);
    expect(result.content).toBe(text);
    expect(result.wordCount).toBe(11);
    expect(result.usage).toEqual({
      promptTokens: expect.any(Number),
      completionTokens: tokens.length,
    });
    expect(result.usage!.promptTokens).toBeGreaterThan(50);

    const request = fake.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body).toMatchObject({ model: "fake-model", stream: true, stream_options: { include_usage: true } });
    const user = request.body.messages[1].content as string;
    expect(user).toContain("The Quiet Workshop");
    for (const chapter of outline.chapters) expect(user).toContain(chapter.title);
    expect(user).toContain("Ada opens the old workshop.");
    expect(user).toContain("Ada builds a wobbly stool.");
  });

  it("removes a leading H1 the model added despite the instructions", async () => {
    fake.setBehaviour({ chapterText: "# Chapter 2: Learning the Tools\n\nThe body.\n\n# Stray\n\nMore." });
    const result = await engine().writeChapter({ brief, outline, index: 1 }, () => {});
    expect(result.content).toBe("The body.\n\n## Stray\n\nMore.");
  });

  it("retries a 500 and then succeeds", async () => {
    fake.setBehaviour({ script: [{ kind: "server-error", status: 500 }], chapterText: "All good now." });
    const result = await engine().writeChapter({ brief, outline, index: 0 }, () => {});
    expect(result.content).toBe("All good now.");
    expect(fake.requests).toHaveLength(2);
  });

  it("honours Retry-After on 429 before retrying", async () => {
    fake.setBehaviour({ script: [{ kind: "rate-limit", retryAfter: "1" }], chapterText: "After the wait." });
    const result = await engine().writeChapter({ brief, outline, index: 0 }, () => {});
    expect(result.content).toBe("After the wait.");
    expect(fake.requests).toHaveLength(2);
    const waited = fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(1_000);
  });

  it("gives up after maxRetries with a RATE_LIMITED error that names the status and the provider message", async () => {
    fake.setBehaviour({
      script: [
        { kind: "rate-limit", retryAfter: "0" },
        { kind: "rate-limit", retryAfter: "0" },
      ],
    });
    const error = await failure(engine({ maxRetries: 1 }).writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.message).toContain("429");
    expect(error.message).toContain("Rate limit reached");
    expect(fake.requests).toHaveLength(2);
  });

  it("does not retry a 401 and says why", async () => {
    fake.setBehaviour({ apiKey: "sk-right" });
    const error = await failure(engine({ maxRetries: 3 }).writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("AUTH");
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(401);
    expect(error.message).toContain("401");
    expect(error.message).toContain("Incorrect API key provided.");
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a hanging provider with a retryable TIMEOUT after its retries", async () => {
    fake.setBehaviour({ script: [{ kind: "hang" }, { kind: "hang" }] });
    const started = Date.now();
    const error = await failure(
      engine({ timeoutMs: 300, maxRetries: 1 }).writeChapter({ brief, outline, index: 0 }, () => {}),
    );
    expect(error.code).toBe("TIMEOUT");
    expect(error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    fake.setBehaviour({ script: [{ kind: "hang" }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(engine().writeChapter({ brief, outline, index: 0 }, () => {}, controller.signal));
    expect(error.code).toBe("ABORTED");
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it("reports a stream cut after some tokens as retryable STREAM_INTERRUPTED, without retrying itself", async () => {
    fake.setBehaviour({ script: [{ kind: "cut-stream", afterChunks: 3 }], chapterText: "one two three four five six" });
    const tokens: string[] = [];
    const error = await failure(engine().writeChapter({ brief, outline, index: 0 }, (t) => tokens.push(t)));
    expect(error.code).toBe("STREAM_INTERRUPTED");
    expect(error.retryable).toBe(true);
    expect(tokens.join("")).toBe("one two three ");
    expect(fake.requests).toHaveLength(1);
  });

  it("reports a malformed stream event as INVALID_RESPONSE", async () => {
    fake.setBehaviour({ script: [{ kind: "bad-json", where: "stream" }] });
    const error = await failure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("falls back to a plain stream when the provider rejects stream_options", async () => {
    fake.setBehaviour({ script: [{ kind: "reject-param", param: "stream_options" }], chapterText: "No usage here." });
    const e = engine();
    const result = await e.writeChapter({ brief, outline, index: 0 }, () => {});
    expect(result.content).toBe("No usage here.");
    expect(result.usage).toBeUndefined();
    expect(fake.requests.map((r) => "stream_options" in r.body)).toEqual([true, false]);
    await e.writeChapter({ brief, outline, index: 0 }, () => {});
    expect("stream_options" in fake.requests[2]!.body).toBe(false);
  });
});

describe("OpenAiCompatibleEngine — outline", () => {
  it("asks for JSON mode and parses the outline with its usage", async () => {
    const result = await engine().outline({ brief });
    expect(result.outline.chapters).toHaveLength(3);
    expect(result.outline.chapters.reduce((s, c) => s + c.wordBudget, 0)).toBe(3000);
    expect(result.usage?.promptTokens).toBeGreaterThan(0);
    expect(fake.requests[0]!.body).toMatchObject({ stream: false, response_format: { type: "json_object" } });
  });

  it("retries with the validation error as feedback after a malformed outline, then succeeds", async () => {
    fake.setBehaviour({ script: [{ kind: "malformed-outline" }] });
    const result = await generateOutlineWithRetries(engine(), brief, { attempts: 3 });
    expect(result.attempts).toBe(2);
    expect(result.outline.chapters).toHaveLength(3);
    expect(result.usage!.promptTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(2);
    const firstPrompt = fake.requests[0]!.body.messages[1].content as string;
    const secondPrompt = fake.requests[1]!.body.messages[1].content as string;
    expect(firstPrompt).not.toContain("rejected");
    expect(secondPrompt).toContain("Your previous answer was rejected");
    expect(secondPrompt).toContain("The outline has 1 chapters but exactly 3 are required.");
  });

  it("feeds an unparseable answer back too, and fails readably when every attempt is bad", async () => {
    fake.setBehaviour({ script: [{ kind: "bad-json" }] });
    const ok = await generateOutlineWithRetries(engine(), brief, { attempts: 2 });
    expect(ok.attempts).toBe(2);
    expect(fake.requests[1]!.body.messages[1].content).toContain("The answer is not valid JSON");

    fake.requests.length = 0;
    fake.setBehaviour({ script: [{ kind: "malformed-outline" }, { kind: "malformed-outline" }] });
    const error = await failure(generateOutlineWithRetries(engine(), brief, { attempts: 2 }));
    expect(error.code).toBe("INVALID_OUTLINE");
    expect(error.message).toContain("after 2 attempts");
    expect(fake.requests).toHaveLength(2);
  });

  it("falls back to prompt-only JSON when response_format is rejected, extracting fenced JSON", async () => {
    fake.setBehaviour({ script: [{ kind: "reject-param", param: "response_format" }] });
    const result = await engine().outline({ brief });
    expect(result.outline.chapters).toHaveLength(3);
    expect(fake.requests.map((r) => "response_format" in r.body)).toEqual([true, false]);
  });

  it("reports an HTTP body that is not JSON as INVALID_RESPONSE", async () => {
    fake.setBehaviour({ script: [{ kind: "bad-json", where: "body" }] });
    const error = await failure(engine().outline({ brief }));
    expect(error.code).toBe("INVALID_RESPONSE");
  });

  it("reports an unreachable provider as a retryable NETWORK error", async () => {
    const error = await failure(engine({ baseUrl: "http://127.0.0.1:9/v1", maxRetries: 1 }).outline({ brief }));
    expect(error.code).toBe("NETWORK");
    expect(error.retryable).toBe(true);
  });
});

describe("helpers", () => {
  it("parses Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:03 GMT", now)).toBe(3_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("extracts JSON from plain, fenced and chatty answers", () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Here:\n```json\n{"a":2}\n```\nDone')).toEqual({ a: 2 });
    expect(extractJson('Sure! {"a":"}{", "b":[1,2]} hope it helps')).toEqual({ a: "}{", b: [1, 2] });
    expect(() => extractJson("no json here")).toThrow(SyntaxError);
  });

  it("reads SSE events split across chunks, with CRLF, comments and multi-line data", async () => {
    const raw = ': keep-alive\r\ndata: {"a":1}\r\n\r\ndata: line1\ndata: line2\n\nevent: x\ndata: [DONE]\n\n';
    const bytes = new TextEncoder().encode(raw);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // One byte at a time: every split point, including between \r and \n.
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const data of readSseData(stream)) events.push(data);
    expect(events).toEqual(['{"a":1}', "line1\nline2", "[DONE]"]);
  });
});
