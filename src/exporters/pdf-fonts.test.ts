import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseBook } from "./parse-book";
import { pdfExporter } from "./pdf-exporter";
import { FALLBACK_SCRIPTS, parseFontPaths } from "./pdf-fonts";
import { pdfFonts, pdfPageCount, pdfText, requireTool, run, tempDir } from "../../tests/support/exporters/format-tools";
import {
  mixedScriptsBookInput,
  normalizeExtractedText,
  SCRIPT_SAMPLES,
} from "../../tests/support/exporters/mixed-scripts";

const work = tempDir("pdf-fonts");
afterAll(work.cleanup);

/** Typst draws colour emoji glyphs as a Type 3 font of bitmaps; nothing else in a book uses Type 3. */
async function hasType3Font(path: string): Promise<boolean> {
  const { stdout } = await run(requireTool("pdffonts"), [path]);
  return /^\S+\s+Type 3\s/m.test(stdout);
}

const CJK_FONT = /CJK|WenQuanYi|Droid|SourceHan/i;
const ARABIC_FONT = /Arabic|Amiri|Scheherazade|DejaVuSans/i;

describe("PDF fonts for every script", () => {
  it("draws French, Chinese, Japanese, Korean, Hebrew, Arabic and emoji with real fonts, all embedded", async () => {
    const path = join(work.dir, "mixed.pdf");
    writeFileSync(path, await pdfExporter.render(await parseBook(mixedScriptsBookInput())));
    const text = normalizeExtractedText(await pdfText(path));
    for (const [script, sample] of Object.entries(SCRIPT_SAMPLES)) {
      // Right-to-left text may come back in either order of its words: check each word.
      for (const word of sample.split(" ")) expect(text, `${script} sample "${word}"`).toContain(word);
    }
    const fonts = await pdfFonts(path);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    const names = fonts.map((font) => font.name);
    expect(
      names.some((name) => CJK_FONT.test(name)),
      names.join(", "),
    ).toBe(true);
    expect(
      names.some((name) => ARABIC_FONT.test(name)),
      names.join(", "),
    ).toBe(true);
    expect(await hasType3Font(path)).toBe(true);
  }, 60_000);

  it("reads PDF_FONT_PATHS as a ':'-separated list", () => {
    expect(parseFontPaths(undefined)).toEqual([]);
    expect(parseFontPaths(" /a/fonts : /b/Font.ttf ::")).toEqual(["/a/fonts", "/b/Font.ttf"]);
  });
});

const execFileAsync = promisify(execFile);

/** Renders the mixed book in a process that sees no system fonts (fontconfig pointed at an empty folder). */
async function renderWithoutSystemFonts(name: string, fontPaths?: string) {
  const empty = join(work.dir, `${name}-no-fonts`);
  mkdirSync(empty);
  const config = join(work.dir, `${name}-fonts.conf`);
  writeFileSync(config, `<?xml version="1.0"?>\n<fontconfig><dir>${empty}</dir></fontconfig>\n`);
  const output = join(work.dir, `${name}.pdf`);
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--import", "tsx", "tests/support/exporters/render-mixed-scripts.ts", output],
    { env: { ...process.env, FONTCONFIG_FILE: config, PDF_FONT_PATHS: fontPaths ?? "" }, timeout: 60_000 },
  );
  const { warnings } = JSON.parse(stdout) as { warnings: string[] };
  return { output, warnings, fonts: (await pdfFonts(output)).map((font) => font.name) };
}

describe("PDF fonts missing", () => {
  it("still renders with the embedded fonts and warns once per process, naming each script and package", async () => {
    const { output, warnings, fonts } = await renderWithoutSystemFonts("bare");
    expect(await pdfPageCount(output)).toBeGreaterThan(0);
    expect(normalizeExtractedText(await pdfText(output))).toContain(SCRIPT_SAMPLES.French);
    expect(fonts.some((name) => CJK_FONT.test(name))).toBe(false);
    expect(await hasType3Font(output)).toBe(false);
    // Two books rendered, one warning.
    expect(warnings).toHaveLength(1);
    for (const script of FALLBACK_SCRIPTS) {
      expect(warnings[0]).toContain(script.script);
      expect(warnings[0]).toContain(script.debianPackage);
    }
    expect(warnings[0]).toContain("PDF_FONT_PATHS");
  }, 90_000);

  it("finds fonts listed in PDF_FONT_PATHS and warns only about the scripts still missing", async () => {
    const { warnings, fonts } = await renderWithoutSystemFonts("extra", "/usr/share/fonts/opentype/noto");
    expect(
      fonts.some((name) => CJK_FONT.test(name)),
      fonts.join(", "),
    ).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain("Chinese, Japanese and Korean");
    expect(warnings[0]).toContain("Arabic");
    expect(warnings[0]).toContain("emoji");
  }, 90_000);
});
