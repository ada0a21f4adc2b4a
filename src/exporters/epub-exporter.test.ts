import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE } from "./book-labels";
import { epubExporter } from "./epub-exporter";
import { NARROW_NBSP, NBSP } from "./french-typography";
import { parseBook } from "./parse-book";
import { epubcheck, tempDir } from "../../tests/support/exporters/format-tools";
import { SAMPLE_CHAPTER_TITLES, SAMPLE_TITLES, sampleBookInput } from "../../tests/support/exporters/sample-book";

const work = tempDir("epub-test");
afterAll(work.cleanup);

async function renderSample(language: "en" | "fr", cover: boolean) {
  const book = await parseBook(sampleBookInput(language, { cover }));
  const bytes = await epubExporter.render(book);
  const path = join(work.dir, `${language}-${cover ? "cover" : "plain"}.epub`);
  writeFileSync(path, bytes);
  return { bytes, path, files: unzipSync(bytes) };
}

describe("EPUB export", () => {
  it("passes epubcheck with 0 fatals, 0 errors and 0 warnings, in English (with cover) and French", async () => {
    const [en, fr] = await Promise.all([renderSample("en", true), renderSample("fr", false)]);
    const reports = await Promise.all([epubcheck(en.path), epubcheck(fr.path)]);
    for (const report of reports) {
      expect(report.messages, report.messages.join("\n")).toEqual([]);
      expect({ fatals: report.fatals, errors: report.errors, warnings: report.warnings }).toEqual({
        fatals: 0,
        errors: 0,
        warnings: 0,
      });
    }
  }, 120_000);

  it("starts with the mimetype entry, stored uncompressed with no extra field", async () => {
    const { bytes } = await renderSample("en", false);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const nameLength = view.getUint16(26, true);
    expect(view.getUint16(28, true)).toBe(0); // extra field length
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe("mimetype");
    expect(strFromU8(bytes.subarray(30 + nameLength, 30 + nameLength + 20))).toBe("application/epub+zip");
  });

  it("describes the book in package.opf and lists one XHTML file per chapter in the nav", async () => {
    const { files } = await renderSample("fr", true);
    const opf = strFromU8(files["OEBPS/package.opf"]!);
    expect(opf).toContain(`<dc:title>${SAMPLE_TITLES.fr}</dc:title>`);
    expect(opf).toContain('<dc:creator id="creator">Adèle Marlowe</dc:creator>');
    expect(opf).toContain("<dc:language>fr</dc:language>");
    expect(opf).toContain('<dc:identifier id="book-id">urn:uuid:0b6f3c9e-7d1a-4f5e-9a2b-3c4d5e6f7a8b</dc:identifier>');
    expect(opf).toContain("<dc:date>2025-03-14</dc:date>");
    expect(opf).toContain('<meta property="dcterms:modified">2025-03-14T00:00:00Z</meta>');
    expect(opf).toContain(DEMO_NOTICE);
    expect(opf).toMatch(
      /<item id="cover-image" href="images\/cover.png" media-type="image\/png" properties="cover-image"\/>/,
    );
    expect(opf).toMatch(/<item id="img-1" href="images\/img-1.png" media-type="image\/png"\/>/);
    expect(strFromU8(files["META-INF/container.xml"]!)).toContain('full-path="OEBPS/package.opf"');

    const nav = strFromU8(files["OEBPS/nav.xhtml"]!);
    const links = [...nav.matchAll(/<li><a href="(chapter-\d+\.xhtml)">([^<]+)<\/a><\/li>/g)];
    expect(links.map((m) => m[2])).toEqual(SAMPLE_CHAPTER_TITLES.fr);
    for (const [, href, title] of links) {
      const chapter = strFromU8(files[`OEBPS/${href}`]!);
      expect(chapter).toContain('xml:lang="fr" lang="fr"');
      expect(chapter).toMatch(new RegExp(`<h1 id="[^"]+">${title}</h1>`));
    }
    expect(strFromU8(files["OEBPS/title-page.xhtml"]!)).toContain(DEMO_NOTICE);
  });

  it("keeps notes in the chapter that cites them and applies French spacing in the XHTML", async () => {
    const { files } = await renderSample("fr", false);
    const first = strFromU8(files["OEBPS/chapter-1.xhtml"]!);
    const second = strFromU8(files["OEBPS/chapter-2.xhtml"]!);
    expect(first).toMatch(/<a href="#fn-1" id="fnref-1" class="noteref" role="doc-noteref" epub:type="noteref">1<\/a>/);
    expect(first).toContain('<aside epub:type="footnote" role="doc-footnote" id="fn-1">');
    expect(first).toContain('<aside epub:type="footnote" role="doc-footnote" id="fn-2">');
    expect(second).toContain('<aside epub:type="footnote" role="doc-footnote" id="fn-1">');
    expect(second).not.toContain('id="fn-2"');
    // Cross-chapter links point at the other file.
    expect(second).toMatch(/<a href="chapter-1\.xhtml#arrivee-a-la-pointe">/);
    expect(first).toContain(
      `Bonjour${NARROW_NBSP}! Vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}; enfin${NBSP}: «${NBSP}une citation${NBSP}».`,
    );
    expect(first).toContain("<code>inline: code!</code>");
  });
});
