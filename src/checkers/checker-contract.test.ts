// The contract every chapter checker keeps, run against EVERY checker of the registry (checkers added to
// ALL_CHAPTER_CHECKERS later are covered without editing this file): findings point at the source,
// nothing is reported outside prose, results are deterministic, types and severities are in the enums
// (STYLE never ERROR), a cancelled check stops, empty text gives nothing, an unsupported variant is not run.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ChapterChecker,
  type CheckContext,
  type Finding,
  LANGUAGE_VARIANTS,
  type LanguageVariant,
} from "./checker";
import { ALL_CHAPTER_CHECKERS, chapterCheckersFor, isValidFinding, runChapterChecks, warmCheckers } from "./registry";

const TYPES = ["SPELLING", "GRAMMAR", "STYLE", "COHERENCE", "STRUCTURE"];
const SEVERITIES = ["INFO", "WARNING", "ERROR", "CRITICAL"];

// Errors every kind of checker should have something to say about, in prose and in everything that is not.
const ENGLISH_ERRORS =
  "Teh boy did not recieve a apple , and the the harbour was very very unique. The ball was thrown by the boy. He go home!";
const FRENCH_ERRORS =
  "Le arbre recoit le le chat ; il dit : « Ils a faim » ! Que il vienne . La balle a été lancée par le garçon.";

/** A chapter whose non-prose parts repeat the errors; `forbidden` are the source ranges no finding may touch. */
function fixture(errors: string): { markdown: string; forbidden: [number, number][] } {
  let markdown = "";
  const forbidden: [number, number][] = [];
  const prose = (text: string) => {
    markdown += text;
  };
  const hidden = (text: string) => {
    forbidden.push([markdown.length, markdown.length + text.length]);
    markdown += text;
  };
  hidden(`---\ntitle: ${errors}\n---\n`);
  prose(`\n# A chapter\n\n${errors}\n\nSee `);
  hidden(`\`${errors}\``);
  prose(" and [the link text](");
  hidden(`https://example.com/${errors.replace(/\s+/g, "-")}`);
  prose(") or ");
  hidden("https://exampel.com/recieve-teh");
  prose(" today.\n\n");
  hidden(`\`\`\`\n${errors}\n\`\`\``);
  prose("\n\n");
  hidden(`<div>${errors}</div>`);
  prose("\n\n");
  hidden(`![${errors}](img/${errors.replace(/\s+/g, "_")}.png)`);
  prose(`\n\n- ${errors}\n\n> ${errors}\n`);
  return { markdown, forbidden };
}

const fixtures: Record<LanguageVariant, ReturnType<typeof fixture>> = {
  "en-US": fixture(ENGLISH_ERRORS),
  "en-GB": fixture(ENGLISH_ERRORS),
  "fr-FR": fixture(FRENCH_ERRORS),
};

const context = (variant: LanguageVariant, signal?: AbortSignal): CheckContext => ({
  variant,
  acceptedWords: new Set(),
  bookNames: new Set(),
  signal,
});

// The built-in checkers must find something in the fixture's prose (so the checks below are not vacuous).
const MUST_FIND = new Set(["nspell", "harper", "french-rules"]);

beforeAll(() => warmCheckers(), 240_000);

describe.each(ALL_CHAPTER_CHECKERS.map((checker) => [checker.id, checker] as const))(
  "checker %s",
  (_id, checker: ChapterChecker) => {
    const variants = LANGUAGE_VARIANTS.filter((variant) => checker.supports(variant));

    it("supports at least one variant", () => {
      expect(variants.length).toBeGreaterThan(0);
    });

    it.each(variants)(
      "%s: findings point at the source, inside prose only, with valid types and severities",
      async (variant) => {
        const { markdown, forbidden } = fixtures[variant];
        const findings = await checker.check(markdown, context(variant));
        if (MUST_FIND.has(checker.id)) expect(findings.length).toBeGreaterThan(0);
        for (const finding of findings) {
          expect(isValidFinding(markdown, finding), JSON.stringify(finding)).toBe(true);
          expect(finding.original).toBe(markdown.slice(finding.startOffset, finding.endOffset));
          expect(finding.checker).toBe(checker.id);
          expect(TYPES).toContain(finding.type);
          expect(SEVERITIES).toContain(finding.severity);
          if (finding.type === "STYLE") expect(finding.severity).not.toBe("ERROR");
          expect(finding.ruleId).toMatch(/\S/);
          expect(finding.message).toMatch(/\S/);
          expect(Array.isArray(finding.suggestions)).toBe(true);
          for (const [start, end] of forbidden) {
            const inside = finding.startOffset < end && start < finding.endOffset;
            expect(inside, `${finding.ruleId} “${finding.original}” at ${finding.startOffset} is not prose`).toBe(
              false,
            );
          }
        }
      },
    );

    it.each(variants)("%s: is deterministic", async (variant) => {
      const { markdown } = fixtures[variant];
      const first = await checker.check(markdown, context(variant));
      const second = await checker.check(markdown, context(variant));
      expect(second).toEqual(first);
    });

    it.each(variants)("%s: empty or blank text gives no finding", async (variant) => {
      expect(await checker.check("", context(variant))).toEqual([]);
      expect(await checker.check("  \n\n", context(variant))).toEqual([]);
    });

    it.each(variants)("%s: a cancelled signal stops it", async (variant) => {
      const controller = new AbortController();
      controller.abort();
      const outcome = await checker.check(fixtures[variant].markdown, context(variant, controller.signal)).then(
        (findings: Finding[]) => ({ findings }),
        (error: unknown) => ({ error }),
      );
      // Stopped before any work: an AbortError, or nothing found (never the findings of a full run).
      if ("error" in outcome) expect((outcome.error as Error).name).toBe("AbortError");
      else expect(outcome.findings).toEqual([]);
    });

    it("is not run for a variant it does not support", async () => {
      for (const variant of LANGUAGE_VARIANTS.filter((v) => !checker.supports(v))) {
        expect(chapterCheckersFor(variant).map((c) => c.id)).not.toContain(checker.id);
        let called = false;
        const spy: ChapterChecker = {
          id: checker.id,
          supports: (v) => checker.supports(v),
          check: async (markdown, ctx) => {
            called = true;
            return checker.check(markdown, ctx);
          },
        };
        expect(await runChapterChecks(fixtures[variant].markdown, context(variant), [spy])).toEqual([]);
        expect(called).toBe(false);
      }
    });
  },
);

describe("runChapterChecks", () => {
  it.each(LANGUAGE_VARIANTS)(
    "%s: valid, sorted, de-duplicated findings of every supporting checker",
    async (variant) => {
      const { markdown } = fixtures[variant];
      const findings = await runChapterChecks(markdown, context(variant));
      expect(findings.length).toBeGreaterThan(0);
      const keys = new Set<string>();
      for (const [index, finding] of findings.entries()) {
        expect(isValidFinding(markdown, finding)).toBe(true);
        if (index > 0) expect(finding.startOffset).toBeGreaterThanOrEqual(findings[index - 1]!.startOffset);
        const key = `${finding.startOffset}:${finding.endOffset}:${finding.type}`;
        expect(keys.has(key)).toBe(false);
        keys.add(key);
      }
      const checkers = new Set(findings.map((finding) => finding.checker));
      for (const checker of chapterCheckersFor(variant))
        if (MUST_FIND.has(checker.id)) expect(checkers).toContain(checker.id);
    },
  );

  it("drops a finding whose original does not match the source", async () => {
    const liar: ChapterChecker = {
      id: "liar",
      supports: () => true,
      check: async () => [
        {
          type: "GRAMMAR",
          severity: "WARNING",
          ruleId: "x",
          checker: "liar",
          message: "m",
          original: "nope",
          suggestions: [],
          startOffset: 0,
          endOffset: 4,
        },
        {
          type: "GRAMMAR",
          severity: "WARNING",
          ruleId: "y",
          checker: "liar",
          message: "m",
          original: "Some",
          suggestions: [],
          startOffset: 0,
          endOffset: 4,
        },
        {
          type: "GRAMMAR",
          severity: "WARNING",
          ruleId: "z",
          checker: "liar",
          message: "m",
          original: "",
          suggestions: [],
          startOffset: 9,
          endOffset: 99,
        },
      ],
    };
    const findings = await runChapterChecks("Some text", context("en-US"), [liar]);
    expect(findings.map((finding) => finding.ruleId)).toEqual(["y"]);
  });
});
