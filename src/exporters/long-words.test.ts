import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { docxExporter } from "./docx-exporter";
import { epubExporter } from "./epub-exporter";
import { htmlExporter } from "./html-exporter";
import { parseBook } from "./parse-book";
import { horizontalFit, withBrowser } from "../../tests/support/exporters/browser-layout";
import { epubcheck, requireTool, run, sofficeToPdf, tempDir } from "../../tests/support/exporters/format-tools";
import { LONG_WORD, mixedScriptsBookInput } from "../../tests/support/exporters/mixed-scripts";

const WIDTHS = [390, 1280];
const work = tempDir("long-words");
afterAll(work.cleanup);

/** Every word box pdftotext finds, with the page width. */
async function wordBoxes(pdfPath: string) {
  const { stdout } = await run(requireTool("pdftotext"), ["-bbox", "-enc", "UTF-8", pdfPath, "-"]);
  const pageWidth = Number(/<page width="([\d.]+)"/.exec(stdout)?.[1]);
  const words = [
    ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ];
  return {
    pageWidth,
    words: words.map(([, xMin, xMax, text]) => ({ xMin: Number(xMin), xMax: Number(xMax), text: text! })),
  };
}

describe("a 300-letter word in the HTML and EPUB exports", () => {
  it("wraps inside the window of a phone and of a desktop instead of widening the page", async () => {
    const book = await parseBook(mixedScriptsBookInput());
    const html = new TextDecoder().decode(await htmlExporter.render(book));
    expect(html).toContain(LONG_WORD);

    const files = unzipSync(await epubExporter.render(book));
    const chapterName = Object.keys(files).find((name) => strFromU8(files[name]!).includes(LONG_WORD));
    expect(chapterName).toBeDefined();
    // The chapter as a reading system shows it: its XHTML with the package's stylesheet inlined.
    const css = strFromU8(files["OEBPS/style.css"]!);
    const chapter = strFromU8(files[chapterName!]!).replace(/<link rel="stylesheet"[^>]*\/>/, `<style>${css}</style>`);
    expect(chapter).toContain("<style>");

    const [htmlFit, epubFit] = await withBrowser(async (browser) => [
      await horizontalFit(browser, html, WIDTHS),
      await horizontalFit(browser, chapter, WIDTHS),
    ]);
    for (const fit of [...htmlFit!, ...epubFit!])
      expect(fit.scrollWidth, `at ${fit.width}px`).toBeLessThanOrEqual(fit.width);
  }, 60_000);

  it("keeps the EPUB valid for epubcheck", async () => {
    const path = join(work.dir, "mixed.epub");
    writeFileSync(path, await epubExporter.render(await parseBook(mixedScriptsBookInput())));
    const report = await epubcheck(path);
    expect(report.messages, report.messages.join("\n")).toEqual([]);
    expect(report.errors + report.fatals + report.warnings).toBe(0);
  }, 120_000);
});

describe("a 300-letter word in the DOCX export", () => {
  it("is wrapped by the word processor inside the page (LibreOffice's layout)", async () => {
    const path = join(work.dir, "mixed.docx");
    writeFileSync(path, await docxExporter.render(await parseBook(mixedScriptsBookInput())));
    const converted = await sofficeToPdf([path], work.dir);
    expect(converted.code, converted.stderr).toBe(0);
    const { pageWidth, words } = await wordBoxes(join(work.dir, "mixed.pdf"));
    expect(pageWidth).toBeGreaterThan(0);
    const pieces = words.filter((word) => /^x+$/.test(word.text));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((word) => word.text).join("")).toBe(LONG_WORD);
    for (const word of words) expect(word.xMax, word.text).toBeLessThanOrEqual(pageWidth);
  }, 120_000);
});
