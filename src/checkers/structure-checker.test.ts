import { describe, expect, it } from "vitest";
import type { BookCheckInput, BookFinding, CheckedChapter } from "./checker";
import { createStructureChecker } from "./structure-checker";

const checker = createStructureChecker();

/** Prose of about `words` words with no repeated 3-word sequence (every sentence is different). */
function prose(words: number, seed: string): string {
  const syllables = ["ba", "ke", "li", "mo", "nu", "ra", "se", "to", "vi", "zu"];
  const out: string[] = [];
  for (let i = 0; out.length < words; i++) {
    const n = i * 7 + seed.length * 131 + seed.charCodeAt(0) * 17;
    out.push(`${syllables[n % 10]}${syllables[Math.floor(n / 10) % 10]}${syllables[Math.floor(n / 100) % 10]}${seed}`);
  }
  return `${out.join(" ")}.`;
}

function chapter(order: number, markdown: string, extra: Partial<CheckedChapter> = {}): CheckedChapter {
  return { id: `ch${order}`, order, title: `Chapter ${order}`, markdown, synopsis: null, wordBudget: null, ...extra };
}

const book = (chapters: CheckedChapter[]): BookCheckInput => ({ title: "A book", variant: "en-US", chapters });
const byRule = (findings: BookFinding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

function expectAnchored(chapters: CheckedChapter[], findings: BookFinding[]) {
  for (const f of findings) {
    expect(f.type).toBe("STRUCTURE");
    expect(f.checker).toBe("structure");
    if (f.startOffset === null) continue;
    const markdown = chapters.find((c) => c.id === f.chapterId)!.markdown;
    expect(markdown.slice(f.startOffset, f.endOffset!)).toBe(f.original);
  }
}

describe("structure checker", () => {
  it("reports a skipped heading level on its marker, with the right level as suggestion", async () => {
    const markdown = `## Part\n\n${prose(60, "a")}\n\n#### Detail\n\nText here.\n\n### Fine\n`;
    const chapters = [chapter(1, markdown)];
    const findings = await checker.check(book(chapters));
    expectAnchored(chapters, findings);
    const skipped = byRule(findings, "skipped-heading-level");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ original: "####", suggestions: ["###"], chapterId: "ch1" });
    expect(skipped[0]!.startOffset).toBe(markdown.indexOf("#### Detail"));
  });

  it("reports empty and near-empty chapters, and chapters far from their word budget", async () => {
    const chapters = [
      chapter(1, ""),
      chapter(2, "Only a few words here."),
      chapter(3, prose(120, "c"), { wordBudget: 100 }),
      chapter(4, prose(112, "d"), { wordBudget: 100 }),
      chapter(5, prose(80, "e"), { wordBudget: 100 }),
    ];
    const findings = await checker.check(book(chapters));
    expect(byRule(findings, "empty-chapter").map((f) => [f.chapterId, f.severity])).toEqual([["ch1", "ERROR"]]);
    expect(byRule(findings, "near-empty-chapter").map((f) => f.chapterId)).toEqual(["ch2"]);
    const budget = byRule(findings, "word-budget");
    expect(budget.map((f) => f.chapterId)).toEqual(["ch3", "ch5"]);
    expect(budget[0]!.message).toContain("20 % over its outline budget of 100");
    expect(budget[1]!.message).toContain("20 % under");
    expect(budget.every((f) => f.startOffset === null && f.endOffset === null)).toBe(true);
  });

  it("reports a duplicate chapter title on the later chapter", async () => {
    const chapters = [
      chapter(1, prose(60, "a"), { title: "The Storm" }),
      chapter(2, prose(60, "b"), { title: "Calm" }),
      chapter(3, prose(60, "c"), { title: "  the  storm " }),
    ];
    const findings = byRule(await checker.check(book(chapters)), "duplicate-chapter-title");
    expect(findings.map((f) => [f.chapterId, f.original])).toEqual([["ch3", "  the  storm "]]);
    expect(findings[0]!.message).toContain("chapter 1 “The Storm”");
  });

  it("finds a paragraph repeated (with small edits) in another chapter, not different paragraphs", async () => {
    const repeated =
      "The lighthouse keeper climbed the spiral stairs every evening at dusk, carrying a lamp, a flask of tea " +
      "and the logbook in which he wrote down every ship that passed the rocks below the cliffs of the island.";
    const edited = repeated.replace("every evening", "each evening");
    const chapters = [
      chapter(1, `${prose(40, "a")}\n\n${repeated}\n`),
      chapter(2, `${prose(40, "b")}\n\n*${edited}*\n\n${prose(40, "x")}\n`),
      chapter(3, `${prose(60, "c")}\n`),
    ];
    const findings = await checker.check(book(chapters));
    expectAnchored(chapters, findings);
    const repeats = byRule(findings, "repeated-paragraph");
    expect(repeats).toHaveLength(1);
    expect(repeats[0]).toMatchObject({ chapterId: "ch2", original: edited, severity: "WARNING" });
    expect(repeats[0]!.message).toContain("chapter 1");
  });

  it("grows linearly with the book, not with its pairs of paragraphs (hash index on a 100,000-word book)", async () => {
    const bookOf = (count: number) =>
      book(
        Array.from({ length: count }, (_, c) =>
          chapter(c + 1, Array.from({ length: 40 }, (_, p) => prose(100, `q${c}p${p}`)).join("\n\n")),
        ),
      );
    const timed = async (count: number) => {
      const started = performance.now();
      const findings = await checker.check(bookOf(count));
      expect(byRule(findings, "repeated-paragraph")).toEqual([]);
      return performance.now() - started;
    };
    // A ratio against a smaller book measured in the same run (absolute times mean nothing on a shared
    // machine): 5× the paragraphs costs about 5× the time when paragraphs are looked up by hash, 25× when
    // every pair is compared. The small book is timed twice and the faster run kept (warm-up, noise).
    await timed(5);
    const small = Math.min(await timed(5), await timed(5));
    const large = await timed(25);
    expect(large / small).toBeLessThan(15);
  });

  it("reports the minority spelling of a term or name, with the majority form as suggestion", async () => {
    const chapters = [
      chapter(1, "Jean-Marc sent an email. The email was short. Jean-Marc waited for a reply by email."),
      chapter(2, "E-mail was his habit. Jean Marc read it twice. We must co-operate, said Ada, or cooperate twice."),
      chapter(3, "They cooperate well. Nobody may be late, maybe."),
    ];
    const findings = await checker.check(book(chapters));
    expectAnchored(chapters, findings);
    const spelling = byRule(findings, "inconsistent-spelling");
    expect(spelling.map((f) => [f.chapterId, f.original, f.suggestions])).toEqual([
      ["ch2", "E-mail", ["Email"]],
      ["ch2", "Jean Marc", ["Jean-Marc"]],
      ["ch2", "co-operate", ["cooperate"]],
    ]);
    expect(spelling.every((f) => f.severity === "INFO")).toBe(true);
  });

  it("stops when the check is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(checker.check({ ...book([chapter(1, prose(60, "a"))]), signal: controller.signal })).rejects.toThrow();
  });
});
