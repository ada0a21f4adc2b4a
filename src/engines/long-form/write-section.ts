import { type ChatMessage, briefLines } from "../prompts";
import { countWords } from "../word-count";
import {
  addUsage,
  type BookBrief,
  EngineError,
  type Outline,
  type TokenListener,
  type TokenUsage,
} from "../writing-engine";
import { type BookBible, bibleLines } from "./bible";
import type { ChatModel } from "./chat-model";

/**
 * Writing one section to its budget (LongWriter's AgentWrite "write" step): the prompt carries the bible,
 * the chapter plan and the text written so far; `max_tokens` is sized from the budget; a section more than
 * LENGTH_TOLERANCE short is continued (at most MAX_SECTION_CONTINUATIONS times), one more than
 * LENGTH_TOLERANCE long is cut at a paragraph (or sentence) boundary. No rewrite: a cut costs no tokens.
 */

/** A chapter (and a section) is on budget within ±15 %. */
export const LENGTH_TOLERANCE = 0.15;
export const MAX_SECTION_CONTINUATIONS = 2;
/** Words of the chapter written so far that go into a section prompt verbatim; earlier text is summarised by its section points. */
export const CONTEXT_WORDS = 1200;

/** max_tokens for `words` words: ≈ words ÷ 0.75 tokens per word × 1.3 headroom + a margin for markup. */
export function maxTokensFor(words: number): number {
  return Math.ceil((words / 0.75) * 1.3) + 64;
}

/** The last `maxWords` words of a text, starting at a paragraph when one is close. */
export function tailWords(text: string, maxWords: number): { text: string; elided: boolean } {
  const words = text.split(/(\s+)/);
  let count = 0;
  let start = words.length;
  while (start > 0 && count < maxWords) {
    start--;
    if (/\S/.test(words[start]!)) count++;
  }
  if (start === 0) return { text, elided: false };
  const tail = words.slice(start).join("");
  const paragraph = tail.indexOf("\n\n");
  return { text: paragraph > 0 && paragraph < tail.length / 3 ? tail.slice(paragraph + 2) : tail, elided: true };
}

/**
 * Cuts `text` to about `target` words at a paragraph boundary (the prefix closest to the target), falling
 * back to a sentence boundary when no paragraph end lands within tolerance. Never returns an empty text.
 */
export function trimToBudget(text: string, target: number, tolerance = LENGTH_TOLERANCE): string {
  const closest = (cuts: number[]): { cut: number; words: number } | undefined => {
    let best: { cut: number; words: number } | undefined;
    for (const cut of cuts) {
      const words = countWords(text.slice(0, cut));
      if (words === 0) continue;
      if (!best || Math.abs(words - target) < Math.abs(best.words - target)) best = { cut, words };
    }
    return best;
  };
  const within = (w: number) => Math.abs(w - target) <= target * tolerance;
  const paragraphEnds = [...text.matchAll(/\n\s*\n/g)].map((m) => m.index);
  const byParagraph = closest(paragraphEnds);
  if (byParagraph && within(byParagraph.words)) return text.slice(0, byParagraph.cut).trimEnd();
  const sentenceEnds = [...text.matchAll(/[.!?…»"”)](?=\s)/g)].map((m) => m.index + 1);
  const bySentence = closest(sentenceEnds);
  const best = [byParagraph, bySentence]
    .filter((c): c is { cut: number; words: number } => c !== undefined)
    .sort((a, b) => Math.abs(a.words - target) - Math.abs(b.words - target))[0];
  // Only cut when it brings the text closer to the target than it is now.
  if (best && Math.abs(best.words - target) < Math.abs(countWords(text) - target))
    return text.slice(0, best.cut).trimEnd();
  return text;
}

const sectionText = {
  en: {
    system:
      "You are a skilled author writing a book in English, one section at a time. You write flowing, concrete " +
      "prose in Markdown that continues the chapter seamlessly and follows the book bible exactly.",
    outline: "Chapters of the book",
    chapter: (n: number, title: string, budget: number) => `Chapter ${n}, "${title}" (${budget} words). Synopsis`,
    plan: "Plan of this chapter",
    written: "The chapter so far",
    elided: "(earlier sections of this chapter are summarised by their points in the plan above)",
    nothingYet: "Nothing is written yet: this section opens the chapter.",
    task: (k: number, n: number, point: string, words: number) =>
      `Write section ${k} of ${n}: "${point}", in about ${words} words. Continue directly after the text so far.`,
    rules: [
      "Write in English, in Markdown, prose paragraphs.",
      "Do not repeat the chapter title, do not use a level-1 heading (#), do not summarise what came before.",
      "Use the names and terms exactly as the bible spells them.",
      "Output only the text of this section.",
    ],
    continue: (words: number) =>
      `Your section stopped short. Continue it exactly where it stops, without repeating anything and without any comment, for about ${words} more words.`,
  },
  fr: {
    system:
      "Vous êtes un auteur talentueux qui écrit un livre en français, une section à la fois. Vous écrivez une prose " +
      "fluide et concrète en Markdown qui prolonge le chapitre sans rupture et suit exactement la bible du livre.",
    outline: "Chapitres du livre",
    chapter: (n: number, title: string, budget: number) => `Chapitre ${n}, « ${title} » (${budget} mots). Résumé`,
    plan: "Plan de ce chapitre",
    written: "Le chapitre jusqu'ici",
    elided: "(les sections précédentes de ce chapitre sont résumées par leurs idées dans le plan ci-dessus)",
    nothingYet: "Rien n'est encore écrit : cette section ouvre le chapitre.",
    task: (k: number, n: number, point: string, words: number) =>
      `Écrivez la section ${k} sur ${n} : « ${point} », en environ ${words} mots. Enchaînez directement après le texte déjà écrit.`,
    rules: [
      "Écrivez en français, en Markdown, en paragraphes de prose.",
      "Ne répétez pas le titre du chapitre, n'utilisez pas de titre de niveau 1 (#), ne résumez pas ce qui précède.",
      "Employez les noms et les termes exactement comme la bible les écrit.",
      "Ne renvoyez que le texte de cette section.",
    ],
    continue: (words: number) =>
      `Votre section s'est arrêtée trop tôt. Reprenez-la exactement là où elle s'arrête, sans rien répéter ni commenter, pour environ ${words} mots de plus.`,
  },
} as const;

export interface SectionRequest {
  brief: BookBrief;
  outline: Outline;
  /** The merged bible (the book's plus what other chapters introduced so far). */
  bible: BookBible;
  /** 0-based chapter index. */
  index: number;
  sections: { point: string; wordBudget: number }[];
  /** 0-based section index in `sections`. */
  section: number;
  /** The words asked for this section (its budget adjusted for what earlier sections over- or undershot). */
  targetWords: number;
  /** The chapter's finished sections, joined. */
  writtenSoFar: string;
}

export function buildSectionPrompt(req: SectionRequest): ChatMessage[] {
  const t = sectionText[req.brief.language];
  const chapter = req.outline.chapters[req.index];
  if (!chapter) throw new RangeError(`Chapter index ${req.index} is outside the outline`);
  const section = req.sections[req.section];
  if (!section) throw new RangeError(`Section index ${req.section} is outside the plan`);
  const user = [...briefLines(req.brief), "", ...bibleLines(req.bible, req.brief.language), "", `${t.outline}:`];
  req.outline.chapters.forEach((c, i) => {
    user.push(`${i === req.index ? "→ " : ""}${i + 1}. ${c.title}`);
  });
  user.push("", `${t.chapter(req.index + 1, chapter.title, chapter.wordBudget)}: ${chapter.synopsis}`, `${t.plan}:`);
  req.sections.forEach((s, i) => {
    user.push(`${i === req.section ? "→ " : ""}${i + 1}. ${s.point} (${s.wordBudget})`);
  });
  user.push("");
  if (req.writtenSoFar.trim()) {
    const tail = tailWords(req.writtenSoFar, CONTEXT_WORDS);
    user.push(`${t.written}${tail.elided ? ` ${t.elided}` : ""}:`, "<<<", tail.text.trim(), ">>>");
  } else user.push(t.nothingYet);
  user.push(
    "",
    t.task(req.section + 1, req.sections.length, section.point, req.targetWords),
    ...t.rules.map((r) => `- ${r}`),
  );
  return [
    { role: "system", content: t.system },
    { role: "user", content: user.join("\n") },
  ];
}

export interface WrittenSection {
  content: string;
  wordCount: number;
  usage?: TokenUsage;
  /** Continuations asked for, and whether the text was cut. */
  continuations: number;
  trimmed: boolean;
}

/** Removes a heading the model put first that repeats the chapter (an H1) and demotes other H1s. */
function cleanSection(markdown: string): string {
  return markdown
    .replace(/^\s*#\s+[^\n]*\n+/, "")
    .replace(/^#\s+/gm, "## ")
    .trim();
}

/**
 * Writes one section to about `req.targetWords` words (see the module comment). `onToken` receives the
 * streamed text, continuations included.
 */
export async function writeSectionToLength(
  model: ChatModel,
  req: SectionRequest,
  onToken: TokenListener,
  signal?: AbortSignal,
): Promise<WrittenSection> {
  const target = Math.max(1, req.targetWords);
  const base = buildSectionPrompt(req);
  let content = "";
  let usage: TokenUsage | undefined;
  let continuations = 0;
  let lastFinish: string | null = null;
  for (let round = 0; round <= MAX_SECTION_CONTINUATIONS; round++) {
    const words = countWords(content);
    const missing = target - words;
    const messages: ChatMessage[] =
      round === 0
        ? base
        : [
            ...base,
            { role: "assistant", content },
            { role: "user", content: sectionText[req.brief.language].continue(missing) },
          ];
    if (round > 0) continuations++;
    const answer = await model.streamText(
      messages,
      { maxTokens: maxTokensFor(round === 0 ? target : missing) },
      onToken,
      signal,
    );
    usage = addUsage(usage, answer.usage);
    // After a natural stop the continuation starts a new word and needs a space; after a max_tokens cut
    // it may finish the cut word, so it is glued as is.
    const joiner =
      content && lastFinish !== "length" && !/\s$/.test(content) && /^[\p{L}\p{N}]/u.test(answer.content) ? " " : "";
    content += joiner + answer.content;
    lastFinish = answer.finishReason;
    if (answer.content.trim() === "") break;
    if (countWords(content) >= target * (1 - LENGTH_TOLERANCE)) break;
  }
  if (!content.trim()) {
    throw new EngineError("INVALID_RESPONSE", "The model answered a section with no text", { retryable: true, usage });
  }
  let cleaned = cleanSection(content);
  let trimmed = false;
  if (lastFinish === "length") {
    // Cut by max_tokens mid-sentence: end at the last full sentence when that keeps most of the text.
    const end = Math.max(...[...cleaned.matchAll(/[.!?…»"”)](?=\s|$)/g)].map((m) => m.index + 1), -1);
    if (end > cleaned.length * 0.6) {
      trimmed = end < cleaned.length;
      cleaned = cleaned.slice(0, end);
    }
  }
  if (countWords(cleaned) > target * (1 + LENGTH_TOLERANCE)) {
    const cut = trimToBudget(cleaned, target);
    trimmed = cut !== cleaned;
    cleaned = cut;
  }
  return { content: cleaned, wordCount: countWords(cleaned), usage, continuations, trimmed };
}

/**
 * The words to ask of the next section so the chapter lands on its budget: the chapter's remaining words
 * shared among the remaining sections in proportion to their budgets, kept within half to one and a half
 * times the section's own budget.
 */
export function nextSectionTarget(
  sections: { wordBudget: number }[],
  next: number,
  chapterBudget: number,
  writtenWords: number,
): number {
  const remainingBudgets = sections.slice(next).reduce((a, s) => a + s.wordBudget, 0);
  const own = sections[next]?.wordBudget ?? 1;
  if (remainingBudgets <= 0) return own;
  const share = Math.round((own * (chapterBudget - writtenWords)) / remainingBudgets);
  return Math.max(Math.ceil(own / 2), Math.min(Math.round(own * 1.5), share), 1);
}
