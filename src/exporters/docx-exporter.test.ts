import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { docxExporter } from "./docx-exporter";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { parseBook } from "./parse-book";
import { pdfPageCount, pdfText, sofficeToPdf, tempDir } from "../../tests/support/exporters/format-tools";
import {
  SAMPLE_CHAPTER_TITLES,
  SAMPLE_IMAGE_URL,
  samplePng,
  sampleBookInput,
} from "../../tests/support/exporters/sample-book";

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
    expect(xml("word/styles.xml")).toMatch(/w:styleId="Heading1"[\s\S]*?<w:name w:val="heading 1"\/>/i);

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

  it("writes a consistent package: well-formed parts, every relationship and part declared", async () => {
    // Notes holding a link, an image and a reference to another note; an ordered list starting at 3
    // whose item has a second paragraph: the parts of the writer the sample book does not reach.
    const book = await parseBook({
      ...sampleBookInput("en"),
      content: [
        "## One",
        "",
        "Body text[^a] and again[^a].",
        "",
        "3. third",
        "",
        "   more about the third",
        "4. fourth",
        "",
        `[^a]: See [a site](https://example.com/note) and ![pic](${SAMPLE_IMAGE_URL}), also[^b].`,
        "[^b]: The nested note.",
      ].join("\n"),
      resolveImage: async (src) => (src === SAMPLE_IMAGE_URL ? { bytes: samplePng(), contentType: "image/png" } : null),
    });
    const files = unzipSync(await docxExporter.render(book));
    const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
    for (const name of Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n))) {
      expect(XMLValidator.validate(text(name)), name).toBe(true);
    }
    const types = text("[Content_Types].xml");
    for (const name of Object.keys(files)) {
      const extension = name.split(".").pop()!;
      const declared =
        types.includes(`PartName="/${name}"`) || types.includes(`Extension="${extension}"`) || name.endsWith(".rels");
      expect(declared, `${name} has no content type`).toBe(true);
    }
    for (const [part, rels] of [
      ["word/document.xml", "word/_rels/document.xml.rels"],
      ["word/footnotes.xml", "word/_rels/footnotes.xml.rels"],
    ] as const) {
      const targets = new Map(
        [...text(rels).matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"(?: TargetMode="External")?/g)].map((m) => [
          m[1]!,
          m[0].includes("External") ? null : m[2]!,
        ]),
      );
      const used = [...text(part).matchAll(/r:(?:id|embed)="([^"]+)"/g)].map((m) => m[1]!);
      for (const id of used) expect(targets.has(id), `${part} uses ${id}, missing from ${rels}`).toBe(true);
      for (const target of targets.values()) if (target) expect(files[`word/${target}`], target).toBeDefined();
    }
    // The link and the image inside the note are relationships of footnotes.xml.
    expect(text("word/_rels/footnotes.xml.rels")).toContain('Target="https://example.com/note" TargetMode="External"');
    expect(text("word/_rels/footnotes.xml.rels")).toContain('Target="media/');
    const notes = wordText(text("word/footnotes.xml"));
    expect(notes).toContain("See a site and");
    expect(notes).toContain("The nested note.");
    const document = text("word/document.xml");
    expect([...document.matchAll(/<w:footnoteReference /g)]).toHaveLength(1);
    expect(text("word/numbering.xml")).toContain('<w:startOverride w:val="3"/>');
    expect(wordText(document)).toContain("more about the third");
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
