import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { parseBook } from "./parse-book";
import { bookToTypst, breakLongWords, pdfExporter, typstString } from "./pdf-exporter";
import {
  pdfFonts,
  pdfMappedCharacters,
  pdfPageCount,
  pdfText,
  requireTool,
  run,
  tempDir,
} from "../../tests/support/exporters/format-tools";
import { LONG_WORD, mixedScriptsBookInput } from "../../tests/support/exporters/mixed-scripts";
import { SAMPLE_CHAPTER_TITLES, SAMPLE_TITLES, sampleBookInput } from "../../tests/support/exporters/sample-book";

const work = tempDir("pdf-test");
afterAll(work.cleanup);

async function renderSample(language: "en" | "fr", extraParagraphs = 2) {
  const book = await parseBook(sampleBookInput(language, { cover: language === "en", extraParagraphs }));
  const bytes = await pdfExporter.render(book);
  const path = join(work.dir, `${language}-${extraParagraphs}.pdf`);
  writeFileSync(path, bytes);
  return { book, bytes, path };
}

/** pdftotext output split into pages (form feeds), each with whitespace runs collapsed. */
async function pages(path: string): Promise<string[]> {
  return (await pdfText(path)).split("\f").map((page) => page.replace(/[ \t\r\n]+/g, " ").trim());
}

describe.each(["en", "fr"] as const)("PDF export (%s)", (language) => {
  it("is typeset as a book: title page, contents, each chapter on a new page, running heads and page numbers", async () => {
    const { path } = await renderSample(language, 12);
    const titles = SAMPLE_CHAPTER_TITLES[language];
    expect(await pdfPageCount(path)).toBeGreaterThan(titles.length + 2);
    const text = await pages(path);
    const offset = language === "en" ? 1 : 0; // the English sample has a cover page
    expect(text[offset]).toContain(SAMPLE_TITLES[language]);
    expect(text[offset]).toContain(DEMO_NOTICE);
    const contents = text[offset + 1]!;
    expect(contents).toContain(language === "fr" ? "Table des matières" : "Contents");
    for (const title of titles) expect(contents).toMatch(new RegExp(`${title}[ .\\u2060]*\\d+`));

    // Every chapter starts a page (its title is the page's first line) and no running head is printed there.
    const opened = titles.map((title) => text.findIndex((page) => page.startsWith(title)));
    expect(opened.every((index) => index > offset + 1)).toBe(true);
    expect(opened).toEqual([...opened].sort((a, b) => a - b));
    // A page inside chapter 1 that does not open it carries the running head and its page number.
    const inner = text.slice(opened[0]! + 1, opened[1]!);
    expect(inner.length).toBeGreaterThan(0);
    expect(inner.some((page) => /^\d+ /.test(page) || new RegExp(`^${titles[0]} \\d+`).test(page))).toBe(true);
  }, 60_000);

  it("embeds every font it uses", async () => {
    const { path } = await renderSample(language);
    const fonts = await pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it("keeps the document metadata and French spacing as real no-break characters", async () => {
    const { path, bytes } = await renderSample(language);
    const text = (await pages(path)).join(" ");
    const mapped = pdfMappedCharacters(bytes);
    if (language === "fr") {
      // pdftotext shows every space as U+0020; the font maps prove which characters were typeset.
      expect(text).toContain("Bonjour ! Vraiment ? Oui ; enfin : « une citation ».");
      expect(mapped.has(NARROW_NBSP)).toBe(true);
      expect(mapped.has(NBSP)).toBe(true);
    } else {
      expect(text).toContain("Hello! Really? Yes; finally: “a quotation”.");
      expect(mapped.has(NARROW_NBSP)).toBe(false);
      expect(mapped.has(NBSP)).toBe(false);
    }
    expect(text).toContain("inline: code!");
    expect(text).toContain("The first note, with emphasis.");
  });

  it("asks Typst to hyphenate in the book's language", async () => {
    const book = await parseBook(sampleBookInput(language));
    expect(bookToTypst(book).source).toContain(`lang: "${language}", hyphenate: true`);
  });
});

describe("Typst generation", () => {
  it("passes hostile text through as literal text", async () => {
    const nasty =
      'Hash # star * under_ $x$ @ref <lbl> [b] ] "q" \\ back `tick` = eq ~ tilde // slash /* c */ #let x = 1';
    const book = await parseBook({
      title: nasty,
      author: "A",
      language: "en",
      identifier: "x",
      date: "2025-01-01",
      content: `## ${nasty.replace(/[\\`*_[\]<$#]/g, "\\$&")}\n\n${nasty.replace(/[\\`*_[\]<$#]/g, "\\$&")}\n`,
    });
    const path = join(work.dir, "nasty.pdf");
    writeFileSync(path, await pdfExporter.render(book));
    const text = (await pages(path)).join(" ");
    expect(text.split(nasty).length - 1).toBeGreaterThanOrEqual(3); // title page, chapter heading, paragraph
  });

  it("keeps a 300-letter word inside the page, all of it", async () => {
    const path = join(work.dir, "long-word.pdf");
    writeFileSync(path, await pdfExporter.render(await parseBook(mixedScriptsBookInput())));
    const { stdout } = await run(requireTool("pdftotext"), ["-bbox", "-enc", "UTF-8", path, "-"]);
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(stdout)?.[1]);
    expect(pageWidth).toBeGreaterThan(0);
    const words = [
      ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ];
    expect(words.length).toBeGreaterThan(10);
    for (const [, xMin, xMax, word] of words) {
      expect(Number(xMin), word).toBeGreaterThanOrEqual(0);
      expect(Number(xMax), word).toBeLessThanOrEqual(pageWidth);
    }
    // The word wraps over several lines, and every letter is still there.
    const pieces = words.map(([, , , word]) => word!.replace(/\u200B/g, "")).filter((word) => /^x+$/.test(word));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(LONG_WORD);
  });

  it("adds break opportunities only inside over-long words, never inside CJK or ordinary words", () => {
    expect(breakLongWords("anticonstitutionnellement, internationalization")).toBe(
      "anticonstitutionnellement, internationalization",
    );
    expect(breakLongWords(`a ${"y".repeat(31)} b`)).toBe(`a ${"y".repeat(31).split("").join("\u200B")} b`);
    const cjk = "海边的小镇正在适应上升的海平面海边的小镇正在适应上升的海平面海边的小镇";
    expect(breakLongWords(cjk)).toBe(cjk);
    const accents = "é".normalize("NFD").repeat(31); // 31 letters of two code points each
    expect(breakLongWords(accents).split("\u200B")).toEqual(Array(31).fill("é".normalize("NFD")));
  });

  it("escapes string literals", () => {
    expect(typstString('a"b\\c\nd\u0001')).toBe('"a\\"b\\\\c\\nd"');
  });
});
