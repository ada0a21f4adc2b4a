import { z } from "zod";
import { extractJson } from "../openai-compatible-engine";
import { type ChatMessage, briefLines } from "../prompts";
import { addUsage, type BookBrief, EngineError, type Outline, type TokenUsage } from "../writing-engine";
import type { ChatModel } from "./chat-model";

/**
 * The book bible: the few facts every chapter must agree on (names with their fixed spellings, key terms,
 * facts, voice, tense, point of view). Produced once after the outline, stored in Book.bible, included in
 * every section prompt; each chapter adds what it introduces to its own part (Chapter.bibleAdditions).
 */

const line = (max: number) => z.string().trim().min(1).max(max);

export const bibleCharacterSchema = z.object({
  name: line(120),
  /** Who or what it is, in a few words. */
  role: z.string().trim().max(300).default(""),
});

export const bibleTermSchema = z.object({
  term: line(120),
  meaning: z.string().trim().max(300).default(""),
});

export const bookBibleSchema = z.object({
  characters: z.array(bibleCharacterSchema).max(60).default([]),
  terms: z.array(bibleTermSchema).max(60).default([]),
  facts: z.array(line(300)).max(60).default([]),
  voice: z.string().trim().max(300).default(""),
  tense: z.string().trim().max(60).default(""),
  pointOfView: z.string().trim().max(120).default(""),
});
export type BookBible = z.infer<typeof bookBibleSchema>;

/** What one chapter introduced (its own part of the bible). */
export const bibleAdditionsSchema = z.object({
  characters: z.array(bibleCharacterSchema).max(20).default([]),
  terms: z.array(bibleTermSchema).max(20).default([]),
});
export type BibleAdditions = z.infer<typeof bibleAdditionsSchema>;

export const emptyBible = (): BookBible => bookBibleSchema.parse({});

/** The book's bible with every chapter's additions merged in (first spelling of a name wins). */
export function mergeBible(base: BookBible, additions: BibleAdditions[]): BookBible {
  const characters = [...base.characters];
  const terms = [...base.terms];
  const knownNames = new Set(characters.map((c) => c.name.toLowerCase()));
  const knownTerms = new Set(terms.map((t) => t.term.toLowerCase()));
  for (const part of additions) {
    for (const c of part.characters) {
      if (knownNames.has(c.name.toLowerCase())) continue;
      knownNames.add(c.name.toLowerCase());
      characters.push(c);
    }
    for (const t of part.terms) {
      if (knownTerms.has(t.term.toLowerCase())) continue;
      knownTerms.add(t.term.toLowerCase());
      terms.push(t);
    }
  }
  return { ...base, characters, terms };
}

/** Reads a stored bible (Book.bible, untrusted JSON); null when absent or unreadable. */
export function readBible(raw: unknown): BookBible | null {
  if (raw === null || raw === undefined) return null;
  const parsed = bookBibleSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const bibleText = {
  en: {
    system:
      "You are a meticulous book editor. You write the style and continuity sheet (the 'book bible') that every " +
      "author of the book follows. You answer with JSON only.",
    task:
      "Write the book bible for this book and outline: the people or characters (with the exact spelling of " +
      "their names), the key terms with a short meaning, up to 12 facts every chapter must agree on, the " +
      "voice, the tense and the point of view.",
    shape:
      'Answer with this JSON object only: {"characters":[{"name":"…","role":"…"}],"terms":[{"term":"…","meaning":"…"}],' +
      '"facts":["…"],"voice":"…","tense":"…","pointOfView":"…"}. Write the values in English.',
    feedback: (f: string) => `Your previous answer was rejected: ${f}\nAnswer again with the full JSON object.`,
    outline: "Outline",
    heading: "Book bible (follow it exactly)",
    characters: "Names (use exactly these spellings)",
    terms: "Key terms",
    facts: "Facts",
    voice: "Voice",
    tense: "Tense",
    pointOfView: "Point of view",
  },
  fr: {
    system:
      "Vous êtes un éditeur méticuleux. Vous rédigez la fiche de style et de continuité (la « bible » du livre) " +
      "que suit chaque auteur du livre. Vous répondez uniquement en JSON.",
    task:
      "Rédigez la bible de ce livre à partir de son plan : les personnes ou personnages (avec l'orthographe exacte " +
      "de leur nom), les termes clés avec un sens court, au plus 12 faits sur lesquels chaque chapitre doit " +
      "s'accorder, la voix, le temps et le point de vue.",
    shape:
      'Répondez uniquement avec cet objet JSON : {"characters":[{"name":"…","role":"…"}],"terms":[{"term":"…","meaning":"…"}],' +
      '"facts":["…"],"voice":"…","tense":"…","pointOfView":"…"}. Rédigez les valeurs en français.',
    feedback: (f: string) => `Votre réponse précédente a été refusée : ${f}\nRenvoyez l'objet JSON complet.`,
    outline: "Plan",
    heading: "Bible du livre (à suivre exactement)",
    characters: "Noms (respectez exactement ces orthographes)",
    terms: "Termes clés",
    facts: "Faits",
    voice: "Voix",
    tense: "Temps",
    pointOfView: "Point de vue",
  },
} as const;

/** The bible as prompt lines (empty parts left out). */
export function bibleLines(bible: BookBible, language: BookBrief["language"]): string[] {
  const t = bibleText[language];
  const lines = [`${t.heading}:`];
  if (bible.characters.length) {
    lines.push(
      `${t.characters}: ${bible.characters.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join("; ")}`,
    );
  }
  if (bible.terms.length) {
    lines.push(`${t.terms}: ${bible.terms.map((x) => (x.meaning ? `${x.term} = ${x.meaning}` : x.term)).join("; ")}`);
  }
  for (const fact of bible.facts) lines.push(`- ${fact}`);
  if (bible.voice) lines.push(`${t.voice}: ${bible.voice}`);
  if (bible.tense) lines.push(`${t.tense}: ${bible.tense}`);
  if (bible.pointOfView) lines.push(`${t.pointOfView}: ${bible.pointOfView}`);
  return lines;
}

export function buildBiblePrompt(brief: BookBrief, outline: Outline, feedback?: string): ChatMessage[] {
  const t = bibleText[brief.language];
  const user = [...briefLines(brief), "", `${t.outline}:`];
  outline.chapters.forEach((c, i) => {
    user.push(`${i + 1}. ${c.title}: ${c.synopsis}`);
  });
  user.push("", t.task, t.shape);
  if (feedback) user.push("", t.feedback(feedback));
  return [
    { role: "system", content: t.system },
    { role: "user", content: user.join("\n") },
  ];
}

/** Bible calls before the job fails with INVALID_BIBLE: the first, and one retry with the error fed back. */
export const BIBLE_ATTEMPTS = 2;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * Asks the model for the bible; an unparseable or invalid answer is retried once with the reason fed back,
 * then fails with INVALID_BIBLE (not retryable: the job fails with a clear error instead of looping).
 */
export async function generateBible(
  model: ChatModel,
  brief: BookBrief,
  outline: Outline,
  signal?: AbortSignal,
): Promise<{ bible: BookBible; usage?: TokenUsage }> {
  let usage: TokenUsage | undefined;
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= BIBLE_ATTEMPTS; attempt++) {
    const answer = await model.completeJson(buildBiblePrompt(brief, outline, feedback), signal);
    usage = addUsage(usage, answer.usage);
    let raw: unknown;
    try {
      raw = extractJson(answer.content);
    } catch (error) {
      feedback = `The answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const parsed = bookBibleSchema.safeParse(raw);
    if (parsed.success) return { bible: parsed.data, usage };
    feedback = `The bible does not match the required JSON shape: ${describeIssues(parsed.error)}`;
  }
  throw new EngineError(
    "INVALID_BIBLE",
    `The book bible was still invalid after ${BIBLE_ATTEMPTS} attempts: ${feedback}`,
    {
      usage,
    },
  );
}
