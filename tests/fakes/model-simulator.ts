import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "./request-body";

/**
 * A loopback OpenAI-compatible server (`POST /v1/chat/completions`, streaming or not) that behaves like a
 * real chat model on LENGTH and NAMES, for bench/long-form.ts and the long-form pipeline tests. Unlike
 * tests/fakes/openai-compatible-fake.ts (scripted misbehaviours, a fixed text), it writes fresh prose to the
 * length it is asked for, and misses that length the way models do:
 * - it caps any answer at `capWords` (default 1,500) whatever is asked — the ceiling the LongWriter paper
 *   measures on chat models;
 * - below the cap it misses the asked length by a seeded random error of up to ±`lengthError` (40 %);
 * - it honours `max_tokens` / `max_completion_tokens` (≈ 0.75 words per token): past it the answer stops
 *   with `finish_reason: "length"`;
 * - it occasionally (seeded) misspells a character's name, unless that exact name is in the prompt.
 * JSON requests (response_format json_object, or "JSON" in the prompt) get an outline, a section plan or a
 * book bible, read from the prompt. Every answer is a deterministic function of the seed and the request,
 * so concurrent runs give the same book whatever order requests arrive in.
 */

export interface ModelSimulatorOptions {
  /** Seed of every random choice (length error, renames, prose). */
  seed: number;
  /** Longest answer in words, whatever is asked (default 1,500). */
  capWords: number;
  /** Largest relative miss of the asked length below the cap (default 0.4 = ±40 %). */
  lengthError: number;
  /** Chance, per answer, that a character whose name is not in the prompt gets a variant spelling. */
  renameProbability: number;
  /** Wall time per completion token (streamed answers are paced by it; JSON answers wait for all of it). */
  tokenDelayMs: number;
  /** Words per streamed chunk. */
  wordsPerChunk: number;
}

export const SIMULATOR_WORDS_PER_TOKEN = 0.75;

export interface SimulatedCharacter {
  /** The spelling the simulator's outline and bible use. */
  name: string;
  /** The spelling it drifts to when the name is not in the prompt. */
  variant: string;
  /** Protagonists are named in the outline's synopses; the others only appear in prose (and the bible). */
  protagonist: boolean;
}

/** The book's cast, per language: what the "model" has in mind for every book it writes. */
export const simulatedCast: Record<"en" | "fr", SimulatedCharacter[]> = {
  en: [
    { name: "Ada Marlow", variant: "Ada Marlowe", protagonist: true },
    { name: "Tomas Reed", variant: "Thomas Reed", protagonist: true },
    { name: "Helen Voss", variant: "Helena Voss", protagonist: false },
    { name: "Ravi Okafor", variant: "Ravi Okafur", protagonist: false },
    { name: "Lena Brandt", variant: "Lena Brant", protagonist: false },
    { name: "Owen Pike", variant: "Owen Pyke", protagonist: false },
  ],
  fr: [
    { name: "Camille Roussel", variant: "Camille Rousseau", protagonist: true },
    { name: "Hugo Lefranc", variant: "Hugo Lefrant", protagonist: true },
    { name: "Margaux Thibault", variant: "Margot Thibault", protagonist: false },
    { name: "Yanis Berthier", variant: "Yannis Berthier", protagonist: false },
    { name: "Elise Caron", variant: "Elisa Caron", protagonist: false },
    { name: "Julien Morel", variant: "Julien Moreau", protagonist: false },
  ],
};

export interface SimulatorStats {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Answers that ended with finish_reason "length" (max_tokens reached). */
  truncated: number;
  /** Answers whose asked length was above the cap. */
  capped: number;
}

export interface ModelSimulator {
  /** Base URL including `/v1`. */
  url: string;
  stats: SimulatorStats;
  setOptions(options: Partial<ModelSimulatorOptions>): void;
  /** Calls `listener` with every request's prompt (its messages' text); returns the unsubscribe. */
  onPrompt(listener: (prompt: string) => void): () => void;
  close(): Promise<void>;
}

// ── Seeded randomness ─────────────────────────────────────────────────────────────────────────────────

/** FNV-1a: a stable 32-bit hash of the seed and the request, so answers do not depend on arrival order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

// ── Prose ─────────────────────────────────────────────────────────────────────────────────────────────

/** Sentence parts per language; no apostrophes or hyphens, so every space-separated token is one word. */
const bank = {
  en: {
    openers: ["That morning", "Later", "By noon", "In the quiet hours", "Once again", "At the far end of the hall"],
    verbs: ["studied", "sketched", "questioned", "explained", "measured", "recorded", "compared", "described"],
    objects: [
      "the old ledgers",
      "a worn map of the harbour",
      "the figures from the last survey",
      "the letters kept in the archive",
      "a model of the northern bridge",
      "the notes from the workshop",
      "the plan for the coming season",
    ],
    endings: [
      "with great care",
      "while the rain kept falling",
      "before anyone else arrived",
      "as the light faded",
      "and found something unexpected",
      "without saying a word",
      "until the answer became clear",
    ],
    links: ["and", "while", "because", "so"],
    reflections: [
      "Every detail mattered more than it first seemed",
      "The work moved slowly but it moved",
      "Nobody in the room doubted the result",
      "It was the kind of progress that rarely makes a headline",
      "Small habits had shaped the whole project",
    ],
  },
  fr: {
    openers: ["Ce matin", "Plus tard", "Vers midi", "Dans le calme du soir", "Une fois encore", "Au fond de la salle"],
    verbs: ["examinait", "dessinait", "interrogeait", "expliquait", "mesurait", "notait", "comparait", "décrivait"],
    objects: [
      "les vieux registres",
      "une carte usée du port",
      "les chiffres du dernier relevé",
      "les lettres gardées aux archives",
      "une maquette du pont du nord",
      "les notes de la réunion",
      "le plan de la saison à venir",
    ],
    endings: [
      "avec beaucoup de soin",
      "pendant que la pluie tombait",
      "avant que les autres arrivent",
      "à la tombée du jour",
      "et trouvait une chose inattendue",
      "sans dire un mot",
      "jusqu’à ce que la réponse apparaisse",
    ],
    links: ["et", "pendant que", "parce que", "alors"],
    reflections: [
      "Chaque détail comptait plus qu’il ne semblait",
      "Le travail avançait lentement mais il avançait",
      "Personne dans la salle ne doutait du résultat",
      "Ces progrès font rarement la une des journaux",
      "De petites habitudes avaient façonné tout le projet",
    ],
  },
} as const;

/** Exactly `words` words of prose, in paragraphs, naming `names` (spelled as given). */
function writeProse(rand: () => number, language: "en" | "fr", names: string[], words: number): string {
  const b = bank[language];
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const sentence =
      rand() < 0.25
        ? `${pick(rand, b.reflections)}.`
        : `${pick(rand, b.openers)} ${pick(rand, names)} ${pick(rand, b.verbs)} ${pick(rand, b.objects)} ${
            rand() < 0.5
              ? `${pick(rand, b.links)} ${pick(rand, names)} ${pick(rand, b.verbs)} ${pick(rand, b.objects)}`
              : ""
          } ${pick(rand, b.endings)}.`.replace(/\s+/g, " ");
    let tokens = sentence.split(" ");
    if (count + tokens.length > words) {
      tokens = tokens.slice(0, words - count);
      tokens[tokens.length - 1] = `${tokens[tokens.length - 1]!.replace(/[.,]$/, "")}.`;
    }
    sentences.push(tokens.join(" "));
    count += tokens.length;
    if (sentences.length >= 4 + Math.floor(rand() * 4)) {
      paragraphs.push(sentences.join(" "));
      sentences = [];
    }
  }
  if (sentences.length) paragraphs.push(sentences.join(" "));
  return paragraphs.join("\n\n");
}

// ── Reading the request ───────────────────────────────────────────────────────────────────────────────

interface Message {
  role?: unknown;
  content?: unknown;
}

const textOf = (m: Message | undefined) => (typeof m?.content === "string" ? m.content : "");
const wordsIn = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

function languageOf(prompt: string): "en" | "fr" {
  return /en français|in French|Écrivez|Rédigez|Vous êtes/.test(prompt) ? "fr" : "en";
}

/** The length asked in a message: "in about 1200 words" / "environ 1200 mots" (the last one), else any "N words". */
function askedWords(text: string): number | undefined {
  const about = [
    ...text.matchAll(
      /(?:about|around|approximately|roughly|environ|d’environ|d'environ)\s+(\d[\d\s,.]*?)\s*(?:more\s+)?(?:words|mots)/gi,
    ),
  ];
  const any = about.length
    ? about
    : [...text.matchAll(/(\d[\d,.]*)\s*(?:more\s+|new\s+|de plus\s+)?(?:words|mots)\b/gi)];
  const last = any.at(-1)?.[1];
  if (!last) return undefined;
  const n = Number(last.replace(/[\s,.]/g, ""));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The answer length in words for a prose request, before the cap and max_tokens. */
function askedProseWords(messages: Message[]): number {
  const users = messages.filter((m) => m.role === "user");
  const last = askedWords(textOf(users.at(-1)));
  if (last !== undefined) return last;
  // A bare "continue" after the assistant's text: what is left of the first ask.
  const first = askedWords(users.map(textOf).join("\n")) ?? 800;
  const written = messages.filter((m) => m.role === "assistant").reduce((sum, m) => sum + wordsIn(textOf(m)), 0);
  return Math.max(50, first - written);
}

function intAfter(prompt: string, patterns: RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(prompt);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

/** Splits `total` into `parts` integers adding up to it, unevenly (±20 %), as a model plans. */
function splitBudget(rand: () => number, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.8 + rand() * 0.4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const budgets = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  budgets[parts - 1]! += total - budgets.reduce((a, b) => a + b, 0);
  return budgets;
}

function outlineAnswer(rand: () => number, prompt: string, language: "en" | "fr") {
  const chapters = intAfter(prompt, [/exactly (\d+) chapters/, /exactement (\d+) chapitres/, /(\d+) chapters/]) ?? 3;
  const total =
    intAfter(prompt, [
      /add up to (\d+)/,
      /budgets doit être (\d+)/,
      /about (\d+) words in total/,
      /environ (\d+) mots/,
    ]) ?? chapters * 1000;
  const [hero, partner] = simulatedCast[language].filter((c) => c.protagonist);
  const budgets = Array.from({ length: chapters }, (_, i) =>
    i === chapters - 1 ? total - Math.floor(total / chapters) * (chapters - 1) : Math.floor(total / chapters),
  );
  const withSections = /\bsections?\b/i.test(prompt);
  return {
    chapters: budgets.map((wordBudget, i) => ({
      title:
        language === "fr"
          ? `Chapitre ${i + 1} : ${pick(rand, bank.fr.objects)}`
          : `Part ${i + 1}: ${pick(rand, bank.en.objects)}`,
      synopsis:
        language === "fr"
          ? `${i % 2 ? partner!.name : hero!.name} ${pick(rand, bank.fr.verbs)} ${pick(rand, bank.fr.objects)}. Le chapitre prépare la suite.`
          : `${i % 2 ? partner!.name : hero!.name} ${pick(rand, bank.en.verbs)} ${pick(rand, bank.en.objects)}. The chapter sets up the next one.`,
      wordBudget,
      ...(withSections ? { sections: sectionsFor(rand, wordBudget, language) } : {}),
    })),
  };
}

function sectionsFor(rand: () => number, budget: number, language: "en" | "fr", maxWords = 800) {
  const count = Math.max(1, Math.ceil(budget / maxWords));
  return splitBudget(rand, budget, count).map((wordBudget) => ({
    point: language === "fr" ? `${pick(rand, bank.fr.reflections)}.` : `${pick(rand, bank.en.reflections)}.`,
    wordBudget,
  }));
}

/** A chapter's section plan: budgets adding up to the chapter's, about the number of sections asked. */
function sectionPlanAnswer(rand: () => number, task: string, language: "en" | "fr") {
  const budget =
    intAfter(task, [/add up to (\d+)/, /budgets doit être (\d+)/, /\((\d+) (?:words|mots)\)/]) ??
    askedWords(task) ??
    800;
  const maxWords = intAfter(task, [/at most (\d+) words/, /au plus (\d+) mots/]) ?? 800;
  const count =
    intAfter(task, [/(?:as about|exactly) (\d+) sections/, /en (?:environ|exactement) (\d+) sections/]) ??
    Math.max(1, Math.ceil(budget / maxWords));
  return {
    sections: splitBudget(rand, budget, count).map((wordBudget) => ({
      point: `${pick(rand, bank[language].reflections)}.`,
      wordBudget,
    })),
    introduces: { characters: [], terms: [] },
  };
}

/** The book bible (names with their spellings, terms, facts, voice): the whole cast the "model" has in mind. */
function bibleAnswer(language: "en" | "fr") {
  const fr = language === "fr";
  return {
    characters: simulatedCast[language].map((c) => ({
      name: c.name,
      role: c.protagonist
        ? fr
          ? "personnage principal"
          : "main character"
        : fr
          ? "personnage secondaire"
          : "supporting character",
    })),
    terms: [
      fr
        ? { term: "le pont du nord", meaning: "le grand projet du livre" }
        : { term: "the northern bridge", meaning: "the book's great project" },
    ],
    facts: [fr ? "Le port a deux cents ans." : "The harbour is two hundred years old."],
    voice: fr ? "narrative, concrète" : "narrative, concrete",
    tense: fr ? "passé" : "past",
    pointOfView: fr ? "troisième personne" : "third person",
  };
}

/** Characters an answer features, with the spelling it uses: variants only for names absent from the prompt. */
function castFor(rand: () => number, prompt: string, language: "en" | "fr", renameProbability: number): string[] {
  const cast = simulatedCast[language];
  const featured = [cast[0]!, cast[1]!, ...cast.slice(2).filter(() => rand() < 0.5)];
  return featured.map((c) => (!prompt.includes(c.name) && rand() < renameProbability ? c.variant : c.name));
}

// ── The server ────────────────────────────────────────────────────────────────────────────────────────

const defaults: ModelSimulatorOptions = {
  seed: 17,
  capWords: 1500,
  lengthError: 0.4,
  renameProbability: 0.3,
  tokenDelayMs: 0,
  wordsPerChunk: 6,
};

const tokensFor = (words: number) => Math.ceil(words / SIMULATOR_WORDS_PER_TOKEN);

function openAiError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type: "invalid_request_error", param: null, code: null } }));
}

/** Starts the simulator on 127.0.0.1 with a random port. */
export async function startModelSimulator(initial: Partial<ModelSimulatorOptions> = {}): Promise<ModelSimulator> {
  let options: ModelSimulatorOptions = { ...defaults, ...initial };
  const stats: SimulatorStats = { requests: 0, promptTokens: 0, completionTokens: 0, truncated: 0, capped: 0 };
  const promptListeners = new Set<(prompt: string) => void>();
  let counter = 0;

  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    if (!body) return openAiError(res, 400, "We could not parse the JSON body of your request.");
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return openAiError(res, 404, `Unknown request URL: ${req.method} ${path}.`);
    }
    const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
    if (messages.length === 0) return openAiError(res, 400, "'messages' must be a non-empty array.");
    stats.requests++;

    const prompt = messages.map(textOf).join("\n");
    for (const listener of promptListeners) listener(prompt);
    const language = languageOf(prompt);
    const rand = random(hash(`${options.seed}\u0000${JSON.stringify(messages)}`));
    const maxTokens = [body.max_completion_tokens, body.max_tokens].find((v): v is number => typeof v === "number");
    const wantsJson =
      (body.response_format as { type?: string } | undefined)?.type === "json_object" ||
      /\bJSON\b/.test(textOf(messages.find((m) => m.role === "system")) || textOf(messages.at(-1)));

    let content: string;
    let finishReason: "stop" | "length" = "stop";
    let completionTokens: number;
    if (wantsJson) {
      // Section plans and section prompts carry the bible and the outline too: test the asked task first.
      const task = textOf(messages.filter((m) => m.role === "user").at(-1));
      const answer = /"sections"|\bsections\b/.test(task)
        ? sectionPlanAnswer(rand, task, language)
        : /exactly \d+ chapters|exactement \d+ chapitres/.test(task)
          ? outlineAnswer(rand, prompt, language)
          : /\bbible\b/i.test(task)
            ? bibleAnswer(language)
            : sectionPlanAnswer(rand, task, language);
      content = JSON.stringify(answer);
      completionTokens = Math.ceil(content.length / 4);
    } else {
      const asked = askedProseWords(messages);
      const missed = Math.round(asked * (1 + (rand() * 2 - 1) * options.lengthError));
      if (missed > options.capWords) stats.capped++;
      let words = Math.max(1, Math.min(options.capWords, missed));
      if (maxTokens !== undefined && words > Math.floor(maxTokens * SIMULATOR_WORDS_PER_TOKEN)) {
        words = Math.max(1, Math.floor(maxTokens * SIMULATOR_WORDS_PER_TOKEN));
        finishReason = "length";
        stats.truncated++;
      }
      content = writeProse(rand, language, castFor(rand, prompt, language, options.renameProbability), words);
      completionTokens = tokensFor(words);
    }
    const promptTokens = Math.ceil(prompt.length / 4);
    stats.promptTokens += promptTokens;
    stats.completionTokens += completionTokens;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const id = `chatcmpl-sim${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const model = typeof body.model === "string" && body.model ? body.model : "simulator";
    const started = performance.now();
    /** Waits until `tokens` tokens' worth of the per-token delay has passed since the answer started. */
    const pace = async (tokens: number) => {
      const due = started + tokens * options.tokenDelayMs - performance.now();
      if (due > 1) await new Promise((resolve) => setTimeout(resolve, due));
    };

    if (body.stream !== true) {
      await pace(completionTokens);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model,
          system_fingerprint: "fp_simulator",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content, refusal: null },
              logprobs: null,
              finish_reason: finishReason,
            },
          ],
          usage,
        }),
      );
      return;
    }

    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    let closed = false;
    res.on("close", () => {
      closed = true;
    });
    const send = (data: unknown) =>
      new Promise<void>((resolve) =>
        res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`, () => resolve()),
      );
    const envelope = { id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_simulator" };
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
      ...envelope,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
    await send(chunk({ role: "assistant", content: "", refusal: null }, null));
    const pieces = content.match(/\S+\s*/g) ?? [];
    let sentWords = 0;
    for (let i = 0; i < pieces.length && !closed; i += options.wordsPerChunk) {
      const piece = pieces.slice(i, i + options.wordsPerChunk).join("");
      sentWords += Math.min(options.wordsPerChunk, pieces.length - i);
      await pace(tokensFor(sentWords));
      await send(chunk({ content: piece }, null));
    }
    if (closed) return;
    await send(chunk({}, finishReason));
    if (includeUsage) await send({ ...envelope, choices: [], usage });
    await send("[DONE]");
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    setOptions(partial) {
      options = { ...options, ...partial };
    },
    onPrompt(listener) {
      promptListeners.add(listener);
      return () => promptListeners.delete(listener);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
