// Benchmark: renders a generated ~100,000-word book to every format with our exporters and with pandoc
// on the same Markdown, and prints time per format, the ratio to pandoc, and whether each output is
// valid (epubcheck, LibreOffice, pdfinfo/pdffonts, HTML structure).
//
//   npx tsx bench/export.ts [--words 100000] [--runs 3] [--lang en|fr] [--no-validate]
//
// Needs: pandoc (apt), and for validation epubcheck, libreoffice-writer-nogui, poppler-utils
// (`bash tests/setup/install-format-tools.sh --bench`). pandoc's PDF output needs a LaTeX engine; when
// none is installed the PDF baseline is pandoc → DOCX → LibreOffice PDF, and the table says so.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseHtml } from "node-html-parser";
import type { FormatType } from "../src/exporters/exporter";
import { type BookLanguage, type ParseBookInput, parseBook } from "../src/exporters/parse-book";
import { clearPdfCache } from "../src/exporters/pdf-exporter";
import { exporterFor } from "../src/exporters/registry";
import {
  epubcheck,
  findTool,
  pdfFonts,
  pdfPageCount,
  requireTool,
  run,
  sofficeToPdf,
  tempDir,
} from "../src/exporters/testing/format-tools";
import { generateBenchBook } from "../src/exporters/testing/bench-book";
import { samplePng } from "../src/exporters/testing/sample-book";

const { values } = parseArgs({
  options: {
    words: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    lang: { type: "string", default: "en" },
    "no-validate": { type: "boolean", default: false },
  },
});
const targetWords = Number(values.words);
const runs = Math.max(1, Number(values.runs));
const language = (values.lang === "fr" ? "fr" : "en") as BookLanguage;
const validate = !values["no-validate"];

type Check = { ok: boolean; detail: string };

async function checkOutput(format: FormatType | "PDF-via-DOCX", path: string, chapters: number): Promise<Check> {
  if (!validate) return { ok: true, detail: "not validated" };
  try {
    switch (format) {
      case "EPUB": {
        const report = await epubcheck(path);
        const ok = report.fatals + report.errors + report.warnings === 0;
        const first = report.messages[0] ? `: ${report.messages[0].slice(0, 80)}` : "";
        return { ok, detail: `epubcheck ${report.fatals}F/${report.errors}E/${report.warnings}W${first}` };
      }
      case "DOCX": {
        const out = `${path}.lo`;
        mkdirSync(out, { recursive: true });
        await sofficeToPdf([path], out);
        const pdf = join(
          out,
          path
            .split("/")
            .pop()!
            .replace(/\.docx$/, ".pdf"),
        );
        if (!existsSync(pdf)) return { ok: false, detail: "LibreOffice could not convert it" };
        return { ok: true, detail: `LibreOffice → ${await pdfPageCount(pdf)} pages` };
      }
      case "PDF":
      case "PDF-via-DOCX": {
        const pages = await pdfPageCount(path);
        const fonts = await pdfFonts(path);
        const unembedded = fonts.filter((f) => !f.embedded).length;
        return {
          ok: pages > chapters && unembedded === 0,
          detail: `${pages} pages, ${fonts.length} fonts, ${unembedded} not embedded`,
        };
      }
      case "HTML": {
        const { readFileSync } = await import("node:fs");
        const root = parseHtml(readFileSync(path, "utf8"));
        const broken = root
          .querySelectorAll('a[href^="#"]')
          .map((a) => a.getAttribute("href")!)
          .filter((href) => !root.getElementById(decodeURIComponent(href.slice(1))));
        const h1 = root.querySelectorAll("h1").length;
        const example = broken[0] ? ` (e.g. ${broken[0]})` : "";
        return {
          ok: broken.length === 0 && h1 >= 1,
          detail: `${h1} h1, ${broken.length} broken in-page links${example}`,
        };
      }
      case "MARKDOWN": {
        const { readFileSync } = await import("node:fs");
        const text = readFileSync(path, "utf8");
        return { ok: text.length > 0, detail: text.startsWith("---\n") ? "front matter" : "no front matter" };
      }
    }
  } catch (error) {
    return { ok: false, detail: (error as Error).message.split("\n")[0]! };
  }
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const samples: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value: value as T };
}

async function main() {
  const pandoc = requireTool("pandoc");
  const latex = ["xelatex", "lualatex", "pdflatex"].find((engine) => findTool(engine));
  const { dir, cleanup } = tempDir("bench-export");
  try {
    const book = generateBenchBook(targetWords, language);
    const mdPath = join(dir, "book.md");
    writeFileSync(mdPath, book.markdown);
    mkdirSync(join(dir, "images"));
    const png = samplePng(640, 400);
    writeFileSync(join(dir, "images", "figure.png"), png);
    const title = language === "fr" ? "Le Long Livre" : "The Long Book";
    const input: ParseBookInput = {
      title,
      author: "Bench Author",
      language,
      identifier: "bench-0001",
      date: "2025-01-01",
      content: book.markdown,
      isDemoContent: true,
      resolveImage: async (src) => (src === "images/figure.png" ? { bytes: png, contentType: "image/png" } : null),
    };

    console.log(
      `Book: ${book.words.toLocaleString("en")} words, ${book.chapters} chapters, ${language}; median of ${runs} run(s); Node ${process.version}`,
    );
    const parsed = await time(() => parseBook(input));
    console.log(`parseBook (one parse shared by all formats): ${parsed.ms.toFixed(0)} ms\n`);

    const pandocArgs: Record<FormatType, string[]> = {
      HTML: ["-t", "html5", "-s", "--toc", "--self-contained", "-o", "out.html"],
      EPUB: ["-t", "epub3", "--toc", "-o", "out.epub"],
      DOCX: ["-t", "docx", "--toc", "-o", "out.docx"],
      MARKDOWN: ["-t", "markdown", "-s", "-o", "out.md"],
      PDF: latex ? ["-t", "pdf", `--pdf-engine=${latex}`, "--toc", "-o", "out.pdf"] : [],
    };
    const metadata = ["-f", "markdown", "--metadata", `title=${title}`, "--metadata", `lang=${language}`, mdPath];
    const runPandoc = async (args: string[]) => {
      const result = await run(
        pandoc,
        ["--resource-path", dir, ...metadata, ...args.map((a) => (a.startsWith("out.") ? join(dir, a) : a))],
        600_000,
      );
      if (result.code !== 0) throw new Error(`pandoc failed: ${result.stderr.slice(0, 500)}`);
    };

    const rows: string[][] = [];
    for (const format of ["MARKDOWN", "HTML", "EPUB", "DOCX", "PDF"] as const) {
      const exporter = exporterFor(format);
      // Typst memoizes layout across compiles; rendering the same book again would only measure cache hits.
      // The one-off font loading of the first PDF render is excluded by the warm-up below.
      if (format === "PDF") await exporter.render(parsed.value);
      const ours = await time(() => {
        if (format === "PDF") clearPdfCache();
        return exporter.render(parsed.value);
      });
      const ourPath = join(dir, `ours.${exporter.fileExtension}`);
      writeFileSync(ourPath, ours.value);
      const ourCheck = await checkOutput(format, ourPath, book.chapters);
      const ourMs = parsed.ms + ours.ms;

      let baseline = "pandoc";
      let theirMs: number;
      let theirCheck: Check;
      if (format === "PDF" && !latex) {
        // No LaTeX engine here: the closest available pandoc PDF is pandoc → DOCX → LibreOffice.
        baseline = "pandoc→docx→LibreOffice (no LaTeX engine installed)";
        requireTool("soffice");
        const out = join(dir, "pandoc-pdf");
        mkdirSync(out, { recursive: true });
        const measured = await time(async () => {
          await runPandoc(pandocArgs.DOCX);
          await sofficeToPdf([join(dir, "out.docx")], out);
        });
        theirMs = measured.ms;
        theirCheck = await checkOutput("PDF-via-DOCX", join(out, "out.pdf"), book.chapters);
      } else {
        const measured = await time(() => runPandoc(pandocArgs[format]));
        theirMs = measured.ms;
        const ext = pandocArgs[format].find((a) => a.startsWith("out."))!;
        theirCheck = await checkOutput(format, join(dir, ext), book.chapters);
      }
      rows.push([
        format,
        `${ourMs.toFixed(0)} ms`,
        `${theirMs.toFixed(0)} ms`,
        `${(ourMs / theirMs).toFixed(2)}×`,
        `${ourCheck.ok ? "valid" : "INVALID"} (${ourCheck.detail})`,
        `${theirCheck.ok ? "valid" : "INVALID"} (${theirCheck.detail})`,
        baseline,
      ]);
    }
    const header = [
      "format",
      "ours (parse+render)",
      "baseline",
      "ratio",
      "our output",
      "baseline output",
      "baseline tool",
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows) console.log(line(row));
    console.log("\nratio < 1 means ours is faster than the baseline on the same Markdown.");
    if (!latex)
      console.log(
        "No LaTeX engine (xelatex/lualatex/pdflatex) is installed, so pandoc cannot write PDF directly here.",
      );
  } finally {
    cleanup();
  }
}

await main();
