import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "./request-body";

/**
 * A loopback fake of an OpenAI-compatible chat-completions server (`POST /v1/chat/completions`,
 * `GET /v1/models`), speaking the real wire format: `chat.completion` JSON, and for `stream: true` the
 * `chat.completion.chunk` SSE stream with `data: [DONE]` and, with `stream_options.include_usage`, the
 * final usage chunk (`choices: []`). Each event is written in two halves so clients must reassemble frames.
 * A script of misbehaviours is consumed one per completion request.
 */

export type OpenAiFakeMisbehaviour =
  /** 429 with a Retry-After header (seconds or an HTTP date), and OpenAI's Retry-After-Ms when given. */
  | { kind: "rate-limit"; retryAfter?: string; retryAfterMs?: string }
  /** 429 `insufficient_quota`, as OpenAI answers for an account without credit. */
  | { kind: "quota" }
  /** `shouldRetry` sends OpenAI's `x-should-retry` header with the error. */
  | { kind: "server-error"; status?: number; message?: string; shouldRetry?: "true" | "false" }
  | { kind: "unauthorized" }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Valid JSON outline with the wrong number of chapters (or `outline` if given). */
  | { kind: "malformed-outline"; outline?: unknown }
  /** content: message content is not JSON; body: the HTTP body is not JSON; stream: a chunk is not JSON. */
  | { kind: "bad-json"; where?: "content" | "body" | "stream" }
  /** Streams `afterChunks` content chunks then destroys the connection. */
  | { kind: "cut-stream"; afterChunks: number }
  /**
   * 400 if the request carries this parameter: "Unrecognized request argument" (older servers), or OpenAI's
   * reasoning-model answer "Unsupported parameter: 'temperature' is not supported with this model."
   */
  | { kind: "reject-param"; param: string; wording?: "unrecognized" | "unsupported" }
  /** Ends the completion with this `finish_reason` after `afterChunks` content chunks (default: all of them). */
  | { kind: "finish"; reason: "length" | "content_filter" | "error" | "abort"; afterChunks?: number };

export interface OpenAiFakeBehaviour {
  /** Consumed one entry per completion request, then the fake behaves. */
  script: OpenAiFakeMisbehaviour[];
  /** Outline to answer with; by default one is built from the chapter count and word total in the prompt. */
  outline?: { chapters: { title: string; synopsis: string; wordBudget: number }[] };
  chapterText: string;
  /** Delay between streamed events. */
  chunkDelayMs: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /**
   * Scripted answers: called for each completion request not consumed by a misbehaviour; an answer returned
   * replaces the default content (streamed or not), with its finish reason (default "stop").
   */
  respond?: (request: {
    prompt: string;
    lastUserMessage: string;
    body: Record<string, unknown>;
  }) => { content: string; finishReason?: "stop" | "length" } | undefined;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON bodies are inspected freely by tests.
  body: any;
  receivedAt: number;
}

export interface OpenAiCompatibleFake {
  /** Base URL including `/v1`, as clients expect. */
  url: string;
  requests: RecordedRequest[];
  setBehaviour(behaviour: Partial<OpenAiFakeBehaviour>): void;
  close(): Promise<void>;
}

const defaultChapterText =
  "The morning light fell across the workshop. Ada picked up the first tool and began, slowly, " +
  "to explain what the book would teach.\n\nShe spoke of patience, of practice, and of the small " +
  "habits that make a craft. Every example was simple; every step led to the next.";

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function openAiError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  headers: Record<string, string> = {},
  details: { param?: string | null; code?: string | null } = {},
) {
  json(res, status, { error: { message, type, param: details.param ?? null, code: details.code ?? null } }, headers);
}

function promptText(body: { messages?: { content?: unknown }[] }): string {
  return (body.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
}

/** Builds the outline a well-behaved model would return for the prompt (count and sum read from it). */
function outlineFromPrompt(prompt: string) {
  const chapters = Number(
    /exactly (\d+) chapters|exactement (\d+) chapitres/.exec(prompt)?.slice(1).find(Boolean) ?? 3,
  );
  const total = Number(/add up to (\d+)|budgets doit être (\d+)/.exec(prompt)?.slice(1).find(Boolean) ?? 3000);
  const base = Math.floor(total / chapters);
  return {
    chapters: Array.from({ length: chapters }, (_, i) => ({
      title: `Chapter title ${i + 1}`,
      synopsis: `What chapter ${i + 1} covers, in two sentences. It leads to the next one.`,
      wordBudget: i === chapters - 1 ? total - base * (chapters - 1) : base,
    })),
  };
}

/** A section plan a well-behaved model returns: the chapter budget split into sections of at most the asked size. */
function sectionPlanFromPrompt(prompt: string) {
  const budget = Number(/add up to (\d+)|budgets doit être (\d+)/.exec(prompt)?.slice(1).find(Boolean) ?? 800);
  const max = Number(/at most (\d+) words each|au plus (\d+) mots chacune/.exec(prompt)?.slice(1).find(Boolean) ?? 800);
  const count = Math.max(1, Math.ceil(budget / max));
  const base = Math.floor(budget / count);
  return {
    sections: Array.from({ length: count }, (_, i) => ({
      point: `Section point ${i + 1}`,
      wordBudget: i === count - 1 ? budget - base * (count - 1) : base,
    })),
    introduces: { characters: [], terms: [] },
  };
}

const defaultBible = {
  characters: [{ name: "Ada Lovelace", role: "the guide" }],
  terms: [{ term: "workshop", meaning: "where the craft is practised" }],
  facts: ["The workshop opens at dawn."],
  voice: "warm and concrete",
  tense: "present",
  pointOfView: "second person",
};

/** `text` repeated or cut to about `words` words (what a model that obeys the asked length answers). */
function textOfLength(text: string, words: number): string {
  const source = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; out.length < words; i++) out.push(source[i % source.length]!);
  // Paragraphs of about 60 words, so a trim can cut at a paragraph boundary.
  return out
    .map((w, i) => (i > 0 && i % 60 === 0 ? `\n\n${w}` : w))
    .join(" ")
    .replace(/ \n\n/g, "\n\n");
}

/** The words a section or continuation prompt asks for, if it is one. */
function askedWords(lastUserMessage: string): number | undefined {
  const match =
    /Write section \d+ of \d+: .*, in about (\d+) words|Écrivez la section \d+ sur \d+ : .*, en environ (\d+) mots|for about (-?\d+) more words|pour environ (-?\d+) mots de plus/.exec(
      lastUserMessage,
    );
  const value = match?.slice(1).find(Boolean);
  return value === undefined ? undefined : Math.max(1, Number(value));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startOpenAiCompatibleFake(
  initial: Partial<OpenAiFakeBehaviour> = {},
): Promise<OpenAiCompatibleFake> {
  let behaviour: OpenAiFakeBehaviour = { script: [], chapterText: defaultChapterText, chunkDelayMs: 0, ...initial };
  const requests: RecordedRequest[] = [];
  let counter = 0;

  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    if (!body) {
      openAiError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
      return;
    }
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body, receivedAt: Date.now() });

    if (behaviour.apiKey && req.headers.authorization !== `Bearer ${behaviour.apiKey}`) {
      openAiError(res, 401, "Incorrect API key provided.", "invalid_request_error");
      return;
    }
    if (req.method === "GET" && path === "/v1/models") {
      json(res, 200, { object: "list", data: [{ id: "fake-model", object: "model", created: 0, owned_by: "fake" }] });
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      openAiError(res, 404, `Unknown request URL: ${req.method} ${path}.`, "invalid_request_error");
      return;
    }

    const misbehaviour = behaviour.script.shift();
    const id = `chatcmpl-fake${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const model = typeof body.model === "string" ? body.model : "fake-model";
    const prompt = promptText(body as { messages?: { content?: unknown }[] });
    const promptTokens = Math.ceil(prompt.length / 4);
    const messages = (body.messages ?? []) as { role?: string; content?: unknown }[];
    const lastUser = [...messages].reverse().find((m) => m.role === "user");
    const lastUserMessage = typeof lastUser?.content === "string" ? lastUser.content : "";
    const scripted =
      misbehaviour === undefined || misbehaviour.kind === "reject-param"
        ? behaviour.respond?.({ prompt, lastUserMessage, body })
        : undefined;

    switch (misbehaviour?.kind) {
      case "rate-limit":
        openAiError(
          res,
          429,
          "Rate limit reached for requests. Please try again later.",
          "requests",
          {
            "retry-after": misbehaviour.retryAfter ?? "1",
            ...(misbehaviour.retryAfterMs ? { "retry-after-ms": misbehaviour.retryAfterMs } : {}),
          },
          { code: "rate_limit_exceeded" },
        );
        return;
      case "quota":
        openAiError(
          res,
          429,
          "You exceeded your current quota, please check your plan and billing details.",
          "insufficient_quota",
          {},
          { code: "insufficient_quota" },
        );
        return;
      case "server-error":
        openAiError(
          res,
          misbehaviour.status ?? 500,
          misbehaviour.message ?? "The server had an error.",
          "server_error",
          misbehaviour.shouldRetry ? { "x-should-retry": misbehaviour.shouldRetry } : {},
        );
        return;
      case "unauthorized":
        openAiError(res, 401, "Incorrect API key provided.", "invalid_request_error");
        return;
      case "hang":
        return; // Never answer; close() destroys the socket.
      case "bad-json":
        if ((misbehaviour.where ?? "content") === "body") {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"id": "broken", "choices": [');
          return;
        }
        break;
      case "reject-param":
        if (misbehaviour.param in body) {
          const unsupported = misbehaviour.wording === "unsupported";
          openAiError(
            res,
            400,
            unsupported
              ? `Unsupported parameter: '${misbehaviour.param}' is not supported with this model.`
              : `Unrecognized request argument supplied: ${misbehaviour.param}`,
            "invalid_request_error",
            {},
            { param: misbehaviour.param, code: unsupported ? "unsupported_parameter" : null },
          );
          return;
        }
        break;
      default:
        break;
    }

    if (body.stream === true) {
      const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const write = (text: string) => new Promise<void>((resolve) => res.write(text, () => resolve()));
      const send = async (data: string) => {
        const event = `data: ${data}\n\n`;
        const half = Math.floor(event.length / 2);
        await write(event.slice(0, half));
        if (behaviour.chunkDelayMs) await sleep(behaviour.chunkDelayMs);
        await write(event.slice(half));
      };
      // What every chunk of this completion repeats.
      const envelope = { id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_fake" };
      const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
        JSON.stringify({
          ...envelope,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
          ...(includeUsage ? { usage: null } : {}),
        });
      const asked = askedWords(lastUserMessage);
      const streamedText =
        scripted?.content ?? (asked === undefined ? behaviour.chapterText : textOfLength(behaviour.chapterText, asked));
      let allPieces: string[] = streamedText.match(/\S+\s*|\s+/g) ?? [];
      // Honours max_tokens (one piece = one token): the answer stops there with finish_reason "length".
      const maxTokens = typeof body.max_tokens === "number" ? body.max_tokens : undefined;
      const capped = maxTokens !== undefined && allPieces.length > maxTokens;
      if (capped) allPieces = allPieces.slice(0, maxTokens);
      const finish: { reason: string; afterChunks?: number } | undefined =
        misbehaviour?.kind === "finish"
          ? misbehaviour
          : capped
            ? { reason: "length" }
            : scripted?.finishReason
              ? { reason: scripted.finishReason }
              : undefined;
      const pieces = finish?.afterChunks === undefined ? allPieces : allPieces.slice(0, finish.afterChunks);
      await send(chunk({ role: "assistant", content: "", refusal: null }, null));
      for (const [i, piece] of pieces.entries()) {
        if (misbehaviour?.kind === "cut-stream" && i === misbehaviour.afterChunks) {
          // Let the client read what was sent, then drop the connection mid-body.
          await sleep(30);
          res.socket?.destroy();
          return;
        }
        if (misbehaviour?.kind === "bad-json" && misbehaviour.where === "stream" && i === 1) {
          await send("{not json");
          res.end();
          return;
        }
        await send(chunk({ content: piece }, null));
      }
      await send(chunk({}, finish?.reason ?? "stop"));
      if (includeUsage) {
        await send(
          JSON.stringify({
            ...envelope,
            choices: [],
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: pieces.length,
              total_tokens: promptTokens + pieces.length,
            },
          }),
        );
      }
      await send("[DONE]");
      res.end();
      return;
    }

    const wantsJson =
      (body.response_format as { type?: string } | undefined)?.type === "json_object" || /JSON/.test(prompt);
    let content: string;
    if (scripted) content = scripted.content;
    else if (misbehaviour?.kind === "bad-json")
      content = "Sure! Here is the outline: chapter one, chapter two, the end.";
    else if (misbehaviour?.kind === "malformed-outline") {
      const wrong = misbehaviour.outline ?? { chapters: outlineFromPrompt(prompt).chapters.slice(0, 1) };
      content = JSON.stringify(wrong);
    } else if (wantsJson && prompt.includes('{"sections":[')) {
      content = JSON.stringify(sectionPlanFromPrompt(prompt));
    } else if (wantsJson && prompt.includes('"pointOfView"')) {
      content = JSON.stringify(defaultBible);
    } else if (wantsJson) {
      const outline = JSON.stringify(behaviour.outline ?? outlineFromPrompt(prompt));
      // Without JSON mode, answer like a chatty model does: prose around a fenced block.
      content = body.response_format ? outline : `Here is the outline you asked for:\n\n\`\`\`json\n${outline}\n\`\`\``;
    } else content = behaviour.chapterText;
    const finishReason = misbehaviour?.kind === "finish" ? misbehaviour.reason : (scripted?.finishReason ?? "stop");
    const completionTokens = Math.ceil(content.length / 4);
    json(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      system_fingerprint: "fp_fake",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setBehaviour(partial) {
      behaviour = { ...behaviour, ...partial, script: [...(partial.script ?? behaviour.script)] };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
