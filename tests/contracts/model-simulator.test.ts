import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAiCompatibleEngine } from "@/engines/openai-compatible-engine";
import { readSseData } from "@/engines/sse-reader";
import { countWords } from "@/engines/word-count";
import { type ModelSimulator, simulatedCast, startModelSimulator } from "../fakes/model-simulator";
import { workshopBrief as brief } from "../helpers/engine-fixtures";
import {
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  streamTerminator,
} from "./openai";

// The model simulator (tests/fakes/model-simulator.ts) speaks OpenAI's chat-completions wire format as
// tests/contracts/openai.ts holds it, and misses lengths the way it promises bench/long-form.ts it will.

let sim: ModelSimulator;
beforeAll(async () => {
  sim = await startModelSimulator();
});
afterAll(() => sim.close());
beforeEach(() =>
  sim.setOptions({ seed: 17, capWords: 1500, lengthError: 0.4, renameProbability: 0.3, tokenDelayMs: 0 }),
);

const ask = (words: number, extra = "") => ({
  model: "simulator",
  messages: [
    { role: "system" as const, content: "You are a skilled author writing one chapter of a book in English." },
    { role: "user" as const, content: `Write chapter 1 of 3, "Harbour", in about ${words} words.${extra}` },
  ],
});

async function post(body: Record<string, unknown>) {
  const response = await fetch(`${sim.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response;
}

/** A streamed completion: every chunk checked against the spec, its text, finish reason and usage. */
async function streamed(body: Record<string, unknown>) {
  const events: string[] = [];
  for await (const data of readSseData((await post({ ...body, stream: true })).body!)) events.push(data);
  expect(events.at(-1)).toBe(streamTerminator);
  const chunks = events.slice(0, -1).map((data) => chatCompletionChunkSchema().parse(JSON.parse(data)));
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  const finish = chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean);
  return { chunks, text, finish, usage: chunks.at(-1)!.usage };
}

describe("the model simulator on the wire", () => {
  it("streams chat.completion.chunk frames, ends with [DONE], and sends usage last when asked", async () => {
    const body = { ...ask(300), stream_options: { include_usage: true } };
    chatCompletionRequestSchema.parse({ ...body, stream: true });
    const { chunks, text, finish, usage } = await streamed(body);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(finish).toEqual(["stop"]);
    expect(chunks.at(-1)!.choices).toEqual([]);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    const words = countWords(text);
    expect(usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: Math.ceil(words / 0.75),
      total_tokens: usage!.prompt_tokens + Math.ceil(words / 0.75),
    });
  });

  it("without include_usage no chunk carries usage; a non-streamed answer is a chat.completion", async () => {
    const { chunks } = await streamed(ask(100));
    for (const chunk of chunks) expect(chunk).not.toHaveProperty("usage");
    const completion = chatCompletionResponseSchema.parse(await (await post(ask(100))).json());
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(countWords(completion.choices[0]!.message.content!)).toBeGreaterThan(50);
  });

  it("honours max_completion_tokens (and max_tokens): cut at ≈ 0.75 words per token with finish_reason length", async () => {
    const limited = { ...ask(1000), max_completion_tokens: 200 };
    chatCompletionRequestSchema.parse(limited);
    const { text, finish } = await streamed(limited);
    expect(finish).toEqual(["length"]);
    expect(countWords(text)).toBe(150);
    const legacy = chatCompletionResponseSchema.parse(await (await post({ ...ask(1000), max_tokens: 40 })).json());
    expect(legacy.choices[0]!.finish_reason).toBe("length");
    expect(countWords(legacy.choices[0]!.message.content!)).toBe(30);
  });

  it("caps every answer at capWords whatever is asked, and misses smaller asks by at most ±40 %", async () => {
    const { text } = await streamed(ask(5000));
    expect(countWords(text)).toBe(1500);
    sim.setOptions({ capWords: 400 });
    expect(countWords((await streamed(ask(5000))).text)).toBe(400);
    sim.setOptions({ capWords: 1500 });
    const ratios: number[] = [];
    for (let i = 0; i < 12; i++) ratios.push(countWords((await streamed(ask(500, ` Variant ${i}.`))).text) / 500);
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThanOrEqual(0.6);
      expect(ratio).toBeLessThanOrEqual(1.4);
    }
    // Seeded, not constant: the misses differ between requests and some are beyond ±15 %.
    expect(new Set(ratios).size).toBeGreaterThan(6);
    expect(ratios.some((r) => Math.abs(r - 1) > 0.15)).toBe(true);
  });

  it("is deterministic for a seed and a request, and differs with another seed", async () => {
    const first = (await streamed(ask(200))).text;
    expect((await streamed(ask(200))).text).toBe(first);
    sim.setOptions({ seed: 18 });
    expect((await streamed(ask(200))).text).not.toBe(first);
  });

  it("renames characters only when their name is not in the prompt", async () => {
    sim.setOptions({ renameProbability: 1 });
    const supporting = simulatedCast.en.filter((c) => !c.protagonist);
    const unnamed = (await streamed(ask(1200))).text;
    expect(supporting.some((c) => unnamed.includes(c.variant))).toBe(true);
    const names = ` Characters: ${simulatedCast.en.map((c) => c.name).join(", ")}.`;
    const named = (await streamed(ask(1200, names))).text;
    for (const c of simulatedCast.en) expect(named).not.toContain(c.variant);
  });

  it("writes French prose when the prompt is in French", async () => {
    const { text } = await streamed({
      model: "simulator",
      messages: [
        { role: "system", content: "Vous êtes un auteur talentueux qui écrit un chapitre d'un livre en français." },
        { role: "user", content: "Écrivez le chapitre 1 sur 3, « Le port », en environ 200 mots." },
      ],
    });
    expect(simulatedCast.fr.some((c) => text.includes(c.name) || text.includes(c.variant))).toBe(true);
    expect(text).toMatch(/\b(les|une|le|pendant|avec)\b/);
  });

  it("answers the engine's outline request with the asked chapters and budgets adding up, then writes chapters", async () => {
    const engine = new OpenAiCompatibleEngine({ baseUrl: sim.url, model: "simulator", maxRetries: 0 });
    const book = { ...brief, targetChapters: 5, targetWords: 4000 };
    const { outline, usage } = await engine.outline({ brief: book });
    expect(outline.chapters).toHaveLength(5);
    expect(outline.chapters.reduce((sum, c) => sum + c.wordBudget, 0)).toBe(4000);
    expect(usage?.completionTokens).toBeGreaterThan(0);
    const chapter = await engine.writeChapter({ brief: book, outline, index: 0 }, () => {});
    expect(chapter.wordCount).toBeGreaterThanOrEqual(Math.floor(800 * 0.6));
    expect(chapter.wordCount).toBeLessThanOrEqual(Math.ceil(800 * 1.4));
  });

  it("plans sections and a book bible as JSON", async () => {
    const json = async (content: string) => {
      const body = {
        model: "simulator",
        response_format: { type: "json_object" as const },
        messages: [
          { role: "system" as const, content: "Answer with JSON only." },
          { role: "user" as const, content },
        ],
      };
      const completion = chatCompletionResponseSchema.parse(await (await post(body)).json());
      return JSON.parse(completion.choices[0]!.message.content!) as Record<string, unknown>;
    };
    const plan = (await json("Split this chapter of about 2500 words into sections of at most 800 words.")) as {
      sections: { point: string; wordBudget: number }[];
    };
    expect(plan.sections.length).toBe(4);
    expect(plan.sections.reduce((sum, s) => sum + s.wordBudget, 0)).toBe(2500);
    // The long-form writer's wording: the bible and the book's length ride along, the task comes last.
    const asked = (await json(
      "Length: 30 chapters, about 100000 words in total\nBook bible (follow it exactly):\nNames: Ada Marlow\n\n" +
        'Plan chapter 2, "Harbour" (3333 words), as about 5 sections of at most 800 words each. The budgets must add up to 3333.',
    )) as { sections: { wordBudget: number }[] };
    expect(asked.sections).toHaveLength(5);
    expect(asked.sections.reduce((sum, s) => sum + s.wordBudget, 0)).toBe(3333);
    const bible = (await json("Write the book bible: names, terms, facts, voice.")) as {
      characters: { name: string }[];
    };
    expect(bible.characters.map((c) => c.name)).toEqual(simulatedCast.en.map((c) => c.name));
  });

  it("paces streamed answers by the per-token delay", async () => {
    sim.setOptions({ tokenDelayMs: 2, capWords: 150, lengthError: 0 });
    const started = performance.now();
    await streamed(ask(150));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190); // 200 tokens × 2 ms, less timer slack
  });

  it("answers a malformed body or an unknown path with an OpenAI error", async () => {
    const bad = await fetch(`${sim.url}/chat/completions`, { method: "POST", body: "{nope" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    expect((await fetch(`${sim.url}/completions`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
