import { openingChapterTitle, topicInProse } from "./demo-titles";
import { sleep } from "./retrying-fetch";
import { countWords } from "./word-count";
import {
  type BookBrief,
  type BookLanguage,
  type ChapterRequest,
  type ChapterResult,
  normalizeBudgets,
  type OutlineRequest,
  type OutlineResult,
  type TokenListener,
  throwIfAborted,
  type WritingEngine,
} from "./writing-engine";

/**
 * Offline engine for the embedded default, demos, tests and benchmarks: deterministic placeholder prose
 * (same brief → same text) in the book's language, clearly labelled so nobody mistakes it for a real book.
 */

export const DEMO_ENGINE_LABEL = "Demo engine — placeholder text";

/** The italic line opening every demo chapter, per book language. */
export const demoChapterLabel: Record<BookLanguage, string> = {
  en: `*${DEMO_ENGINE_LABEL}*`,
  fr: "*Moteur de démonstration — texte provisoire*",
};

export interface DemoEngineOptions {
  /** Waited once before each chapter streams (simulates model latency). */
  delayMsPerChapter?: number;
  /** Waited between streamed chunks. */
  tokenDelayMs?: number;
  /** Waited before the outline is returned. */
  outlineDelayMs?: number;
  /** Words per streamed chunk (default 3). */
  wordsPerChunk?: number;
}

interface Bank {
  titles: string[];
  closingTitle: string;
  part: (n: number) => string;
  synopsis: string[];
  sentences: string[];
  nouns: string[];
  adjectives: string[];
  verbs: string[];
}

const banks: Record<BookLanguage, Bank> = {
  en: {
    titles: [
      "The Foundations",
      "First Steps",
      "A Closer Look",
      "Common Pitfalls",
      "Tools and Methods",
      "Learning from Examples",
      "Putting It Together",
      "Beyond the Basics",
      "Lessons from Practice",
      "The Road So Far",
    ],
    closingTitle: "Looking Ahead",
    part: (n) => ` (part ${n})`,
    synopsis: [
      "This chapter introduces the {A} {N} behind {T} and why it deserves attention.",
      "It shows how to {V} with a simple example and prepares the ground for what follows.",
      "Readers see the {A} {N} at work and learn to {V} without fear.",
      "The chapter closes on the {N} that the next part of the book will develop.",
    ],
    sentences: [
      "Every {A} {N} begins with a simple question about {T}.",
      "In practice, {T} asks us to {V} with patience and care.",
      "The {A} {N} we meet here will return in later chapters.",
      "Readers often {V} before they notice the {A} {N} underneath.",
      "This is where {T} stops being abstract and becomes a {A} {N}.",
      "A small example makes the {N} easier to see.",
      "We will {V} step by step, keeping the {N} in view.",
      "Nothing here is final, it is a {A} sketch of the {N} to come.",
      "Consider how a {A} {N} changes the way we {V}.",
      "The point is not to memorise the {N} but to {V} with it.",
    ],
    nouns: ["idea", "principle", "method", "pattern", "question", "habit", "framework", "detail", "practice", "model"],
    adjectives: ["simple", "useful", "solid", "clear", "patient", "careful", "practical", "steady", "honest", "quiet"],
    verbs: [
      "compare options",
      "test an idea",
      "take notes",
      "ask better questions",
      "build a routine",
      "check the facts",
    ],
  },
  fr: {
    titles: [
      "Les fondations",
      "Premiers pas",
      "Regarder de plus près",
      "Les pièges courants",
      "Outils et méthodes",
      "Apprendre par l'exemple",
      "Tout assembler",
      "Au-delà des bases",
      "Leçons de la pratique",
      "Le chemin parcouru",
    ],
    closingTitle: "Regarder vers l'avenir",
    part: (n) => ` (partie ${n})`,
    synopsis: [
      "Ce chapitre présente le {N} {A} qui se cache derrière {T} et explique pourquoi il compte.",
      "Il montre comment {V} à partir d'un exemple simple et prépare la suite.",
      "Le lecteur voit le {N} {A} à l'œuvre et apprend à {V} sans crainte.",
      "Le chapitre se termine sur le {N} que la suite du livre développera.",
    ],
    sentences: [
      "Chaque {N} {A} commence par une question simple sur {T}.",
      "En pratique, {T} nous invite à {V} avec patience.",
      "Le {N} {A} que nous découvrons ici reviendra plus loin.",
      "On apprend souvent à {V} avant de remarquer le {N} {A} qui est dessous.",
      "C'est ici que {T} cesse d'être abstrait et devient un {N} {A}.",
      "Un petit exemple rend le {N} plus facile à voir.",
      "Nous allons {V} pas à pas, sans perdre le {N} de vue.",
      "Rien n'est définitif ici, c'est une esquisse du {N} à venir.",
      "Voyons comment un {N} {A} change notre façon de {V}.",
      "Il ne s'agit pas de retenir le {N} mais de {V} avec lui.",
    ],
    nouns: ["principe", "chemin", "détail", "problème", "modèle", "projet", "repère", "cadre", "geste", "fil"],
    adjectives: ["simple", "utile", "solide", "clair", "patient", "pratique", "discret", "honnête", "stable", "précis"],
    verbs: [
      "comparer les options",
      "tester une idée",
      "prendre des notes",
      "poser de meilleures questions",
      "vérifier les faits",
    ],
  },
};

/** 32-bit FNV-1a: a stable seed from text, identical on every platform. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny seeded PRNG, enough for placeholder text. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function briefSeed(brief: BookBrief): number {
  return hash(
    JSON.stringify([
      brief.title,
      brief.topic,
      brief.goal,
      brief.audience ?? "",
      brief.language,
      brief.tone ?? "",
      brief.targetChapters,
      brief.targetWords,
    ]),
  );
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

function fill(template: string, bank: Bank, topic: string, next: () => number): string {
  return template
    .replace(/\{T\}/g, topic)
    .replace(/\{N\}/g, () => pick(bank.nouns, next))
    .replace(/\{A\}/g, () => pick(bank.adjectives, next))
    .replace(/\{V\}/g, () => pick(bank.verbs, next));
}

/** Deterministic placeholder writer used when no real AI provider is configured. */
export class DemoEngine implements WritingEngine {
  readonly id = "demo" as const;
  readonly label = DEMO_ENGINE_LABEL;
  readonly isDemo = true;
  private readonly options: DemoEngineOptions;

  constructor(options: DemoEngineOptions = {}) {
    this.options = options;
  }

  /** An outline of exactly `targetChapters` chapters whose budgets sum exactly to `targetWords`. */
  async outline(req: OutlineRequest, signal?: AbortSignal): Promise<OutlineResult> {
    throwIfAborted(signal);
    if (this.options.outlineDelayMs) await sleep(this.options.outlineDelayMs, signal);
    const { brief } = req;
    const bank = banks[brief.language];
    const next = rng(briefSeed(brief));
    const topic = topicInProse(brief.topic, brief.language);
    const n = brief.targetChapters;

    // Shuffle the middle titles (Fisher–Yates) so different briefs get different books.
    const middle = [...bank.titles];
    for (let i = middle.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [middle[i], middle[j]] = [middle[j]!, middle[i]!];
    }
    const titles: string[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0) titles.push(openingChapterTitle(brief.topic, brief.language));
      else if (i === n - 1) titles.push(bank.closingTitle);
      else {
        const k = i - 1;
        const round = Math.floor(k / middle.length);
        titles.push(middle[k % middle.length]! + (round > 0 ? bank.part(round + 1) : ""));
      }
    }

    const weights = titles.map(() => 0.8 + next() * 0.4);
    const budgets = normalizeBudgets(weights, brief.targetWords);
    const chapters = titles.map((title, i) => {
      const first = pick(bank.synopsis.slice(0, 2), next);
      const second = pick(bank.synopsis.slice(2), next);
      return {
        title,
        synopsis: `${fill(first, bank, topic, next)} ${fill(second, bank, topic, next)}`,
        wordBudget: budgets[i]!,
      };
    });
    return { outline: { chapters } };
  }

  /** Streams the chapter in small chunks; its word count equals the chapter's budget. */
  async writeChapter(req: ChapterRequest, onToken: TokenListener, signal?: AbortSignal): Promise<ChapterResult> {
    throwIfAborted(signal);
    const chapter = req.outline.chapters[req.index];
    if (!chapter) throw new RangeError(`Chapter index ${req.index} is outside the outline`);
    const content = this.compose(req.brief, chapter.title, req.index, chapter.wordBudget);

    if (this.options.delayMsPerChapter) await sleep(this.options.delayMsPerChapter, signal);
    const wordsPerChunk = Math.max(1, this.options.wordsPerChunk ?? 3);
    const pieces = content.match(/\S+\s*/g) ?? [];
    const leading = content.slice(0, content.length - pieces.join("").length);
    for (let i = 0; i < pieces.length; i += wordsPerChunk) {
      throwIfAborted(signal);
      const chunk = (i === 0 ? leading : "") + pieces.slice(i, i + wordsPerChunk).join("");
      onToken(chunk);
      if (this.options.tokenDelayMs) await sleep(this.options.tokenDelayMs, signal);
      // Without delays, still yield now and then so a cancellation from a timer or request can land.
      else if ((i / wordsPerChunk) % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    throwIfAborted(signal);
    return { content, wordCount: countWords(content) };
  }

  private compose(brief: BookBrief, title: string, index: number, budget: number): string {
    const bank = banks[brief.language];
    const next = rng(briefSeed(brief) ^ hash(`${index}:${title}`));
    const topic = topicInProse(brief.topic, brief.language);
    const label = demoChapterLabel[brief.language];
    const bodyWords = Math.max(5, budget - countWords(label));

    // Draw sentences until the body has exactly `bodyWords` words; the last sentence is cut to fit.
    const paragraphs: string[] = [];
    let paragraph: string[] = [];
    let sentencesLeftInParagraph = 3 + Math.floor(next() * 4);
    let written = 0;
    while (written < bodyWords) {
      const words = fill(pick(bank.sentences, next), bank, topic, next)
        .split(/\s+/)
        .filter((w) => countWords(w) > 0);
      const take = Math.min(words.length, bodyWords - written);
      let sentence = words.slice(0, take).join(" ");
      if (take < words.length) sentence = `${sentence.replace(/[,;:]$/, "")}.`;
      paragraph.push(sentence);
      written += take;
      if (--sentencesLeftInParagraph === 0) {
        paragraphs.push(paragraph.join(" "));
        paragraph = [];
        sentencesLeftInParagraph = 3 + Math.floor(next() * 4);
      }
    }
    if (paragraph.length) paragraphs.push(paragraph.join(" "));
    return [label, ...paragraphs].join("\n\n");
  }
}
