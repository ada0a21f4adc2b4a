import { describe, expect, it } from "vitest";
import { workshopBrief, workshopOutline } from "../../tests/helpers/engine-fixtures";
import { buildChapterPrompt, buildOutlinePrompt } from "./prompts";
import { getEngine, isEngineId, listEngines } from "./registry";
import { countWords } from "./word-count";
import { type BookBrief, EngineError, normalizeBudgets, validateOutline } from "./writing-engine";

const brief: BookBrief = { ...workshopBrief, audience: "adults with no experience", tone: "warm" };
const outline = workshopOutline;

describe("validateOutline", () => {
  it("accepts the right chapter count and normalizes budgets to sum exactly to targetWords", () => {
    const result = validateOutline(
      {
        chapters: [
          { title: "A", synopsis: "a", wordBudget: 1000 },
          { title: "B", synopsis: "b", wordBudget: "1200" },
          { title: "C", synopsis: "c", wordBudget: 1100.5 },
        ],
      },
      brief,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const budgets = result.outline.chapters.map((c) => c.wordBudget);
    expect(budgets.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(budgets.every(Number.isInteger)).toBe(true);
    // Proportions are kept: B asked for the most, A for the least.
    expect(budgets[1]).toBeGreaterThan(budgets[2]!);
    expect(budgets[2]).toBeGreaterThan(budgets[0]!);
  });

  it("rejects a wrong chapter count with a message the model can act on", () => {
    const result = validateOutline({ chapters: outline.chapters.slice(0, 2) }, brief);
    expect(result).toEqual({ ok: false, error: "The outline has 2 chapters but exactly 3 are required." });
  });

  it("names the offending fields of a malformed outline", () => {
    const result = validateOutline({ chapters: [{ title: "", synopsis: "x", wordBudget: -3 }] }, brief);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("chapters.0.title");
    expect(result.error).toContain("chapters.0.wordBudget");
  });

  it("rejects something that is not an outline at all", () => {
    const result = validateOutline("three chapters please", brief);
    expect(result.ok).toBe(false);
  });
});

describe("normalizeBudgets", () => {
  it("always sums exactly and never gives a chapter zero words", () => {
    for (const [weights, total] of [
      [[1, 1, 1], 1000],
      [[0.0001, 500, 500], 10],
      [[3, 7], 7],
      [[1, 2, 3, 4, 5, 6, 7], 99_999],
    ] as const) {
      const budgets = normalizeBudgets([...weights], total);
      expect(budgets.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...budgets)).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("prompts", () => {
  it("outline prompt carries the brief, the exact count and the sum, and the feedback when retrying", () => {
    const [system, user] = buildOutlinePrompt({
      brief,
      feedback: "The outline has 2 chapters but exactly 3 are required.",
    });
    expect(system!.role).toBe("system");
    expect(system!.content).toContain("JSON");
    expect(user!.content).toContain("The Quiet Workshop");
    expect(user!.content).toContain("adults with no experience");
    expect(user!.content).toContain("exactly 3 chapters");
    expect(user!.content).toContain("add up to 3000");
    expect(user!.content).toContain("exactly 3 are required");
  });

  it("chapter prompt carries the brief, the full outline and the neighbouring synopses", () => {
    const [, user] = buildChapterPrompt({ brief, outline, index: 1 });
    for (const chapter of outline.chapters) expect(user!.content).toContain(chapter.title);
    expect(user!.content).toContain("The previous chapter covered: Ada opens the old workshop.");
    expect(user!.content).toContain("The next chapter will cover: Ada builds a wobbly stool.");
    expect(user!.content).toContain('Write chapter 2 of 3, "Learning the Tools", in about 1000 words.');
    expect(user!.content).toContain("woodworking for beginners");
  });

  it("explicit neighbouring synopses win over the outline's, and the ends are flagged", () => {
    const [, first] = buildChapterPrompt({ brief, outline, index: 0, nextSynopsis: "Override next." });
    expect(first!.content).toContain("This is the first chapter");
    expect(first!.content).toContain("The next chapter will cover: Override next.");
    const [, last] = buildChapterPrompt({ brief, outline, index: 2 });
    expect(last!.content).toContain("This is the last chapter");
  });

  it("speaks French to a French book", () => {
    const fr = { ...brief, language: "fr" as const };
    const [system, user] = buildOutlinePrompt({ brief: fr });
    expect(system!.content).toContain("Vous répondez uniquement en JSON");
    expect(user!.content).toContain("exactement 3 chapitres");
    const [chapterSystem, chapterUser] = buildChapterPrompt({ brief: fr, outline, index: 0 });
    expect(chapterSystem!.content).toContain("en français");
    expect(chapterUser!.content).toContain("C'est le premier chapitre");
  });

  it("refuses an index outside the outline", () => {
    expect(() => buildChapterPrompt({ brief, outline, index: 3 })).toThrow(RangeError);
  });
});

describe("countWords", () => {
  it("ignores Markdown syntax and counts visible words", () => {
    const markdown = [
      "## A heading here",
      "",
      "Some *emphasis* and **strong** text with a [link](https://example.com/a/b) and `code`.",
      "",
      "- first item",
      "1. second item",
      "> a quote",
      "",
      "| col a | col b |",
      "|---|---|",
      "| one | two |",
      "",
      "![alt text](image.png) <span>html</span> <!-- hidden comment -->",
      "",
      "---",
      "C'est-à-dire l'homme — snake_case _under_",
    ].join("\n");
    // A heading here (3) + Some emphasis and strong text with a link and code (10) + first item (2)
    // + second item (2) + a quote (2) + col a col b (4) + one two (2) + alt text html (3)
    // + C'est-à-dire l'homme snake_case under (4)
    expect(countWords(markdown)).toBe(32);
  });

  it("counts nothing in empty or punctuation-only text", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("# \n\n— … ***")).toBe(0);
  });
});

describe("registry", () => {
  it("lists every engine with its label and demo flag", () => {
    const engines = listEngines();
    expect(engines.map((e) => e.id)).toEqual(["demo", "openai-compatible", "crewai"]);
    expect(engines.find((e) => e.id === "demo")).toMatchObject({
      label: "Demo engine — placeholder text",
      isDemo: true,
    });
    expect(engines.filter((e) => e.isDemo)).toHaveLength(1);
  });

  it("builds each engine from valid settings", () => {
    expect(getEngine("demo").isDemo).toBe(true);
    const openai = getEngine("openai-compatible", { baseUrl: "http://127.0.0.1:1/v1", model: "m" });
    expect(openai.id).toBe("openai-compatible");
    expect(openai.label).toContain("m");
    expect(getEngine("crewai", { baseUrl: "http://127.0.0.1:1", token: "t" }).id).toBe("crewai");
  });

  it("reports unknown engines and bad settings as NOT_CONFIGURED with the field names", () => {
    expect(isEngineId("gpt")).toBe(false);
    expect(() => getEngine("gpt")).toThrow(EngineError);
    try {
      getEngine("openai-compatible", { baseUrl: "not a url" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe("NOT_CONFIGURED");
      expect((error as EngineError).message).toContain("baseUrl");
      expect((error as EngineError).message).toContain("model");
    }
  });
});
