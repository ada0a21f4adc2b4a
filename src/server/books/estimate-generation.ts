import "server-only";
import type { EngineId } from "@/contracts/engine-settings";
import { DEFAULT_SECTION_WORDS } from "@/engines/long-form/section-plan";
// Words of the chapter so far a section prompt carries verbatim.
import { CONTEXT_WORDS } from "@/engines/long-form/write-section";
import {
  type EstimateGenerationInput,
  estimateGenerationInput,
  type GenerationEstimate,
} from "@/contracts/generation-estimate";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { env } from "@/server/env";
import { defaultEngineOf, engineInfo, readStoredEngineSettings } from "./engine-config";

/**
 * The token (and cost) estimate of a book before it starts. Tokens are counted the way providers bill
 * them, with the usual ≈ 0.75 English words per token (French runs a little higher; this is an estimate):
 *
 *   completion ≈ words ÷ 0.75                                    (the prose itself)
 *              + chapters × 60                                   (the outline's JSON)
 *              + 600 + chapters × (30 × sections per chapter + 60)   (bible and section plans; "sections" only)
 *
 *   prompt, "sections": per section ≈ base + bible + outline titles + the chapter's plan
 *                                     + rolling context (the chapter so far, at most 1,200 words, ÷ 0.75),
 *                       plus one plan prompt per chapter and the outline and bible prompts;
 *   prompt, "single":   per chapter ≈ base + the whole outline with synopses + the neighbours' synopses.
 *
 * base = system prompt, brief and rules (≈ 270 tokens); bible ≈ 600 tokens; an outline line ≈ 12 tokens as
 * a title and 60 with its synopsis. Continuations of short sections and retries are not included: the
 * estimate is what a book costs when the model hits its budgets, and the book page shows what was used.
 */

export const WORDS_PER_TOKEN = 0.75;
const BASE_PROMPT = 270;
const BIBLE_TOKENS = 600;
const TITLE_LINE = 12;
const OUTLINE_LINE = 60;
const PLAN_LINE = 30;

export type LengthControl = "single" | "sections";

export interface TokenEstimate {
  promptTokens: number;
  completionTokens: number;
  sections: number;
}

const tokensOf = (words: number) => words / WORDS_PER_TOKEN;

/** The formula above, for a chat engine (OpenAI-compatible) writing `targetWords` in `targetChapters`. */
export function estimateTokens(book: {
  targetWords: number;
  targetChapters: number;
  lengthControl: LengthControl;
  sectionWords: number;
}): TokenEstimate {
  const { targetWords: words, targetChapters: chapters } = book;
  const outlinePrompt = BASE_PROMPT;
  const outlineAnswer = chapters * OUTLINE_LINE;
  if (book.lengthControl === "single") {
    const perChapter = BASE_PROMPT + chapters * OUTLINE_LINE + 2 * OUTLINE_LINE;
    return {
      promptTokens: Math.round(outlinePrompt + chapters * perChapter),
      completionTokens: Math.round(tokensOf(words) + outlineAnswer),
      sections: 0,
    };
  }
  const chapterWords = words / chapters;
  const perChapter = Math.max(1, Math.ceil(chapterWords / Math.max(1, book.sectionWords)));
  const sectionWords = chapterWords / perChapter;
  const shared = BASE_PROMPT + BIBLE_TOKENS + chapters * TITLE_LINE + OUTLINE_LINE;
  let chapterPrompt = shared; // the chapter's section-plan prompt
  for (let section = 0; section < perChapter; section++) {
    const context = Math.min(CONTEXT_WORDS, section * sectionWords);
    chapterPrompt += shared + perChapter * PLAN_LINE + tokensOf(context);
  }
  const biblePrompt = BASE_PROMPT + chapters * OUTLINE_LINE;
  const planAnswers = chapters * (perChapter * PLAN_LINE + OUTLINE_LINE);
  return {
    promptTokens: Math.round(outlinePrompt + biblePrompt + chapters * chapterPrompt),
    completionTokens: Math.round(tokensOf(words) + outlineAnswer + BIBLE_TOKENS + planAnswers),
    sections: chapters * perChapter,
  };
}

/** Money for `tokens` at a price per 1,000 tokens, to a millionth of the currency unit. */
const priced = (tokens: number, per1k: number) => Math.round((tokens / 1000) * per1k * 1e6) / 1e6;

export interface EstimateOptions {
  lengthControl?: LengthControl;
  sectionWords?: number;
}

/** The pipeline's settings the estimate follows (GENERATION_LENGTH_CONTROL, GENERATION_SECTION_WORDS). */
export function estimateOptionsFromEnv(): EstimateOptions {
  const e = env();
  return { lengthControl: e.GENERATION_LENGTH_CONTROL, sectionWords: e.GENERATION_SECTION_WORDS };
}

/**
 * Estimates a book of the given size for the caller's organization (roles that can read usage: OWNER,
 * ADMIN, MEMBER), on the engine asked for or the organization's default. Reads only.
 */
export async function estimateGeneration(
  ctx: Ctx,
  input: EstimateGenerationInput,
  options: EstimateOptions = {},
): Promise<GenerationEstimate> {
  assertCan(ctx.actor, "usage:read");
  const data = estimateGenerationInput.parse(input);
  const org = await ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.actor.organizationId },
    select: { id: true, engineSettings: true, engineSecretEncrypted: true },
  });
  const engineId: EngineId = data.engine ?? defaultEngineOf(org);
  const info = engineInfo(engineId);
  const engine = { id: engineId, label: info.label, isDemo: info.isDemo };
  const sectionWords = options.sectionWords ?? DEFAULT_SECTION_WORDS;
  if (engineId === "demo") {
    return {
      engine,
      placeholder: true,
      lengthControl: "single",
      sectionWords,
      sections: 0,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      cost: null,
    };
  }
  // CrewAI writes remotely with its own prompts: one request per chapter is the closest model of it.
  const lengthControl = engineId === "crewai" ? "single" : (options.lengthControl ?? "sections");
  const tokens = estimateTokens({ ...data, lengthControl, sectionWords });
  const pricing =
    engineId === "openai-compatible"
      ? readStoredEngineSettings(org.engineSettings).openaiCompatible?.pricing
      : undefined;
  const cost = pricing
    ? {
        currency: pricing.currency,
        prompt: priced(tokens.promptTokens, pricing.promptPer1k),
        completion: priced(tokens.completionTokens, pricing.completionPer1k),
        total: 0,
      }
    : null;
  if (cost) cost.total = Math.round((cost.prompt + cost.completion) * 1e6) / 1e6;
  return {
    engine,
    placeholder: false,
    lengthControl,
    sectionWords,
    sections: tokens.sections,
    promptTokens: tokens.promptTokens,
    completionTokens: tokens.completionTokens,
    totalTokens: tokens.promptTokens + tokens.completionTokens,
    cost,
  };
}
