import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LanguageToolFake, startLanguageToolFake } from "../../tests/fakes/languagetool-fake";
import type { CheckContext, LanguageVariant } from "./checker";
import { classifyMatch, createLanguageToolChecker } from "./languagetool-checker";
import { batches, LanguageToolClient, LanguageToolError, type LanguageToolMatch } from "./languagetool-client";

let fake: LanguageToolFake;
beforeAll(async () => {
  fake = await startLanguageToolFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.script.length = 0;
});

const context = (variant: LanguageVariant = "en-US", accepted: string[] = []): CheckContext => ({
  variant,
  acceptedWords: new Set(accepted),
  bookNames: new Set(),
});
const quick = { timeoutMs: 2_000, maxRetries: 2, retryBaseDelayMs: 5 };

describe("LanguageTool checker", () => {
  it("maps matches to findings at Markdown source offsets, prose only", async () => {
    const markdown =
      "## A harbour\n\nShe ate a apple in **teh** [colour shop](https://teh.example).\n\n" +
      "Run `teh` now.\n\n```\nteh a apple\n```\n\nThe the end.\n";
    const findings = await createLanguageToolChecker({ url: fake.url, ...quick }).check(markdown, context());
    for (const f of findings) expect(markdown.slice(f.startOffset, f.endOffset)).toBe(f.original);
    expect(findings.map((f) => [f.ruleId, f.original, f.type, f.severity, f.suggestions[0]])).toEqual([
      ["MORFOLOGIK_RULE_EN_US", "harbour", "SPELLING", "ERROR", "harbor"],
      ["EN_A_VS_AN", "a", "GRAMMAR", "WARNING", "an"],
      ["MORFOLOGIK_RULE_EN_US", "teh", "SPELLING", "ERROR", "the"],
      ["MORFOLOGIK_RULE_EN_US", "colour", "SPELLING", "ERROR", "color"],
      ["ENGLISH_WORD_REPEAT_RULE", "The the", "GRAMMAR", "WARNING", "The"],
    ]);
    expect(findings[2]!.startOffset).toBe(markdown.indexOf("**teh**") + 2);
    expect(findings.every((f) => f.checker === "languagetool")).toBe(true);
  });

  it("checks en-GB and French with their own rules, and skips the organization's accepted words", async () => {
    const checker = createLanguageToolChecker({ url: fake.url, ...quick });
    const gb = await checker.check("The colour of the harbor.", context("en-GB"));
    expect(gb.map((f) => f.original)).toEqual(["harbor"]);
    const fr = await checker.check("Bonjoure, il voit le le chat.", context("fr-FR", ["Bonjoure"]));
    expect(fr.map((f) => [f.ruleId, f.original])).toEqual([["FRENCH_WORD_REPEAT_RULE", "le le"]]);
    expect(fake.requests.map((r) => r.form.language)).toEqual(["en-GB", "fr"]);
  });

  it("sends long chapters in batches under the request limit, offsets shifted back to the chapter", async () => {
    const paragraph = (i: number) => `Paragraph ${i} has some words and then teh end of it.`;
    const markdown = Array.from({ length: 40 }, (_, i) => paragraph(i)).join("\n\n");
    const findings = await createLanguageToolChecker({ url: fake.url, ...quick, maxRequestChars: 500 }).check(
      markdown,
      context(),
    );
    expect(fake.requests.length).toBeGreaterThan(4);
    for (const request of fake.requests) {
      const parts = JSON.parse(request.form.data!).annotation as { text?: string; markup?: string }[];
      expect(parts.reduce((sum, p) => sum + (p.text ?? p.markup ?? "").length, 0)).toBeLessThanOrEqual(500);
    }
    expect(findings).toHaveLength(40);
    let from = 0;
    for (const finding of findings) {
      const expected = markdown.indexOf("teh", from);
      expect(finding.startOffset).toBe(expected);
      from = expected + 1;
    }
  });

  it("retries 429 (after Retry-After) and 5xx, then succeeds", async () => {
    fake.script.push({ kind: "rate-limit", retryAfter: "0" }, { kind: "server-error", status: 503 });
    const findings = await createLanguageToolChecker({ url: fake.url, ...quick }).check("I recieve it.", context());
    expect(findings.map((f) => f.original)).toEqual(["recieve"]);
    expect(fake.requests).toHaveLength(3);
  });

  it("fails with clear typed errors: server error after retries, timeout, not JSON, unreachable, cancelled", async () => {
    const client = new LanguageToolClient({ url: fake.url, ...quick, maxRetries: 1 });
    const parts = [{ text: "Some text." }];
    fake.script.push({ kind: "server-error" }, { kind: "server-error" });
    await expect(client.check(parts, "en-US")).rejects.toMatchObject({ code: "SERVER_ERROR", retryable: true });

    fake.script.push({ kind: "hang" });
    const hanging = new LanguageToolClient({ url: fake.url, timeoutMs: 200, maxRetries: 0 });
    await expect(hanging.check(parts, "en-US")).rejects.toMatchObject({ code: "TIMEOUT" });

    fake.script.push({ kind: "not-json" });
    await expect(client.check(parts, "en-US")).rejects.toMatchObject({ code: "INVALID_RESPONSE" });

    const closed = new LanguageToolClient({ url: "http://127.0.0.1:9", ...quick, maxRetries: 0 });
    const error = await closed.check(parts, "en-US").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LanguageToolError);
    expect((error as LanguageToolError).code).toBe("UNREACHABLE");
    expect((error as LanguageToolError).message).toContain("LanguageTool server 127.0.0.1:9");

    const controller = new AbortController();
    controller.abort();
    await expect(client.check(parts, "en-US", controller.signal)).rejects.toMatchObject({ code: "ABORTED" });
  });

  it("sends nothing for a chapter without prose", async () => {
    const findings = await createLanguageToolChecker({ url: fake.url }).check("```\nteh\n```\n", context());
    expect(findings).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("LanguageTool mapping", () => {
  const match = (issueType: string | undefined, category: string): LanguageToolMatch => ({
    message: "m",
    replacements: [],
    offset: 0,
    length: 1,
    rule: { id: "R", issueType, category: { id: category } },
  });

  it("classifies by issue type and category", () => {
    expect(classifyMatch(match("misspelling", "TYPOS"))).toEqual({ type: "SPELLING", severity: "ERROR" });
    expect(classifyMatch(match("misspelling", "MISC"))).toEqual({ type: "GRAMMAR", severity: "WARNING" });
    expect(classifyMatch(match("grammar", "GRAMMAR"))).toEqual({ type: "GRAMMAR", severity: "WARNING" });
    expect(classifyMatch(match("duplication", "MISC"))).toEqual({ type: "GRAMMAR", severity: "WARNING" });
    expect(classifyMatch(match("typographical", "PUNCTUATION"))).toEqual({ type: "GRAMMAR", severity: "INFO" });
    expect(classifyMatch(match("style", "STYLE"))).toEqual({ type: "STYLE", severity: "INFO" });
    expect(classifyMatch(match("locale-violation", "REDUNDANCY"))).toEqual({ type: "STYLE", severity: "INFO" });
    expect(classifyMatch(match(undefined, "MISC"))).toEqual({ type: "GRAMMAR", severity: "INFO" });
  });

  it("cuts batches at paragraph breaks", () => {
    const parts = [
      { text: "One two." },
      { markup: "\n\n", interpretAs: "\n\n" },
      { text: "Three four." },
      { markup: "**" },
      { text: "five" },
      { markup: "\n\n", interpretAs: "\n\n" },
      { text: "Six." },
    ];
    const result = batches(parts, 25);
    expect(result.map((b) => b.start)).toEqual([0, 10]);
    expect(result[1]!.parts[0]).toEqual({ text: "Three four." });
  });
});
