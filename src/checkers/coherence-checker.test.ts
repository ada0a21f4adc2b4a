import { describe, expect, it } from "vitest";
import { getEngine } from "@/engines/registry";
import { EngineError } from "@/engines/writing-engine";
import { openAiFakeForSuite } from "../../tests/helpers/openai-fake-suite";
import type { BookCheckInput, CheckedChapter } from "./checker";
import {
  CHAPTER_EXCERPT_CHARS,
  CoherenceAnswerError,
  createCoherenceChecker,
  findingsFromAnswer,
  findQuote,
} from "./coherence-checker";
import { coherenceCompleteForEngine, coherenceCompleteFromSettings } from "./coherence-engine";

const fake = openAiFakeForSuite();

const chapters: CheckedChapter[] = [
  {
    id: "c1",
    order: 1,
    title: "The Harbour",
    synopsis: "Ada arrives in the port town.",
    wordBudget: 1000,
    markdown: "Ada was **thirty years old** when she first saw the harbour.\n\nShe had “blue eyes”, people said.\n",
  },
  {
    id: "c2",
    order: 2,
    title: "The Storm",
    synopsis: "A storm keeps the boats in.",
    wordBudget: 1000,
    markdown: "On her twenty-fifth birthday,\nAda watched the storm from the quay.\n\nHer green eyes stung.\n",
  },
];
const book: BookCheckInput = { title: "Tides", variant: "en-GB", chapters };

/** The fake answers the next completion with this JSON (its scripted "malformed-outline" answer is any JSON). */
function answerWith(answer: unknown) {
  fake.setBehaviour({ script: [{ kind: "malformed-outline", outline: answer }] });
}

function checkerOnFake() {
  const complete = coherenceCompleteFromSettings({
    baseUrl: fake.url,
    model: "fake-model",
    apiKey: "sk-test",
    timeoutMs: 5_000,
    maxRetries: 1,
    retryBaseDelayMs: 5,
  });
  if (!complete) throw new Error("no complete function");
  return createCoherenceChecker(complete);
}

describe("coherence checker on an OpenAI-compatible engine (loopback fake)", () => {
  it("keeps findings whose quote exists (with the right offsets) and drops invented or misplaced quotes", async () => {
    answerWith({
      findings: [
        {
          chapterOrder: 2,
          // Curly quotes, a line break and case differ from the source; the words are the chapter's.
          quote: "“on her twenty-fifth birthday, Ada watched the storm”",
          message: "Chapter 1 says Ada was thirty when she arrived; here she is twenty-five.",
          severity: "error",
          suggestion: "On her thirty-first birthday, Ada watched the storm",
        },
        { chapterTitle: "the harbour", quote: 'She had "blue eyes"', message: "Chapter 2 gives her green eyes." },
        { chapterOrder: 2, quote: "Ada sailed away on the ferry", message: "Invented quote." },
        { chapterOrder: 1, quote: "Her green eyes stung.", message: "Quote from another chapter." },
        { chapterOrder: 9, quote: "Ada was", message: "No such chapter." },
        { quote: "Ada was", message: "No chapter named." },
      ],
    });
    const findings = await checkerOnFake().check(book);

    expect(findings).toHaveLength(2);
    const [age, eyes] = findings;
    const source2 = chapters[1]!.markdown;
    expect(age).toMatchObject({
      type: "COHERENCE",
      checker: "coherence",
      chapterId: "c2",
      severity: "ERROR",
      suggestions: ["On her thirty-first birthday, Ada watched the storm"],
    });
    expect(age!.startOffset).toBe(0);
    expect(source2.slice(age!.startOffset!, age!.endOffset!)).toBe(
      "On her twenty-fifth birthday,\nAda watched the storm",
    );
    expect(age!.original).toBe(source2.slice(age!.startOffset!, age!.endOffset!));
    expect(eyes).toMatchObject({
      chapterId: "c1",
      severity: "WARNING",
      original: "She had “blue eyes”",
      suggestions: [],
    });

    // One request, JSON mode, carrying the outline and every chapter's excerpt.
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!.body;
    expect(request.response_format).toEqual({ type: "json_object" });
    expect(request.stream).toBe(false);
    const prompt = request.messages.map((m: { content: string }) => m.content).join("\n");
    expect(prompt).toContain("1. The Harbour — Ada arrives in the port town.");
    expect(prompt).toContain("Ada watched the storm from the quay.");
    expect(prompt).not.toContain("**");
  });

  it("answers no findings and a typed error when the model's answer is not JSON", async () => {
    fake.setBehaviour({ script: [{ kind: "bad-json", where: "content" }] });
    const error = await checkerOnFake()
      .check(book)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoherenceAnswerError);
    expect((error as CoherenceAnswerError).code).toBe("COHERENCE_INVALID_ANSWER");
  });

  it("reports provider failures as the engine's errors (retries included), not as findings", async () => {
    fake.setBehaviour({ script: [{ kind: "server-error", status: 503 }, { kind: "unauthorized" }] });
    const error = await checkerOnFake()
      .check(book)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("AUTH");
    expect(fake.requests).toHaveLength(2);
  });

  it("keeps the SSRF guard: an organization's private URL is refused before any request", async () => {
    const complete = coherenceCompleteFromSettings({
      baseUrl: fake.url,
      model: "fake-model",
      refusePrivateAddresses: true,
      maxRetries: 0,
    });
    const error = await createCoherenceChecker(complete!)
      .check(book)
      .catch((e: unknown) => e);
    expect((error as EngineError).code).toBe("PRIVATE_ADDRESS");
    expect(fake.requests).toHaveLength(0);
  });

  it("gives the demo engine no coherence pass", () => {
    expect(coherenceCompleteForEngine(getEngine("demo"))).toBeUndefined();
  });
});

describe("reading the coherence answer", () => {
  it("tolerates JSON in a ```json fence and a bare array; skips malformed items", () => {
    const fenced =
      'Here you go:\n```json\n{"findings": [{"chapterOrder": 1, "quote": "first saw the harbour", "message": "x"}]}\n```';
    expect(findingsFromAnswer(fenced, chapters).map((f) => f.original)).toEqual(["first saw the harbour"]);
    const bare = JSON.stringify([
      { chapterOrder: 1, quote: "thirty years old", message: "emphasis markers are not part of the quote" },
      { chapterOrder: 1, message: "no quote" },
      { chapterOrder: "two", quote: "storm", message: "bad order" },
    ]);
    const findings = findingsFromAnswer(bare, chapters);
    expect(findings.map((f) => f.original)).toEqual(["thirty years old"]);
  });

  it("throws a typed error for JSON of the wrong shape", () => {
    expect(() => findingsFromAnswer('{"problems": []}', chapters)).toThrow(CoherenceAnswerError);
    expect(() => findingsFromAnswer("no json here", chapters)).toThrow(CoherenceAnswerError);
    expect(findingsFromAnswer('{"findings": []}', chapters)).toEqual([]);
  });

  it("finds quotes whatever their quotation marks, spacing, emphasis and trailing ellipsis", () => {
    const markdown = "He said: “It is *over*.”  Then\n\nhe left…";
    // Marks that are in the text are part of the match; marks only around the quote are not.
    expect(findQuote(markdown, '"it is over."')).toEqual([markdown.indexOf("“"), markdown.indexOf("”") + 1]);
    expect(findQuote(markdown, "«Then he left»")).toEqual([markdown.indexOf("Then"), markdown.indexOf("…")]);
    expect(findQuote(markdown, "It is over...")).toEqual([markdown.indexOf("It"), markdown.indexOf("over") + 4]);
    expect(findQuote(markdown, "nothing like it")).toBeUndefined();
  });

  it("bounds the excerpt of a long chapter to its opening and closing paragraphs", async () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} ${"word ".repeat(30)}.`);
    const long: CheckedChapter = { ...chapters[0]!, markdown: paragraphs.join("\n\n") };
    let prompt = "";
    await createCoherenceChecker(async (messages) => {
      prompt = messages.map((m) => m.content).join("\n");
      return '{"findings": []}';
    }).check({ ...book, chapters: [long] });
    expect(prompt).toContain("Paragraph 0 ");
    expect(prompt).toContain("Paragraph 199 ");
    expect(prompt).not.toContain("Paragraph 100 ");
    expect(prompt.length).toBeLessThan(CHAPTER_EXCERPT_CHARS + 2_000);
  });
});
