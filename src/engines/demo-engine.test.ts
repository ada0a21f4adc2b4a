import { describe, expect, it } from "vitest";
import { DEMO_ENGINE_LABEL, DemoEngine, demoChapterLabel } from "./demo-engine";
import { generateOutlineWithRetries } from "./generate-outline";
import { countWords } from "./word-count";
import { type BookBrief, EngineError, validateOutline } from "./writing-engine";

const brief: BookBrief = {
  title: "The Quiet Workshop",
  topic: "woodworking for beginners",
  goal: "Help a beginner build a first piece of furniture",
  language: "en",
  targetChapters: 5,
  targetWords: 4000,
};

async function writeAll(engine: DemoEngine, b: BookBrief) {
  const { outline } = await engine.outline({ brief: b });
  const chapters = [];
  for (let index = 0; index < outline.chapters.length; index++) {
    chapters.push(await engine.writeChapter({ brief: b, outline, index }, () => {}));
  }
  return { outline, chapters };
}

describe("DemoEngine", () => {
  it("is labelled as a demo", () => {
    const engine = new DemoEngine();
    expect(engine.id).toBe("demo");
    expect(engine.isDemo).toBe(true);
    expect(engine.label).toBe("Demo engine — placeholder text");
  });

  it("is deterministic: the same brief gives the same book, another brief another book", async () => {
    const first = await writeAll(new DemoEngine(), brief);
    const second = await writeAll(new DemoEngine(), brief);
    expect(second).toEqual(first);
    const other = await writeAll(new DemoEngine(), { ...brief, topic: "sourdough bread at home" });
    expect(other.chapters[1]!.content).not.toBe(first.chapters[1]!.content);
    expect(other.outline.chapters[0]!.title).toBe("Sourdough Bread at Home: Why It Matters");
  });

  it("plans exactly targetChapters chapters whose budgets sum to targetWords", async () => {
    for (const [targetChapters, targetWords] of [
      [1, 500],
      [5, 4000],
      [14, 30_001],
    ] as const) {
      const b = { ...brief, targetChapters, targetWords };
      const { outline } = await new DemoEngine().outline({ brief: b });
      expect(outline.chapters).toHaveLength(targetChapters);
      expect(outline.chapters.reduce((sum, c) => sum + c.wordBudget, 0)).toBe(targetWords);
      expect(validateOutline(outline, b).ok).toBe(true);
      expect(new Set(outline.chapters.map((c) => c.title)).size).toBe(targetChapters);
    }
  });

  it("labels every chapter and respects its word budget within 10%", async () => {
    const { outline, chapters } = await writeAll(new DemoEngine(), { ...brief, targetChapters: 4, targetWords: 2750 });
    chapters.forEach((chapter, i) => {
      expect(chapter.content.split("\n")[0]).toBe(`*${DEMO_ENGINE_LABEL}*`);
      expect(chapter.content).not.toMatch(/^# /m);
      expect(chapter.wordCount).toBe(countWords(chapter.content));
      const budget = outline.chapters[i]!.wordBudget;
      expect(Math.abs(chapter.wordCount - budget)).toBeLessThanOrEqual(budget * 0.1);
    });
  });

  it("writes French placeholder text for a French book", async () => {
    const fr = { ...brief, language: "fr" as const, topic: "la menuiserie pour débutants" };
    const { outline, chapters } = await writeAll(new DemoEngine(), fr);
    expect(outline.chapters[0]!.title).toBe("La menuiserie pour débutants : les enjeux");
    expect(chapters[0]!.content.startsWith(demoChapterLabel.fr)).toBe(true);
    expect(chapters[0]!.content).not.toContain(DEMO_ENGINE_LABEL);
    expect(chapters[0]!.content).toMatch(/\b(nous|le|une|de)\b/);
    expect(chapters[0]!.content).not.toMatch(/\b(the|with)\b/);
  });

  it("opens a book on a question with a title, and speaks of the whole topic in its prose", async () => {
    const coastal = { ...brief, topic: "How small coastal towns adapt to rising seas", targetChapters: 3 };
    const { outline, chapters } = await writeAll(new DemoEngine(), coastal);
    expect(outline.chapters.map((c) => c.title)).toEqual([
      "How Small Coastal Towns Adapt to Rising Seas: The Stakes",
      expect.any(String),
      "Looking Ahead",
    ]);
    const prose = [outline.chapters[0]!.synopsis, ...chapters.map((c) => c.content)].join(" ");
    expect(prose).toContain("how small coastal towns adapt to rising seas");
    expect(prose).not.toMatch(/adapt to\b(?! rising)/);
  });

  it("streams the chapter in several chunks that add up to the content", async () => {
    const engine = new DemoEngine({ wordsPerChunk: 4 });
    const { outline } = await engine.outline({ brief });
    const tokens: string[] = [];
    const result = await engine.writeChapter({ brief, outline, index: 2 }, (t) => tokens.push(t));
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.join("")).toBe(result.content);
  });

  it("stops when the caller aborts mid-stream", async () => {
    const engine = new DemoEngine();
    const { outline } = await engine.outline({ brief });
    const controller = new AbortController();
    const tokens: string[] = [];
    const writing = engine.writeChapter(
      { brief, outline, index: 0 },
      (t) => {
        tokens.push(t);
        if (tokens.length === 3) controller.abort();
      },
      controller.signal,
    );
    await expect(writing).rejects.toMatchObject({ code: "ABORTED", retryable: false });
    expect(tokens).toHaveLength(3);
  });

  it("stops during its simulated latency and refuses an already aborted signal", async () => {
    const engine = new DemoEngine({ delayMsPerChapter: 10_000, outlineDelayMs: 10_000 });
    const { outline } = await new DemoEngine().outline({ brief });
    const started = Date.now();
    const writing = engine.writeChapter({ brief, outline, index: 0 }, () => {}, AbortSignal.timeout(30));
    await expect(writing).rejects.toBeInstanceOf(EngineError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(engine.outline({ brief }, AbortSignal.abort())).rejects.toMatchObject({ code: "ABORTED" });
  });

  it("honours the per-token delay", async () => {
    const engine = new DemoEngine({ tokenDelayMs: 5, wordsPerChunk: 50 });
    const b = { ...brief, targetChapters: 1, targetWords: 500 };
    const { outline } = await engine.outline({ brief: b });
    const started = Date.now();
    let chunks = 0;
    await engine.writeChapter({ brief: b, outline, index: 0 }, () => chunks++);
    expect(chunks).toBeGreaterThanOrEqual(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(chunks * 4);
  });

  it("passes the outline retry loop on the first attempt", async () => {
    const result = await generateOutlineWithRetries(new DemoEngine(), brief, { attempts: 3 });
    expect(result.attempts).toBe(1);
    expect(result.outline.chapters).toHaveLength(5);
  });
});
