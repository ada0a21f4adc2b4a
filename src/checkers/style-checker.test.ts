import { daleChall } from "dale-chall";
import { spache } from "spache";
import { describe, expect, it } from "vitest";
import type { CheckContext, Finding, LanguageVariant } from "./checker";
import { proseSegments } from "./prose-segments-for-style";
import { createStyleChecker, OVERUSE_MIN_WORDS } from "./style-checker";

const checker = createStyleChecker();
const context = (variant: LanguageVariant = "en-US", bookNames: string[] = []): CheckContext => ({
  variant,
  acceptedWords: new Set(),
  bookNames: new Set(bookNames),
});

function expectAnchored(markdown: string, findings: Finding[]) {
  for (const finding of findings) {
    expect(markdown.slice(finding.startOffset, finding.endOffset)).toBe(finding.original);
    expect(finding.checker).toBe("retext");
    expect(["INFO", "WARNING"]).toContain(finding.severity);
  }
}

const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe("prose segments (the local adapter)", () => {
  it("keeps text nodes only and maps offsets through emphasis and links; inline code ends a segment", () => {
    const markdown =
      "---\ntitle: x\n---\n# Title\n\nSome *emphasis* and [a link](https://x.io) `code` end.\n\n```\nnot prose\n```\n";
    const segments = proseSegments(markdown);
    expect(segments.map((s) => s.text)).toEqual(["Title", "Some emphasis and a link ", " end."]);
    const paragraph = segments[1]!;
    const at = paragraph.text.indexOf("emphasis");
    expect(markdown.slice(paragraph.toSource(at), paragraph.toSourceEnd(at + 8))).toBe("emphasis");
    const link = paragraph.text.indexOf("a link");
    expect(markdown.slice(paragraph.toSource(link), paragraph.toSourceEnd(link + 6))).toBe("a link");
  });
});

describe("style checker (retext), English", () => {
  it("finds a/an, a doubled word, passive voice, a wordy phrase and a weak intensifier at source offsets", async () => {
    const markdown =
      "## Morning\n\nShe ate **an** pear and then a apple. The cake was eaten by the the dog.\n\n" +
      "We will utilize the tools. It was perhaps fine.\n";
    const findings = await checker.check(markdown, context());
    expectAnchored(markdown, findings);

    const article = byRule(findings, "retext-indefinite-article");
    expect(article.map((f) => [f.original, f.suggestions, f.type])).toEqual([
      ["an", ["a"], "GRAMMAR"],
      ["a", ["an"], "GRAMMAR"],
    ]);
    // "an" sits inside **…**: the offsets land on the word itself, not on the markers.
    expect(article[0]!.startOffset).toBe(markdown.indexOf("**an**") + 2);

    const doubled = byRule(findings, "retext-repeated-words");
    expect(doubled.map((f) => [f.original, f.suggestions, f.severity])).toEqual([["the the", ["the"], "WARNING"]]);

    expect(byRule(findings, "retext-passive").map((f) => f.original)).toEqual(["eaten"]);
    const wordy = byRule(findings, "retext-simplify:utilize");
    expect(wordy.map((f) => [f.original, f.suggestions])).toEqual([["utilize", ["use"]]]);
    expect(byRule(findings, "retext-intensify:filler").map((f) => f.original)).toEqual(["perhaps"]);
    expect(findings.every((f) => f.severity !== "ERROR")).toBe(true);
  });

  it("leaves a/an and doubled words to harper when told (the registry's English), and keeps the style rules", async () => {
    const markdown = "She ate a apple. The cake was eaten by the the dog. We will utilize the tools.\n";
    const styleOnly = await createStyleChecker({ englishGrammar: false }).check(markdown, context());
    expectAnchored(markdown, styleOnly);
    expect(styleOnly.filter((f) => f.type === "GRAMMAR")).toEqual([]);
    expect(styleOnly.map((f) => f.ruleId)).toEqual(["retext-passive", "retext-simplify:utilize"]);
    // French is not English: its doubled words stay with retext whatever the option says.
    const french = await createStyleChecker({ englishGrammar: false }).check("Il lit le le livre.\n", context("fr-FR"));
    expect(byRule(french, "retext-repeated-words").map((f) => f.original)).toEqual(["le le"]);
  });

  it("leaves hedges and plain quantity words alone and reports a weak word at most 3 times per chapter", async () => {
    const markdown =
      "It will rain. We could go about the town often. " +
      Array.from({ length: 5 }, (_, i) => `Day ${i} was really long.`).join(" ") +
      "\n";
    const findings = await checker.check(markdown, context());
    expectAnchored(markdown, findings);
    const intensify = findings.filter((f) => f.ruleId.startsWith("retext-intensify"));
    expect(intensify.map((f) => f.original)).toEqual(["really", "really", "really"]);
    expect(intensify[0]!.startOffset).toBe(markdown.indexOf("really"));
  });

  it("reports one finding per span when several plugins flag the same word", async () => {
    const markdown = "It was very good.\n";
    const findings = await checker.check(markdown, context());
    const spans = findings.map((f) => `${f.startOffset}:${f.endOffset}`);
    expect(new Set(spans).size).toBe(spans.length);
    expect(findings.filter((f) => f.original === "very")).toHaveLength(1);
  });

  it("flags a genuinely hard sentence but not ordinary narrative prose", async () => {
    const hard =
      "The extraordinarily convoluted administrative reorganisation necessitated comprehensive reconsideration " +
      "of institutional responsibilities, notwithstanding considerable organisational resistance throughout the establishment.";
    const plain =
      "Ada walked down to the harbour before dawn. The boats were still tied up, and the water was flat and grey. " +
      "She sat on the wall, opened her notebook and began to draw the masts one by one.";
    const markdown = `${plain}\n\n${hard}\n`;
    const findings = await checker.check(markdown, context());
    expectAnchored(markdown, findings);
    const readability = byRule(findings, "retext-readability");
    expect(readability.map((f) => f.original)).toEqual([hard]);
    expect(readability[0]!.severity).toBe("WARNING");
  });

  it("flags a very long sentence and three sentences in a row opening with the same word", async () => {
    const long = `${Array.from({ length: 50 }, (_, i) => (i % 2 ? "and" : "walked")).join(" ")}.`;
    const markdown = `He left. He ran. He stopped. She waited.\n\n${long}\n`;
    const findings = await checker.check(markdown, context());
    expectAnchored(markdown, findings);
    const openings = byRule(findings, "repeated-sentence-opening");
    expect(openings).toHaveLength(1);
    expect(openings[0]!.startOffset).toBe(markdown.indexOf("He stopped"));
    expect(byRule(findings, "long-sentence").map((f) => f.original)).toEqual([long]);
  });

  it("reports an overused word once, but not the book's names nor function words", async () => {
    // Varied filler: every made-up word is used once or twice, as content words are in real prose.
    const syllables = ["ba", "ke", "li", "mo", "nu", "ra", "se", "to", "vi", "zu"];
    const made = (i: number) =>
      `${syllables[i % 10]}${syllables[Math.floor(i / 10) % 10]}${syllables[Math.floor(i / 100) % 10]}n`;
    const sentences: string[] = [];
    let n = 0;
    for (let i = 0; sentences.join(" ").split(" ").length < OVERUSE_MIN_WORDS + 50; i++) {
      if (i % 3 === 0) sentences.push(`Marguerite felt suddenly ${made(n++)}, and the ${made(n++)} was there.`);
      else sentences.push(`The ${made(n++)} ${made(n++)} of ${made(n++)} and ${made(n++)} ${made(n++)}.`);
    }
    const markdown = `${sentences.join(" ")}\n`;
    const findings = await checker.check(markdown, context("en-US", ["Marguerite"]));
    expectAnchored(markdown, findings);
    const overused = byRule(findings, "overused-word");
    expect(overused.map((f) => f.original)).toEqual(["suddenly"]);
    expect(overused[0]!.startOffset).toBe(markdown.indexOf("suddenly"));
    expect(overused[0]!.message).toMatch(/used \d+ times/);
  });

  it("skips code, inline code, URLs and front matter", async () => {
    const markdown =
      "---\ntitle: a apple\n---\n\nRun `a apple` or see <https://a.example/the/the> or www.the.the.example.\n\n```\nthe the a apple\n```\n";
    const findings = await checker.check(markdown, context());
    expect(findings).toEqual([]);
  });
});

describe("retext-readability's easy-word lists, looked up in a Set", () => {
  it("answer every word as the plain list scan does, once an English check has set them up", async () => {
    await checker.check("A short sentence to build the English processor.", context("en-US"));
    const words = [...daleChall.slice(0, 200), ...spache.slice(-200), "zeugma", "Able", "", "ABLE", "harbour", "quay"];
    for (const list of [daleChall, spache]) {
      expect(Object.hasOwn(list, "includes")).toBe(true);
      for (const word of words) expect(list.includes(word)).toBe(Array.prototype.includes.call(list, word));
    }
  });
});

describe("style checker (retext), French", () => {
  it("runs only the language-neutral rules: doubled words and openings, no English word lists", async () => {
    const markdown =
      "Il utilize le le livre. Il a été mangé par a apple. Il part. Il revient.\n\nElle était perhaps là.\n";
    const findings = await checker.check(markdown, context("fr-FR"));
    expectAnchored(markdown, findings);
    expect(byRule(findings, "retext-repeated-words").map((f) => f.original)).toEqual(["le le"]);
    expect(byRule(findings, "repeated-sentence-opening").map((f) => f.original)).toEqual(["Il"]);
    const rules = new Set(findings.map((f) => f.ruleId));
    for (const englishOnly of ["retext-indefinite-article", "retext-passive", "retext-intensify:filler"]) {
      expect(rules.has(englishOnly)).toBe(false);
    }
    expect([...rules].some((rule) => rule.startsWith("retext-simplify"))).toBe(false);
  });

  it("answers nothing for an empty chapter and stops when the check is cancelled", async () => {
    expect(await checker.check("", context())).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(checker.check("Some text.", { ...context(), signal: controller.signal })).rejects.toThrow();
  });
});
