import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "@/server/db/client";
import { createOrgWithMember } from "../../../tests/helpers/books";
import { estimateGeneration, estimateTokens } from "./estimate-generation";

afterAll(() => db().$disconnect());

const openAi = (pricing?: { currency: string; promptPer1k: number; completionPer1k: number }) => ({
  settings: {
    defaultEngine: "openai-compatible" as const,
    openaiCompatible: { baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", ...(pricing ? { pricing } : {}) },
  },
  secrets: { openaiApiKey: "sk-estimate" },
});

describe("estimateTokens", () => {
  it("counts the prose at 0.75 words per token, plus the planning answers", () => {
    const single = estimateTokens({
      targetWords: 12_000,
      targetChapters: 8,
      lengthControl: "single",
      sectionWords: 800,
    });
    // 12,000 ÷ 0.75 = 16,000, plus the outline (8 × 60).
    expect(single.completionTokens).toBe(16_000 + 480);
    expect(single.sections).toBe(0);
    const sections = estimateTokens({
      targetWords: 12_000,
      targetChapters: 8,
      lengthControl: "sections",
      sectionWords: 800,
    });
    // 1,500 words a chapter → 2 sections of 750; + bible 600 + plans 8 × (2 × 30 + 60).
    expect(sections.sections).toBe(16);
    expect(sections.completionTokens).toBe(16_000 + 480 + 600 + 8 * 120);
  });

  it("charges sections for the bible, the plan and the rolling context in every prompt", () => {
    const book = { targetWords: 100_000, targetChapters: 30, sectionWords: 800 };
    const single = estimateTokens({ ...book, lengthControl: "single" });
    const sections = estimateTokens({ ...book, lengthControl: "sections" });
    expect(sections.sections).toBe(150); // 3,333 words → 5 sections per chapter
    expect(sections.promptTokens).toBeGreaterThan(single.promptTokens);
    // The context is capped (1,200 words): the prompt grows with the book, not with its square.
    const double = estimateTokens({ ...book, targetWords: 200_000, lengthControl: "sections" });
    expect(double.promptTokens / sections.promptTokens).toBeLessThan(2.5);
    // Smaller sections mean more prompts.
    const small = estimateTokens({ ...book, sectionWords: 400, lengthControl: "sections" });
    expect(small.sections).toBe(270);
    expect(small.promptTokens).toBeGreaterThan(sections.promptTokens);
  });
});

describe("estimateGeneration", () => {
  it("prices the tokens with the organization's prices per 1k tokens", async () => {
    const { ctx } = await createOrgWithMember(
      "est-priced",
      "MEMBER",
      openAi({ currency: "USD", promptPer1k: 0.15, completionPer1k: 0.6 }),
    );
    const estimate = await estimateGeneration(
      ctx,
      { targetWords: 12_000, targetChapters: 8 },
      { lengthControl: "sections", sectionWords: 800 },
    );
    const tokens = estimateTokens({
      targetWords: 12_000,
      targetChapters: 8,
      lengthControl: "sections",
      sectionWords: 800,
    });
    expect(estimate).toMatchObject({
      engine: { id: "openai-compatible", isDemo: false },
      placeholder: false,
      lengthControl: "sections",
      sections: 16,
      promptTokens: tokens.promptTokens,
      completionTokens: tokens.completionTokens,
      totalTokens: tokens.promptTokens + tokens.completionTokens,
    });
    expect(estimate.cost!.currency).toBe("USD");
    expect(estimate.cost!.prompt).toBeCloseTo((tokens.promptTokens / 1000) * 0.15, 5);
    expect(estimate.cost!.completion).toBeCloseTo((tokens.completionTokens / 1000) * 0.6, 5);
    expect(estimate.cost!.total).toBeCloseTo(estimate.cost!.prompt + estimate.cost!.completion, 5);
  });

  it("gives tokens without a cost when no price is set, and follows the single-request pipeline", async () => {
    const { ctx } = await createOrgWithMember("est-unpriced", "OWNER", openAi());
    const estimate = await estimateGeneration(ctx, { targetWords: "3000", targetChapters: "3" } as never, {
      lengthControl: "single",
    });
    expect(estimate.cost).toBeNull();
    expect(estimate.lengthControl).toBe("single");
    expect(estimate.completionTokens).toBe(4000 + 180);
  });

  it("is free placeholder prose on the demo engine, even when another engine is priced", async () => {
    const { ctx } = await createOrgWithMember(
      "est-demo",
      "OWNER",
      openAi({ currency: "EUR", promptPer1k: 1, completionPer1k: 2 }),
    );
    const estimate = await estimateGeneration(ctx, { targetWords: 5000, targetChapters: 5, engine: "demo" });
    expect(estimate).toMatchObject({
      engine: { id: "demo", isDemo: true },
      placeholder: true,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      cost: null,
    });
  });

  it("estimates a CrewAI book as one request per chapter, never priced", async () => {
    const { ctx } = await createOrgWithMember(
      "est-crew",
      "OWNER",
      openAi({ currency: "USD", promptPer1k: 1, completionPer1k: 1 }),
    );
    const estimate = await estimateGeneration(ctx, { targetWords: 5000, targetChapters: 5, engine: "crewai" });
    expect(estimate).toMatchObject({ lengthControl: "single", sections: 0, cost: null, placeholder: false });
    expect(estimate.completionTokens).toBeGreaterThan(5000 / 0.75);
  });

  it("refuses guests (they cannot read usage) and bad sizes with the field at fault", async () => {
    const { ctx: guest } = await createOrgWithMember("est-guest", "GUEST");
    await expect(estimateGeneration(guest, { targetWords: 5000, targetChapters: 5 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const { ctx } = await createOrgWithMember("est-bad", "OWNER");
    const bad = await estimateGeneration(ctx, { targetWords: 300, targetChapters: 5 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect(new Set((bad as ZodError).issues.map((i) => i.path.join(".")))).toEqual(new Set(["targetWords"]));
  });
});
