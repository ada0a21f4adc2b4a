import { beforeAll, describe, expect, it } from "vitest";
import type { CheckContext, Finding, LanguageVariant } from "./checker";
import {
  DISABLED_GROUPS,
  DISABLED_RULES,
  harperChecker,
  harperLinterFor,
  joinedToSource,
  joinSegments,
  KEPT_RULES,
  rulesByGroup,
} from "./harper-checker";
import { proseSegments } from "./prose-ranges";
import { runChapterChecks } from "./registry";

const context = (variant: LanguageVariant, extra: Partial<CheckContext> = {}): CheckContext => ({
  variant,
  acceptedWords: new Set(),
  bookNames: new Set(),
  ...extra,
});

const summary = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.original}`);

// Compiling harper's wasm takes seconds: once, before the tests.
beforeAll(async () => {
  await Promise.all([harperLinterFor("en-US"), harperLinterFor("en-GB")]);
}, 180_000);

describe("harper checker", () => {
  it("reads “a **apple**” as one sentence and maps the finding back to the source", async () => {
    const markdown = "I ate a **apple** and the the pear.";
    const findings = await harperChecker.check(markdown, context("en-US"));
    expect(summary(findings)).toEqual(["AnA:a", "RepeatedWords:the the"]);
    const [article, repeated] = findings;
    expect(article).toMatchObject({ type: "GRAMMAR", severity: "ERROR", checker: "harper", suggestions: ["an"] });
    expect(markdown.slice(article!.startOffset, article!.endOffset)).toBe("a");
    expect(article!.startOffset).toBe(markdown.indexOf("a **apple**"));
    expect(repeated).toMatchObject({ type: "GRAMMAR", severity: "ERROR", suggestions: ["the"] });
  });

  it("maps spans as UTF-16 offsets, after accents, combining marks and emoji", async () => {
    const markdown = "Café 😀😀 e\u0301 and 🧑🏽‍🚀 went home. Then I ate a apple.";
    const [finding] = await harperChecker.check(markdown, context("en-US"));
    expect(finding?.ruleId).toBe("AnA");
    expect(finding?.startOffset).toBe(markdown.lastIndexOf(" a ") + 1);
    expect(finding?.original).toBe("a");
  });

  it("reports agreement errors and leaves spelling to nspell", async () => {
    const findings = await harperChecker.check("He go to the market. The Zorblax is blue.", context("en-GB"));
    expect(summary(findings)).toEqual(["PronounVerbAgreement:go"]);
    expect(findings[0]!.suggestions).toContain("goes");
    expect(findings.every((finding) => finding.type !== "SPELLING")).toBe(true);
  });

  it("does not lint code, links' targets or HTML", async () => {
    const markdown =
      "Use `a apple` here.\n\n```\nthe the code\n```\n\n<p>a apple</p>\n\n[link](https://a.example/a-apple)";
    expect(await harperChecker.check(markdown, context("en-US"))).toEqual([]);
  });

  it("supports English only", () => {
    expect(harperChecker.supports("en-US")).toBe(true);
    expect(harperChecker.supports("en-GB")).toBe(true);
    expect(harperChecker.supports("fr-FR")).toBe(false);
  });

  it("runs the grammar rules only: the switched-off groups and rules exist in this harper and are off", async () => {
    const linter = await harperLinterFor("en-US");
    const [config, defaults, groups] = await Promise.all([
      linter.getLintConfig(),
      linter.getDefaultLintConfig(),
      linter.getStructuredLintConfig().then(rulesByGroup),
    ]);
    // A harper upgrade that renames a group or a rule would silently switch it back on: fail instead.
    for (const group of DISABLED_GROUPS) {
      expect(groups.get(group)?.length, group).toBeGreaterThan(0);
      for (const rule of groups.get(group)!) {
        if (!(KEPT_RULES as readonly string[]).includes(rule)) expect(config[rule], rule).toBe(false);
      }
    }
    for (const rule of DISABLED_RULES) expect(config[rule], rule).toBe(false);
    for (const rule of KEPT_RULES) expect(config[rule], rule).toBe(true);
    // The grammar groups keep harper's defaults (minus DISABLED_RULES).
    for (const rule of groups.get("Grammar and Agreement")!) {
      if (!(DISABLED_RULES as readonly string[]).includes(rule)) expect(config[rule], rule).toBe(defaults[rule]);
    }
    // And one finding of a switched-off group is indeed gone ("any body" is a closed compound).
    const findings = await harperChecker.check("I did not see any body at the inn.", context("en-US"));
    expect(summary(findings)).toEqual([]);
  });

  it("drops a harper finding that overlaps an nspell one in the registry", async () => {
    const findings = await runChapterChecks("I ate a aple and the the pear.", context("en-US"));
    // "aple" is nspell's; harper's a/an on "a aple" is not reported on top of it.
    expect(findings.map((finding) => `${finding.checker}:${finding.original}`)).toEqual([
      "nspell:aple",
      "harper:the the",
    ]);
  });
});

describe("joined segments", () => {
  it("refuses spans that cross two segments", () => {
    const joined = joinSegments(proseSegments("One para.\n\nTwo para."));
    expect(joined.text).toBe("One para.\n\nTwo para.");
    expect(joinedToSource(joined, 4, 8)).toEqual({ start: 4, end: 8 });
    expect(joinedToSource(joined, 11, 14)).toEqual({ start: 11, end: 14 });
    expect(joinedToSource(joined, 6, 14)).toBeNull();
  });
});
