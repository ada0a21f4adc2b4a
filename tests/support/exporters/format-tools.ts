// Runs the external validators the exporter tests (and the benchmark) rely on: epubcheck, LibreOffice,
// poppler's pdfinfo/pdffonts/pdftotext. A missing tool is an error that says how to install it,
// never a skipped check.
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { inflateSync } from "node:zlib";

const INSTALL_HINT = "run `bash tests/setup/install-format-tools.sh` (as root) to install the format validation tools";

const PACKAGES: Record<string, string> = {
  epubcheck: "epubcheck",
  java: "default-jre-headless",
  soffice: "libreoffice-writer-nogui",
  pdfinfo: "poppler-utils",
  pdffonts: "poppler-utils",
  pdftotext: "poppler-utils",
  pandoc: "pandoc",
};

/** Finds an executable on PATH or throws an error naming the Debian package that provides it. */
export function requireTool(name: string): string {
  const found = findTool(name);
  if (!found) {
    throw new Error(
      `Required tool "${name}" is not installed (Debian package ${PACKAGES[name] ?? name}): ${INSTALL_HINT}`,
    );
  }
  return found;
}

/** Finds an executable on PATH, or null. */
export function findTool(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell and returns its exit code and output (never throws on exit code). */
export function run(command: string, args: string[], timeoutMs = 180_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(new Error(`${command} failed to run: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

/** Creates a temporary directory and returns it with a cleanup function. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `scriptorium-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface EpubcheckReport {
  fatals: number;
  errors: number;
  warnings: number;
  messages: string[];
}

/** Validates an EPUB with epubcheck and returns the counts from its JSON report. */
export async function epubcheck(file: string): Promise<EpubcheckReport> {
  const path = realpathSync(requireTool("epubcheck"));
  // Debian ships epubcheck as an executable jar, which only runs directly when binfmt_misc is set up.
  const [command, prefix] = path.endsWith(".jar") ? [requireTool("java"), ["-jar", path]] : [path, []];
  const { dir, cleanup } = tempDir("epubcheck");
  try {
    const jsonPath = join(dir, "report.json");
    const result = await run(command, [...prefix, file, "--json", jsonPath]);
    let report: { checker?: { nFatal?: number; nError?: number; nWarning?: number }; messages?: unknown[] };
    try {
      report = JSON.parse(readFileSync(jsonPath, "utf8"));
    } catch {
      throw new Error(`epubcheck produced no report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    const messages = (report.messages ?? []).map((m) => {
      const msg = m as {
        ID?: string;
        severity?: string;
        message?: string;
        locations?: { path?: string; line?: number }[];
      };
      const where = (msg.locations ?? []).map((l) => `${l.path}:${l.line}`).join(", ");
      return `${msg.severity} ${msg.ID}: ${msg.message} (${where})`;
    });
    return {
      fatals: report.checker?.nFatal ?? 0,
      errors: report.checker?.nError ?? 0,
      warnings: report.checker?.nWarning ?? 0,
      messages,
    };
  } finally {
    cleanup();
  }
}

/** Converts documents to PDF with headless LibreOffice (a private profile, so parallel runs do not collide). */
export async function sofficeToPdf(files: string[], outDir: string): Promise<RunResult> {
  const soffice = requireTool("soffice");
  const { dir: profile, cleanup } = tempDir("lo-profile");
  try {
    return await run(soffice, [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...files,
    ]);
  } finally {
    cleanup();
  }
}

/** Page count reported by pdfinfo (throws if pdfinfo cannot read the file). */
export async function pdfPageCount(file: string): Promise<number> {
  const result = await run(requireTool("pdfinfo"), [file]);
  const pages = /^Pages:\s+(\d+)/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || !pages) throw new Error(`pdfinfo could not read ${file}: ${result.stderr}`);
  return Number(pages);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** Fonts listed by pdffonts, with their "emb" column. */
export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const result = await run(requireTool("pdffonts"), [file]);
  if (result.code !== 0) throw new Error(`pdffonts could not read ${file}: ${result.stderr}`);
  const lines = result.stdout.split("\n");
  const ruler = lines.findIndex((line) => line.startsWith("---"));
  return lines
    .slice(ruler + 1)
    .filter((line) => line.trim())
    .map((line) => {
      // Long names push the columns right, so read from the end: … emb sub uni objectNumber generation.
      const tokens = line.trim().split(/\s+/);
      const emb = tokens.at(-5);
      const type = line.slice(0, line.lastIndexOf(tokens.at(-7) ?? "")).trim();
      return { name: tokens[0] ?? "", type: type.slice((tokens[0] ?? "").length).trim(), embedded: emb === "yes" };
    });
}

/** Text of a PDF as pdftotext extracts it. */
export async function pdfText(file: string, layout = false): Promise<string> {
  const result = await run(requireTool("pdftotext"), [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"]);
  if (result.code !== 0) throw new Error(`pdftotext could not read ${file}: ${result.stderr}`);
  return result.stdout;
}

/**
 * Every character the PDF's fonts map glyphs to (ToUnicode CMaps) plus ActualText replacements.
 * pdftotext turns every kind of space into U+0020, so this is how a test sees that the no-break spaces
 * really were typeset as such.
 */
export function pdfMappedCharacters(pdf: Uint8Array): Set<string> {
  const chars = new Set<string>();
  const latin1 = Buffer.from(pdf).toString("latin1");
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(latin1); match; match = streams.exec(latin1)) {
    const start = match.index + match[0].length;
    const end = latin1.indexOf("endstream", start);
    if (end < 0) break;
    let text: string;
    try {
      text = inflateSync(Buffer.from(pdf.subarray(start, end))).toString("latin1");
    } catch {
      text = latin1.slice(start, end);
    }
    for (const section of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of section[1]!.matchAll(/<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>/g)) addUtf16(chars, pair[1]!);
    }
    for (const section of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>/g)) {
        const count = Number.parseInt(range[2]!, 16) - Number.parseInt(range[1]!, 16);
        const first = Number.parseInt(range[3]!, 16);
        for (let i = 0; i <= count; i++) chars.add(String.fromCharCode(first + i));
      }
    }
    for (const actual of text.matchAll(/\/ActualText\s*<FEFF([0-9A-Fa-f]+)>/g)) {
      addUtf16(chars, actual[1]!);
    }
    streams.lastIndex = end;
  }
  return chars;
}

function addUtf16(chars: Set<string>, hex: string) {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  for (const char of String.fromCharCode(...units)) chars.add(char);
}
