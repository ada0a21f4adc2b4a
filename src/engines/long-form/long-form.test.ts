import { describe, expect, it } from "vitest";
import { countWords } from "../word-count";
import { EngineError } from "../writing-engine";
import { generateBible, mergeBible, readBible } from "./bible";
import { budgetReport } from "./budget-report";
import type { ChatModel } from "./chat-model";
import { checkSectionPlan } from "./section-plan";
import { maxTokensFor, nextSectionTarget, tailWords, trimToBudget } from "./write-section";

const paragraphs = (count: number, words: number) =>
  Array.from({ length: count }, (_, p) => `${Array.from({ length: words }, (_, w) => `w${p}x${w}`).join(" ")}.`).join(
    "\n\n",
  );

describe("section plans", () => {
  it("rescales budgets that do not add up and re-splits a section over the maximum", () => {
    const checked = checkSectionPlan(
      {
        sections: [
          { point: "a", wordBudget: "100" },
          { point: "b", wordBudget: 100 },
        ],
      },
      2000,
      800,
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.plan.sections.map((s) => s.point)).toEqual(["a (1/2)", "a (2/2)", "b (1/2)", "b (2/2)"]);
    expect(checked.plan.sections.reduce((a, s) => a + s.wordBudget, 0)).toBe(2000);
    expect(checked.plan.sections.every((s) => s.wordBudget <= 800)).toBe(true);
    expect(checked.repaired[0]).toContain("rescaled to 2000");
  });

  it("accepts a bare array and rejects zero sections or a wrong shape with a reason for the model", () => {
    expect(checkSectionPlan([{ point: "x", wordBudget: 300 }], 300, 800)).toMatchObject({ ok: true });
    expect(checkSectionPlan({ sections: [] }, 300, 800)).toEqual({
      ok: false,
      error: "The plan has no sections; at least one is required.",
    });
    const wrong = checkSectionPlan({ parts: [{ text: "x" }] }, 300, 800);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toContain("sections");
  });
});

describe("writing to length", () => {
  it("sizes max_tokens from the words asked", () => {
    expect(maxTokensFor(750)).toBe(1300 + 64);
  });

  it("cuts an overlong text at the paragraph closest to the budget", () => {
    const text = paragraphs(10, 50); // 500 words
    const cut = trimToBudget(text, 200);
    expect(countWords(cut)).toBe(200);
    expect(text.startsWith(cut)).toBe(true);
    expect(cut.endsWith(".")).toBe(true);
  });

  it("falls back to a sentence boundary inside one long paragraph", () => {
    const sentence = "One two three four five six seven eight nine ten.";
    const text = Array.from({ length: 40 }, () => sentence).join(" ");
    const cut = trimToBudget(text, 100);
    expect(countWords(cut)).toBe(100);
  });

  it("shares the chapter's remaining words among the remaining sections, within bounds", () => {
    const plan = [{ wordBudget: 400 }, { wordBudget: 400 }, { wordBudget: 400 }];
    expect(nextSectionTarget(plan, 0, 1200, 0)).toBe(400);
    expect(nextSectionTarget(plan, 1, 1200, 300)).toBe(450); // 900 left over two sections
    expect(nextSectionTarget(plan, 2, 1200, 400)).toBe(600); // capped at 1.5 × 400
    expect(nextSectionTarget(plan, 2, 1200, 1100)).toBe(200); // at least half
  });

  it("keeps the tail of the text so far within the context budget", () => {
    const text = paragraphs(4, 100);
    expect(tailWords(text, 1000)).toEqual({ text, elided: false });
    const tail = tailWords(text, 150);
    expect(tail.elided).toBe(true);
    expect(countWords(tail.text)).toBeLessThanOrEqual(150);
  });
});

describe("the book bible", () => {
  const model = (answers: string[]): ChatModel & { prompts: string[] } => {
    const prompts: string[] = [];
    return {
      prompts,
      async completeJson(messages) {
        prompts.push(messages.map((m) => m.content).join("\n"));
        return { content: answers.shift() ?? "", usage: { promptTokens: 10, completionTokens: 5 } };
      },
      async streamText() {
        throw new Error("not used");
      },
    };
  };
  const brief = {
    title: "T",
    topic: "t",
    goal: "g",
    language: "fr" as const,
    targetChapters: 1,
    targetWords: 500,
  };
  const outline = { chapters: [{ title: "Un", synopsis: "Le début.", wordBudget: 500 }] };

  it("retries a non-JSON answer once with the error fed back, counting both calls' tokens", async () => {
    const m = model(["pas du JSON", '{"characters":[{"name":"Élise Martin"}],"tense":"présent"}']);
    const { bible, usage } = await generateBible(m, brief, outline);
    expect(bible.characters).toEqual([{ name: "Élise Martin", role: "" }]);
    expect(usage).toEqual({ promptTokens: 20, completionTokens: 10 });
    expect(m.prompts[1]).toContain("not valid JSON");
    expect(m.prompts[0]).toContain("Rédigez la bible");
  });

  it("fails with INVALID_BIBLE, not retryable, when the second answer is still invalid", async () => {
    const error = await generateBible(model(["nope", '{"characters":"Élise"}']), brief, outline).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: "INVALID_BIBLE", retryable: false });
  });

  it("merges chapters' additions without duplicates, the first spelling winning", () => {
    const base = readBible({ characters: [{ name: "Ada", role: "guide" }] })!;
    const merged = mergeBible(base, [
      {
        characters: [
          { name: "ada", role: "other" },
          { name: "Bram", role: "" },
        ],
        terms: [],
      },
      { characters: [{ name: "Bram", role: "again" }], terms: [{ term: "jig", meaning: "a guide" }] },
    ]);
    expect(merged.characters.map((c) => c.name)).toEqual(["Ada", "Bram"]);
    expect(merged.terms).toEqual([{ term: "jig", meaning: "a guide" }]);
    expect(readBible({ characters: "nope" })).toBeNull();
  });
});

describe("the budget report", () => {
  it("lists each chapter against its budget and the ones outside ±15 %", () => {
    const report = budgetReport([
      { order: 1, wordBudget: 1000, wordCount: 1100 },
      { order: 2, wordBudget: 1000, wordCount: 700 },
      { order: 3, wordBudget: null, wordCount: 50 },
    ]);
    expect(report.missed).toEqual([2]);
    expect(report.chapters[1]).toEqual({ order: 2, budget: 1000, words: 700, deviation: -0.3, withinTolerance: false });
    expect(report.wordsTarget).toBe(2050);
    expect(report.wordsWritten).toBe(1850);
  });
});
