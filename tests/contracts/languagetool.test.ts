import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLanguageToolChecker } from "@/checkers/languagetool-checker";
import { type LanguageToolFake, startLanguageToolFake } from "../fakes/languagetool-fake";
import {
  annotatedDataSchema,
  checkRequestFormSchema,
  checkResponseSchema,
  documentedSampleResponse,
  plainTextOf,
} from "./languagetool";

// Drift between LanguageTool's published /v2/check API (tests/contracts/languagetool.ts) and our client or
// fake fails here: the requests the checker sends, the fake's answers, and the documented sample itself.

let fake: LanguageToolFake;
beforeAll(async () => {
  fake = await startLanguageToolFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.script.length = 0;
});

async function post(form: Record<string, string>) {
  return fetch(`${fake.url}/v2/check`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

describe("the contract itself", () => {
  it("accepts the documented sample answer and refuses a match without its rule", () => {
    expect(checkResponseSchema.parse(documentedSampleResponse).matches).toHaveLength(1);
    const broken = structuredClone(documentedSampleResponse) as { matches: Record<string, unknown>[] };
    delete broken.matches[0]!.rule;
    expect(checkResponseSchema.safeParse(broken).success).toBe(false);
  });

  it("requires language and exactly one of text and data", () => {
    expect(checkRequestFormSchema.safeParse({ language: "en-US", text: "Hi." }).success).toBe(true);
    expect(checkRequestFormSchema.safeParse({ text: "Hi." }).success).toBe(false);
    expect(checkRequestFormSchema.safeParse({ language: "en-US" }).success).toBe(false);
    const data = JSON.stringify({ annotation: [{ text: "A " }, { markup: "<b>", interpretAs: "" }] });
    expect(checkRequestFormSchema.safeParse({ language: "en-US", text: "x", data }).success).toBe(false);
    expect(checkRequestFormSchema.safeParse({ language: "en-US", data }).success).toBe(true);
    expect(checkRequestFormSchema.safeParse({ language: "en-US", data: '{"annotation": [{"html": 1}]}' }).success).toBe(
      false,
    );
  });
});

describe("requests our checker sends match POST /v2/check", () => {
  it("sends form-encoded language and data (annotation covering the whole source), per variant", async () => {
    const markdown = "# Title\n\nA **bold** word and [a link](https://example.com).\n\n```\ncode\n```\n";
    for (const variant of ["en-US", "en-GB", "fr-FR"] as const) {
      await createLanguageToolChecker({ url: fake.url, level: "picky" }).check(markdown, {
        variant,
        acceptedWords: new Set(),
        bookNames: new Set(),
      });
    }
    expect(fake.requests.map((r) => r.form.language)).toEqual(["en-US", "en-GB", "fr"]);
    for (const request of fake.requests) {
      const form = checkRequestFormSchema.parse(request.form);
      expect(form.level).toBe("picky");
      const annotation = annotatedDataSchema.parse(JSON.parse(form.data!)).annotation;
      // Text and markup together are the source, character for character: offsets are source offsets.
      expect(annotation.map((part) => ("text" in part ? part.text : part.markup)).join("")).toBe(markdown);
      const plain = plainTextOf(annotation);
      expect(plain).toContain("A bold word and a link.");
      expect(plain).not.toContain("https://");
      expect(plain).not.toContain("code");
    }
  });
});

describe("the fake's answers match the documented response", () => {
  it("answers text and data requests with the documented shape; data offsets count the markup", async () => {
    const byText = await post({ language: "en-US", text: "I recieve a apple." });
    expect(byText.status).toBe(200);
    const textAnswer = checkResponseSchema.parse(await byText.json());
    expect(textAnswer.matches.map((m) => [m.rule.id, m.offset, m.length])).toEqual([
      ["MORFOLOGIK_RULE_EN_US", 2, 7],
      ["EN_A_VS_AN", 10, 1],
    ]);

    const data = JSON.stringify({
      annotation: [{ text: "A " }, { markup: "<b>" }, { text: "teh" }, { markup: "</b>" }],
    });
    const byData = checkResponseSchema.parse(await (await post({ language: "en-GB", data })).json());
    expect(byData.matches.map((m) => [m.rule.id, m.offset, m.length, m.replacements[0]?.value])).toEqual([
      ["MORFOLOGIK_RULE_EN_GB", 5, 3, "the"],
    ]);
    expect(byData.language.code).toBe("en-GB");

    const french = checkResponseSchema.parse(
      await (await post({ language: "fr", text: "Il voit le le chat." })).json(),
    );
    expect(french.matches.map((m) => m.rule.id)).toEqual(["FRENCH_WORD_REPEAT_RULE"]);
  });

  it("answers LanguageTool's plain-text 400 for a missing language or text", async () => {
    const noLanguage = await post({ text: "Hello." });
    expect(noLanguage.status).toBe(400);
    expect(await noLanguage.text()).toMatch(/^Error: Missing 'language' parameter/);
    const noText = await post({ language: "en-US" });
    expect(noText.status).toBe(400);
  });
});
