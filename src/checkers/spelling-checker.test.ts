import { beforeAll, describe, expect, it } from "vitest";
import { findBookNames } from "./book-names";
import type { CheckContext, LanguageVariant } from "./checker";
import { spellerFor, warmDictionaries } from "./dictionaries";
import { spellingChecker } from "./spelling-checker";

const context = (variant: LanguageVariant, extra: Partial<CheckContext> = {}): CheckContext => ({
  variant,
  acceptedWords: new Set(),
  bookNames: new Set(),
  ...extra,
});

// Loading the French dictionary takes seconds (tens of seconds on a busy machine): once, before the tests.
beforeAll(() => warmDictionaries(), 180_000);

const flagged = async (markdown: string, ctx: CheckContext) =>
  (await spellingChecker.check(markdown, ctx)).map((finding) => finding.original);

describe("spelling checker (nspell)", () => {
  it("follows the variant: harbour and metre are British, harbor and meter American", async () => {
    const text = "The boat reached the harbour after a metre of rain, then the harbor and the color.";
    expect(await flagged(text, context("en-GB"))).toEqual(["harbor", "color"]);
    expect(await flagged(text, context("en-US"))).toEqual(["harbour", "metre"]);
  });

  it("reports a misspelling as an ERROR with its source offsets and capped suggestions", async () => {
    const markdown = "She did not **recieve** the letter.";
    const [finding, ...rest] = await spellingChecker.check(markdown, context("en-US"));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      type: "SPELLING",
      severity: "ERROR",
      ruleId: "misspelling",
      checker: "nspell",
      original: "recieve",
    });
    expect(markdown.slice(finding!.startOffset, finding!.endOffset)).toBe("recieve");
    expect(finding!.suggestions[0]).toBe("receive");
    expect(finding!.suggestions.length).toBeLessThanOrEqual(5);
  });

  it("accepts the organization's and the book's words, lower-case entries in any case", async () => {
    const text = "Zorblax met the grumbleweed, and Grumbleweed laughed; the Qwerk did not.";
    expect(await flagged(text, context("en-US"))).toEqual(["Zorblax", "grumbleweed", "Grumbleweed", "Qwerk"]);
    const ctx = context("en-US", { acceptedWords: new Set(["grumbleweed", "qwerk"]), bookNames: new Set(["Zorblax"]) });
    // "qwerk" is lower-case, so "Qwerk" is accepted too; a capitalised entry would only match exactly.
    expect(await flagged(text, ctx)).toEqual([]);
    expect(await flagged("the zorblax", context("en-US", { acceptedWords: new Set(["Zorblax"]) }))).toEqual([
      "zorblax",
    ]);
  });

  it("ignores numbers, words with digits, acronyms, single letters, URLs and e-mail addresses", async () => {
    const text =
      "In 1999 the R2D2 unit from NASA and the SNCF saw a b c, wrote to jane@exampel.com and visited exampel.org.";
    expect(await flagged(text, context("en-US"))).toEqual([]);
  });

  it("handles possessives, hyphenated compounds and both apostrophes", async () => {
    expect(
      await flagged(
        "Kalinor’s boat and Kalinor's oar, a well-known well-knwon don’t.",
        context("en-US", { bookNames: new Set(["Kalinor"]) }),
      ),
    ).toEqual(["knwon"]);
  });

  it("checks italics, and splits French elisions", async () => {
    expect(await flagged("A *mispelled* word.", context("en-US"))).toEqual(["mispelled"]);
    const french = "L’arbre d’un jour qu’il aimait, jusqu’à l'aube ; l’arbrre est là, dit-il, peut-être. Un coeur.";
    expect(await flagged(french, context("fr-FR"))).toEqual(["arbrre"]);
  });

  it("stops on a cancelled signal and answers nothing for empty text", async () => {
    expect(await spellingChecker.check("   \n", context("en-US"))).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(spellingChecker.check("Some text", context("en-US", { signal: controller.signal }))).rejects.toThrow();
  });

  it("loads each dictionary once", async () => {
    expect(await spellerFor("en-GB")).toBe(await spellerFor("en-GB"));
  });
});

describe("findBookNames", () => {
  it("finds capitalised, repeated, mid-sentence words the dictionary does not know", async () => {
    const chapters = [
      "Zorblax walked in. Then Zorblax smiled at Mira.",
      "The ship left Kalinor at dawn. Veyra was alone. London was far.",
      "Everyone in Kalinor knew it.\n\n```\nCodeName CodeName\n```",
    ];
    const names = await findBookNames(chapters, "en-US");
    expect(names.has("Zorblax")).toBe(true);
    expect(names.has("Kalinor")).toBe(true);
    // Once only; a dictionary word; sentence-initial only; in code.
    expect(names.has("Mira")).toBe(false);
    expect(names.has("London")).toBe(false);
    expect(names.has("Veyra")).toBe(false);
    expect(names.has("CodeName")).toBe(false);
  });

  it("does not count a word that is only ever capitalised at the start of sentences", async () => {
    const names = await findBookNames(["Blorp went. Blorp came.", "Blorp again."], "en-US");
    expect(names.has("Blorp")).toBe(false);
  });
});
