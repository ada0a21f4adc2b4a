import { describe, expect, it } from "vitest";
import { engineOnFake, openAiFakeForSuite } from "../../tests/helpers/openai-fake-suite";
import { engineFailure, workshopBrief, workshopOutline } from "../../tests/helpers/engine-fixtures";
import type { OpenAiCompatibleSettings } from "./openai-compatible-engine";
import { retryAfterFromHeaders } from "./retrying-fetch";

// Issue 18, items 10–12: finish_reason, openai-node's retry rules, and parameters a model refuses.

const brief = workshopBrief;
const outline = workshopOutline;
const chapterText = "Ada opened the door. The tools were where she had left them, waiting for the morning.";

const fake = openAiFakeForSuite({ chapterText });

const engine = (settings: Partial<OpenAiCompatibleSettings> = {}) => engineOnFake(fake, settings);

describe("finish_reason of a chapter (item 10)", () => {
  it("continues a chapter cut by `length`: the text so far goes back as the assistant's turn", async () => {
    fake.setBehaviour({ script: [{ kind: "finish", reason: "length", afterChunks: 4 }] });
    const tokens: string[] = [];
    const result = await engine().writeChapter({ brief, outline, index: 0 }, (t) => tokens.push(t));

    const firstPart = "Ada opened the door. ";
    expect(fake.requests).toHaveLength(2);
    const continuation = fake.requests[1]!.body.messages as { role: string; content: string }[];
    expect(continuation.slice(0, 2)).toEqual(fake.requests[0]!.body.messages);
    expect(continuation[2]).toEqual({ role: "assistant", content: firstPart });
    expect(continuation[3]).toMatchObject({ role: "user", content: expect.stringContaining("Continue it exactly") });
    // The listener saw every token, in order, and the saved chapter is the same text.
    expect(tokens.join("")).toBe(firstPart + chapterText);
    expect(result.content).toBe(firstPart + chapterText);
    // Both requests' usage is billed.
    expect(result.usage!.completionTokens).toBe(4 + chapterText.match(/\S+\s*/g)!.length);
  });

  it("fails as CHAPTER_TRUNCATED, not retryable, when the model keeps stopping at its limit", async () => {
    fake.setBehaviour({
      script: [1, 2, 3].map(() => ({ kind: "finish" as const, reason: "length" as const, afterChunks: 2 })),
    });
    const error = await engineFailure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("CHAPTER_TRUNCATED");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('finish_reason "length"');
    expect(error.message).toContain("num_ctx");
    expect(error.usage?.completionTokens).toBe(6);
    expect(fake.requests).toHaveLength(3);
  });

  it("fails a chapter stopped by the content filter as CONTENT_FILTERED", async () => {
    fake.setBehaviour({ script: [{ kind: "finish", reason: "content_filter", afterChunks: 3 }] });
    const error = await engineFailure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("CONTENT_FILTERED");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("content_filter");
  });

  it("fails a chapter vLLM ended with finish_reason `error`, naming the reason", async () => {
    fake.setBehaviour({ script: [{ kind: "finish", reason: "error", afterChunks: 3 }] });
    const error = await engineFailure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('finish_reason "error"');
  });

  it("fails an outline stopped by the content filter as CONTENT_FILTERED", async () => {
    fake.setBehaviour({ script: [{ kind: "finish", reason: "content_filter" }] });
    const error = await engineFailure(engine().outline({ brief }));
    expect(error.code).toBe("CONTENT_FILTERED");
  });
});

describe("retries, as openai-node does them (item 11)", () => {
  it("never retries insufficient_quota and says plainly that the account is out of credit", async () => {
    fake.setBehaviour({ script: [{ kind: "quota" }, { kind: "quota" }, { kind: "quota" }] });
    const error = await engineFailure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("QUOTA_EXHAUSTED");
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(429);
    expect(error.message).toContain("out of credit");
    expect(fake.requests).toHaveLength(1);
  });

  it("waits for retry-after-ms, which wins over retry-after", async () => {
    fake.setBehaviour({ script: [{ kind: "rate-limit", retryAfter: "30", retryAfterMs: "300" }] });
    const started = Date.now();
    await engine().writeChapter({ brief, outline, index: 0 }, () => {});
    const waited = fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not retry a 5xx the server marks x-should-retry: false, and the pipeline may not retry it either", async () => {
    fake.setBehaviour({ script: [{ kind: "server-error", status: 503, shouldRetry: "false" }] });
    const error = await engineFailure(engine().writeChapter({ brief, outline, index: 0 }, () => {}));
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a status it would not retry when the server says x-should-retry: true", async () => {
    fake.setBehaviour({ script: [{ kind: "server-error", status: 400, shouldRetry: "true" }] });
    const result = await engine().writeChapter({ brief, outline, index: 0 }, () => {});
    expect(result.content).toBe(chapterText);
    expect(fake.requests).toHaveLength(2);
  });

  it("retries a 409, like openai-node", async () => {
    fake.setBehaviour({ script: [{ kind: "server-error", status: 409 }] });
    await engine().writeChapter({ brief, outline, index: 0 }, () => {});
    expect(fake.requests).toHaveLength(2);
  });

  it("reads retry-after-ms before retry-after, and retry-after as seconds", () => {
    expect(retryAfterFromHeaders(new Headers({ "retry-after-ms": "1500.5", "retry-after": "9" }))).toBe(1501);
    expect(retryAfterFromHeaders(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterFromHeaders(new Headers({ "retry-after-ms": "soon", "retry-after": "2" }))).toBe(2000);
    expect(retryAfterFromHeaders(new Headers())).toBeUndefined();
  });
});

describe("parameters a model refuses (item 12)", () => {
  it("sends a chapter again without temperature once, and leaves it out for the rest of the job", async () => {
    fake.setBehaviour({ script: [{ kind: "reject-param", param: "temperature", wording: "unsupported" }] });
    const reasoning = engine({ temperature: 0.7 });
    await reasoning.writeChapter({ brief, outline, index: 0 }, () => {});
    await reasoning.outline({ brief });

    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]!.body.temperature).toBe(0.7);
    expect(fake.requests[1]!.body).not.toHaveProperty("temperature");
    expect(fake.requests[1]!.body.stream_options).toEqual({ include_usage: true });
    expect(fake.requests[2]!.body).not.toHaveProperty("temperature");
    expect(fake.requests[2]!.body.response_format).toEqual({ type: "json_object" });
  });

  it("drops response_format, then temperature, when each is refused in turn", async () => {
    fake.setBehaviour({
      script: [
        { kind: "reject-param", param: "response_format" },
        { kind: "reject-param", param: "temperature", wording: "unsupported" },
      ],
    });
    const result = await engine({ temperature: 0.3 }).outline({ brief });
    expect(result.outline.chapters).toHaveLength(brief.targetChapters);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]!.body).not.toHaveProperty("response_format");
    expect(fake.requests[2]!.body).not.toHaveProperty("temperature");
  });

  it("does not resend a request whose 400 names no optional parameter", async () => {
    fake.setBehaviour({ script: [{ kind: "reject-param", param: "model" }] });
    const error = await engineFailure(
      engine({ temperature: 0.3 }).writeChapter({ brief, outline, index: 0 }, () => {}),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fake.requests).toHaveLength(1);
  });
});
