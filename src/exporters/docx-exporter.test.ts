import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { docxExporter } from "./docx-exporter";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { parseBook } from "./parse-book";
import { pdfPageCount, pdfText, sofficeToPdf, tempDir } from "./testing/format-tools";
import { SAMPLE_CHAPTER_TITLES, sampleBookInput } from "./testing/sample-book";

const work = tempDir("docx-test");
afterAll(work.cleanup);

async function renderSample(language: "en" | "fr") {
  const book = await parseBook(sampleBookInput(language, { cover: language === "en" }));
  const bytes = await docxExporter.render(book);
  const path = join(work.dir, `${language}.docx`);
  writeFileSync(path, bytes);
  const files = unzipSync(bytes);
  const xml = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  return { path, files, xml };
}

/** The visible text of a WordprocessingML part: every <w:t> run, paragraphs separated by newlines. */
function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

describe("DOCX export", () => {
  it("uses real heading styles, a TOC field, a page break before each chapter, and Word footnotes", async () => {
    const { xml, files } = await renderSample("en");
    const document = xml("word/document.xml");
    const headings = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) =>
      wordText(m[0]).trim(),
    );
    expect(headings).toEqual(SAMPLE_CHAPTER_TITLES.en);
    expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(document).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(document).toMatch(/<w:instrText[^>]*>\s*TOC \\h \\o &quot;1-1&quot;/);
    const chapterBreaks = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]{0,200}?<w:pageBreakBefore\/>/g)];
    // The opening section sits after the contents, so all three chapters start on a new page.
    expect(chapterBreaks).toHaveLength(3);
    expect(xml("word/styles.xml")).toMatch(/w:styleId="Heading1"[\s\S]*?<w:name w:val="Heading 1"\/>/);

    const footnotes = wordText(xml("word/footnotes.xml"));
    expect(footnotes).toContain("The first note, with emphasis.");
    expect(footnotes).toContain("The second note.");
    expect([...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(["1", "2"]);

    expect(document).toContain("<w:tbl>");
    expect(document).toMatch(/<w:numPr>/);
    expect(wordText(document)).toContain('const answer = 42; // <tag> & "quotes": fine!');
    expect(Object.keys(files).filter((name) => name.startsWith("word/media/"))).toHaveLength(2);
    expect(wordText(document)).toContain(DEMO_NOTICE);
    expect(xml("docProps/core.xml")).toContain("<dc:language>en</dc:language>");
  });

  it("puts French spacing in the document text and marks the text as French", async () => {
    const { xml } = await renderSample("fr");
    const document = xml("word/document.xml");
    expect(wordText(document)).toContain(
      `Bonjour${NARROW_NBSP}! Vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}; enfin${NBSP}: «${NBSP}une citation${NBSP}».`,
    );
    expect(wordText(document)).toContain("inline: code!");
    expect(xml("word/styles.xml")).toContain('<w:lang w:val="fr-FR"/>');
  });

  it("opens in LibreOffice: headless conversion to PDF succeeds with every chapter on its own page", async () => {
    const [en, fr] = await Promise.all([renderSample("en"), renderSample("fr")]);
    const outDir = join(work.dir, "lo");
    const result = await sofficeToPdf([en.path, fr.path], outDir);
    expect(result.code, result.stderr).toBe(0);
    for (const language of ["en", "fr"] as const) {
      const pdf = join(outDir, `${language}.pdf`);
      expect(existsSync(pdf), `LibreOffice did not produce ${pdf}:\n${result.stdout}\n${result.stderr}`).toBe(true);
      expect(await pdfPageCount(pdf)).toBeGreaterThan(SAMPLE_CHAPTER_TITLES[language].length);
      const text = await pdfText(pdf);
      for (const title of SAMPLE_CHAPTER_TITLES[language]) expect(text).toContain(title);
      expect(text).toContain("The first note, with emphasis.");
    }
  }, 180_000);
});
