import { z } from "zod";
import { extractJson } from "../openai-compatible-engine";
import { type ChatMessage, briefLines } from "../prompts";
import {
  addUsage,
  type BookBrief,
  EngineError,
  normalizeBudgets,
  type Outline,
  type TokenUsage,
} from "../writing-engine";
import { type BibleAdditions, bibleAdditionsSchema, type BookBible, bibleLines } from "./bible";
import type { ChatModel } from "./chat-model";

/**
 * Section planning (LongWriter's AgentWrite "plan" step): each chapter is split into sections of at most
 * `maxWords` words, each a one-line point with a word budget; the budgets add up to the chapter's. The model
 * also lists what the chapter will introduce (its part of the bible).
 */

export const DEFAULT_SECTION_WORDS = 800;

const rawSectionSchema = z.object({
  point: z.string().trim().min(1).max(600),
  wordBudget: z.coerce.number().finite().positive(),
});

export const rawSectionPlanSchema = z.object({
  sections: z.array(rawSectionSchema).max(60),
  introduces: bibleAdditionsSchema.optional(),
});

/** One planned section as stored in Chapter.sections, with what was written for it. */
export const storedSectionSchema = z.object({
  order: z.number().int().min(1),
  point: z.string(),
  wordBudget: z.number().int().min(1),
  status: z.enum(["PENDING", "DONE"]),
  content: z.string().default(""),
  wordCount: z.number().int().min(0).default(0),
  tokenUsage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable().default(null),
});
export type StoredSection = z.infer<typeof storedSectionSchema>;

export const storedSectionsSchema = z.array(storedSectionSchema).min(1);

/** Reads Chapter.sections (untrusted JSON); null when there is no usable plan yet. */
export function readStoredSections(raw: unknown): StoredSection[] | null {
  const parsed = storedSectionsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export interface SectionPlan {
  sections: { point: string; wordBudget: number }[];
  introduces: BibleAdditions;
}

export type CheckedPlan = { ok: true; plan: SectionPlan; repaired: string[] } | { ok: false; error: string };

/**
 * Validates a model's plan and repairs what arithmetic can fix: budgets that do not add up are rescaled to
 * the chapter's budget (largest remainder), and a section over `maxWords` is re-split into equal parts. What
 * cannot be repaired (not the shape, zero sections) is an error to feed back to the model.
 */
export function checkSectionPlan(raw: unknown, chapterBudget: number, maxWords: number): CheckedPlan {
  const parsed = rawSectionPlanSchema.safeParse(Array.isArray(raw) ? { sections: raw } : raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
      .join("; ");
    return {
      ok: false,
      error: `The plan does not match the required JSON shape {"sections":[{"point","wordBudget"}]}: ${problems}`,
    };
  }
  const sections = parsed.data.sections;
  if (sections.length === 0) return { ok: false, error: "The plan has no sections; at least one is required." };
  const repaired: string[] = [];
  const sum = sections.reduce((a, s) => a + s.wordBudget, 0);
  if (Math.round(sum) !== chapterBudget)
    repaired.push(`budgets summed to ${Math.round(sum)}, rescaled to ${chapterBudget}`);
  // Fewer sections than words: a plan of 40 sections for a 30-word chapter cannot give each a word.
  const usable = sections.slice(0, Math.max(1, chapterBudget));
  const budgets = normalizeBudgets(
    usable.map((s) => s.wordBudget),
    chapterBudget,
  );
  const out: SectionPlan["sections"] = [];
  usable.forEach((section, i) => {
    const budget = budgets[i]!;
    const parts = Math.ceil(budget / maxWords);
    if (parts <= 1) {
      out.push({ point: section.point, wordBudget: budget });
      return;
    }
    repaired.push(`section ${i + 1} (${budget} words) split into ${parts}`);
    const split = normalizeBudgets(Array(parts).fill(1), budget);
    for (const [k, b] of split.entries()) out.push({ point: `${section.point} (${k + 1}/${parts})`, wordBudget: b });
  });
  return {
    ok: true,
    plan: { sections: out, introduces: parsed.data.introduces ?? { characters: [], terms: [] } },
    repaired,
  };
}

const planText = {
  en: {
    system:
      "You are an experienced book editor. You plan chapters as short sequences of sections. You answer with JSON only.",
    task: (n: number, title: string, budget: number, max: number, sections: number) =>
      `Plan chapter ${n}, "${title}" (${budget} words), as about ${sections} sections of at most ${max} words each. ` +
      `Give each section a one-line point (what it says) and a word budget (an integer); the budgets must add up to ${budget}. ` +
      "Also list the new people/characters and key terms this chapter introduces that the bible does not have yet.",
    shape:
      'Answer with this JSON object only: {"sections":[{"point":"…","wordBudget":600}],' +
      '"introduces":{"characters":[{"name":"…","role":"…"}],"terms":[{"term":"…","meaning":"…"}]}}. Write in English.',
    feedback: (f: string) => `Your previous answer was rejected: ${f}\nAnswer again with the full JSON object.`,
    outline: "Outline",
    synopsis: "Synopsis of this chapter",
  },
  fr: {
    system:
      "Vous êtes un éditeur expérimenté. Vous découpez les chapitres en courtes suites de sections. Vous répondez uniquement en JSON.",
    task: (n: number, title: string, budget: number, max: number, sections: number) =>
      `Découpez le chapitre ${n}, « ${title} » (${budget} mots), en environ ${sections} sections d'au plus ${max} mots chacune. ` +
      `Donnez à chaque section une idée en une ligne et un budget de mots (un entier) ; la somme des budgets doit être ${budget}. ` +
      "Listez aussi les nouveaux personnages/personnes et termes clés que ce chapitre introduit et que la bible n'a pas encore.",
    shape:
      'Répondez uniquement avec cet objet JSON : {"sections":[{"point":"…","wordBudget":600}],' +
      '"introduces":{"characters":[{"name":"…","role":"…"}],"terms":[{"term":"…","meaning":"…"}]}}. Rédigez en français.',
    feedback: (f: string) => `Votre réponse précédente a été refusée : ${f}\nRenvoyez l'objet JSON complet.`,
    outline: "Plan du livre",
    synopsis: "Résumé de ce chapitre",
  },
} as const;

export interface SectionPlanRequest {
  brief: BookBrief;
  outline: Outline;
  bible: BookBible;
  /** 0-based chapter index in the outline. */
  index: number;
  maxWords: number;
}

export function buildSectionPlanPrompt(req: SectionPlanRequest, feedback?: string): ChatMessage[] {
  const t = planText[req.brief.language];
  const chapter = req.outline.chapters[req.index];
  if (!chapter) throw new RangeError(`Chapter index ${req.index} is outside the outline`);
  const user = [...briefLines(req.brief), "", ...bibleLines(req.bible, req.brief.language), "", `${t.outline}:`];
  req.outline.chapters.forEach((c, i) => {
    user.push(`${i === req.index ? "→ " : ""}${i + 1}. ${c.title}`);
  });
  user.push("", `${t.synopsis}: ${chapter.synopsis}`);
  const suggested = Math.max(1, Math.ceil(chapter.wordBudget / req.maxWords));
  user.push(t.task(req.index + 1, chapter.title, chapter.wordBudget, req.maxWords, suggested), t.shape);
  if (feedback) user.push("", t.feedback(feedback));
  return [
    { role: "system", content: t.system },
    { role: "user", content: user.join("\n") },
  ];
}

/** Plan calls before the chapter fails with INVALID_SECTION_PLAN: the first and one retry with feedback. */
export const SECTION_PLAN_ATTEMPTS = 2;

/**
 * Plans one chapter: repairs what can be repaired, retries once with the reason fed back, then fails with
 * INVALID_SECTION_PLAN, which is not retryable (a clear FAILED job, never a loop).
 */
export async function planChapterSections(
  model: ChatModel,
  req: SectionPlanRequest,
  signal?: AbortSignal,
): Promise<{ plan: SectionPlan; usage?: TokenUsage; repaired: string[] }> {
  const budget = req.outline.chapters[req.index]?.wordBudget ?? 0;
  let usage: TokenUsage | undefined;
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= SECTION_PLAN_ATTEMPTS; attempt++) {
    const answer = await model.completeJson(buildSectionPlanPrompt(req, feedback), signal);
    usage = addUsage(usage, answer.usage);
    let raw: unknown;
    try {
      raw = extractJson(answer.content);
    } catch (error) {
      feedback = `The answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const checked = checkSectionPlan(raw, budget, req.maxWords);
    if (checked.ok) return { plan: checked.plan, usage, repaired: checked.repaired };
    feedback = checked.error;
  }
  throw new EngineError(
    "INVALID_SECTION_PLAN",
    `The section plan of chapter ${req.index + 1} was still invalid after ${SECTION_PLAN_ATTEMPTS} attempts: ${feedback}`,
    { usage },
  );
}
