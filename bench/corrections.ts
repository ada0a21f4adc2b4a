// Benchmark: quality and speed of the chapter checkers (src/checkers).
//
//   npm run bench:corrections -- [--lang en,fr] [--words 100000] [--chapters 20] [--no-timing]
//
// Quality: bench/corrections/<lang>-planted.md holds sentences with planted errors marked
// [[original|TYPE]]; a planted error is found when a finding of that TYPE overlaps its span. Every other
// finding on a planted line, and every finding on the clean prose (<lang>-clean.md, checked one "##"
// section per chapter), is a false alarm. Precision and recall per type, false ERRORs per 1,000 clean
// words, and every miss and false alarm are printed. English is checked as en-US, French as fr-FR.
//
// Speed: a book of --words words (the clean sections' paragraphs, shuffled with a fixed seed into
// --chapters chapters) is checked in full (book names + every chapter checker) and with the spelling
// pass alone (book names + nspell) — the libraries' floor — then one edited chapter is re-checked.
// Dictionaries and harper's wasm are loaded before timing (once per process, as in the worker); one
// untimed spelling pass and one untimed full pass warm the per-word caches and harper's compiled wasm;
// then spelling and full passes alternate three times and the fastest of each is reported, by CPU time
// (process.cpuUsage: what the check costs, whatever else the shared machine runs) and by wall time. The
// target is judged on the CPU-time ratio; everything runs on one thread, so on an idle machine both agree.
// Each timed pass starts with no parsed chapter kept. The re-check runs after a full check, with the
// unchanged chapters' parses kept, as in a worker.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findBookNames } from "@/checkers/book-names";
import type { CheckContext, Finding, FindingType, LanguageVariant } from "@/checkers/checker";
import { chapterCheckersFor, clearChapterCaches, runChapterChecks, warmCheckers } from "@/checkers/registry";
import { countWords } from "@/engines/word-count";

const { values: args } = parseArgs({
  options: {
    lang: { type: "string", default: "en,fr" },
    words: { type: "string", default: "100000" },
    chapters: { type: "string", default: "20" },
    "no-timing": { type: "boolean", default: false },
  },
});

const DIR = join(import.meta.dirname, "corrections");
const VARIANTS: Record<string, LanguageVariant> = { en: "en-US", fr: "fr-FR" };

interface Expected {
  type: FindingType;
  start: number;
  end: number;
  original: string;
}
interface PlantedCase {
  line: number;
  text: string;
  expected: Expected[];
}

/** The planted cases of a language: markers removed, expected spans in the resulting text. */
function loadPlanted(lang: string): PlantedCase[] {
  const cases: PlantedCase[] = [];
  const lines = readFileSync(join(DIR, `${lang}-planted.md`), "utf8").split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    let text = "";
    const expected: Expected[] = [];
    let cursor = 0;
    for (const match of line.matchAll(/\[\[([^|\]]+)\|([A-Z]+)\]\]/g)) {
      text += line.slice(cursor, match.index);
      const original = match[1]!;
      expected.push({
        type: match[2] as FindingType,
        start: text.length,
        end: text.length + original.length,
        original,
      });
      text += original;
      cursor = match.index + match[0].length;
    }
    text += line.slice(cursor);
    cases.push({ line: index + 1, text, expected });
  }
  return cases;
}

/** The clean prose as chapters: one per "##" section (the "#" title goes with the first). */
function loadClean(lang: string): string[] {
  const source = readFileSync(join(DIR, `${lang}-clean.md`), "utf8");
  return source.split(/\n(?=## )/).filter((chapter) => chapter.trim() !== "");
}

const context = (variant: LanguageVariant, bookNames: ReadonlySet<string> = new Set()): CheckContext => ({
  variant,
  acceptedWords: new Set(),
  bookNames,
});

const overlaps = (finding: Finding, expected: Expected) =>
  finding.startOffset < expected.end && expected.start < finding.endOffset;

interface Counts {
  tp: number;
  fn: number;
  fp: number;
}
const pct = (value: number) => (Number.isNaN(value) ? "  n/a" : value.toFixed(2).padStart(5));
const describeFinding = (finding: Finding) =>
  `${finding.type}/${finding.severity} ${finding.checker}:${finding.ruleId} “${finding.original}” — ${finding.message}`;

async function quality(lang: string): Promise<{ ok: boolean; lines: string[] }> {
  const variant = VARIANTS[lang]!;
  const counts = new Map<FindingType, Counts>();
  const count = (type: FindingType) => {
    let entry = counts.get(type);
    if (!entry) {
      entry = { tp: 0, fn: 0, fp: 0 };
      counts.set(type, entry);
    }
    return entry;
  };
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const planted of loadPlanted(lang)) {
    const findings = await runChapterChecks(planted.text, context(variant));
    const used = new Set<Finding>();
    for (const expected of planted.expected) {
      const hit = findings.find(
        (finding) => !used.has(finding) && finding.type === expected.type && overlaps(finding, expected),
      );
      if (hit) {
        used.add(hit);
        count(expected.type).tp++;
      } else {
        count(expected.type).fn++;
        const near = findings.filter((finding) => overlaps(finding, expected)).map(describeFinding);
        misses.push(
          `  line ${planted.line}: ${expected.type} “${expected.original}” in “${planted.text}”${near.length > 0 ? ` (found instead: ${near.join("; ")})` : ""}`,
        );
      }
    }
    for (const finding of findings) {
      if (used.has(finding)) continue;
      count(finding.type).fp++;
      falseAlarms.push(`  planted line ${planted.line}: ${describeFinding(finding)}`);
    }
  }
  const chapters = loadClean(lang);
  const bookNames = await findBookNames(chapters, variant);
  let cleanWords = 0;
  let falseErrors = 0;
  for (const chapter of chapters) {
    cleanWords += countWords(chapter);
    for (const finding of await runChapterChecks(chapter, context(variant, bookNames))) {
      count(finding.type).fp++;
      if (finding.severity === "ERROR" || finding.severity === "CRITICAL") falseErrors++;
      const at = chapter.slice(Math.max(0, finding.startOffset - 30), finding.endOffset + 30).replace(/\s+/g, " ");
      falseAlarms.push(`  clean prose: ${describeFinding(finding)} … ${at} …`);
    }
  }

  const lines: string[] = [];
  let ok = true;
  lines.push(
    `${lang} (${variant}), checkers: ${chapterCheckersFor(variant)
      .map((checker) => checker.id)
      .join(", ")}`,
  );
  lines.push(`  type       found  missed  false  precision  recall  target`);
  for (const type of ["SPELLING", "GRAMMAR", "STYLE"] as FindingType[]) {
    const entry = counts.get(type);
    if (!entry) continue;
    const precision = entry.tp / (entry.tp + entry.fp);
    const recall = entry.tp / (entry.tp + entry.fn);
    let target = "";
    if (type === "SPELLING") {
      const met = precision >= 0.9 && recall >= 0.9;
      ok &&= met;
      target = `P ≥ 0.90, R ≥ 0.90: ${met ? "met" : "NOT met"}`;
    } else if (type === "GRAMMAR" && lang === "en") {
      const met = precision >= 0.8 && recall >= 0.6;
      ok &&= met;
      target = `P ≥ 0.80, R ≥ 0.60: ${met ? "met" : "NOT met"}`;
    }
    lines.push(
      `  ${type.padEnd(9)} ${String(entry.tp).padStart(6)} ${String(entry.fn).padStart(7)} ${String(entry.fp).padStart(6)}  ${pct(precision).padStart(9)}  ${pct(recall).padStart(6)}  ${target}`,
    );
  }
  const perThousand = (falseErrors / cleanWords) * 1000;
  const errorsMet = perThousand <= 1;
  ok &&= errorsMet;
  lines.push(
    `  clean prose: ${cleanWords} words, ${falseErrors} false ERROR(s) = ${perThousand.toFixed(2)} per 1,000 words (target ≤ 1: ${errorsMet ? "met" : "NOT met"}); book names found: ${[...bookNames].join(", ") || "none"}`,
  );
  console.log(`\n== ${lang}: misses (${misses.length})`);
  for (const miss of misses) console.log(miss);
  console.log(`== ${lang}: false alarms (${falseAlarms.length})`);
  for (const alarm of falseAlarms) console.log(alarm);
  return { ok, lines };
}

// A small deterministic PRNG (mulberry32) so every run checks the same book.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchBook(lang: string, words: number, chapterCount: number): string[] {
  const paragraphs = loadClean(lang)
    .join("\n\n")
    .split(/\n{2,}/)
    .filter((paragraph) => !paragraph.startsWith("#") && countWords(paragraph) >= 8);
  const next = random(15);
  const perChapter = Math.ceil(words / chapterCount);
  const chapters: string[] = [];
  for (let index = 0; index < chapterCount; index++) {
    let chapter = `# Chapter ${index + 1}\n`;
    let count = 0;
    while (count < perChapter) {
      const paragraph = paragraphs[Math.floor(next() * paragraphs.length)]!;
      chapter += `\n${paragraph}\n`;
      count += countWords(paragraph);
    }
    chapters.push(chapter);
  }
  return chapters;
}

// Each timed pass starts with no parsed chapter kept (a new book's first check): both passes pay for
// parsing the Markdown once, as a check job does. Per-word spelling verdicts stay warm, as in a worker.
interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** CPU time of this process so far (user + system), in milliseconds. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timeBook(variant: LanguageVariant, chapters: string[], only?: string[]): Promise<Timing> {
  clearChapterCaches();
  const started = performance.now();
  const cpuStarted = cpuMs();
  const bookNames = await findBookNames(chapters, variant);
  const checkers = chapterCheckersFor(variant, only ? { only } : {});
  for (const chapter of chapters) await runChapterChecks(chapter, context(variant, bookNames), checkers);
  return { wallMs: performance.now() - started, cpuMs: cpuMs() - cpuStarted };
}

const fastest = (timings: Timing[]): Timing => ({
  wallMs: Math.min(...timings.map((timing) => timing.wallMs)),
  cpuMs: Math.min(...timings.map((timing) => timing.cpuMs)),
});

async function timing(lang: string): Promise<{ ok: boolean; lines: string[] }> {
  const variant = VARIANTS[lang]!;
  const chapters = benchBook(lang, Number(args.words), Number(args.chapters));
  const words = chapters.reduce((sum, chapter) => sum + countWords(chapter), 0);
  // Warm-up: per-word caches, and harper's wasm compiled by the optimising tier.
  await timeBook(variant, chapters, ["nspell"]);
  await timeBook(variant, chapters);
  const spellingRuns: Timing[] = [];
  const fullRuns: Timing[] = [];
  for (let run = 0; run < 3; run++) {
    spellingRuns.push(await timeBook(variant, chapters, ["nspell"]));
    fullRuns.push(await timeBook(variant, chapters));
  }
  const spelling = fastest(spellingRuns);
  const full = fastest(fullRuns);
  // Re-check after an edit, in the state a worker is in after the full check (the other chapters' parses
  // and name counts kept): the book's names again (they span chapters), then the edited chapter only.
  await timeBook(variant, chapters);
  const edited = chapters.map((chapter, index) => (index === 3 ? chapter.replace(/\b(\p{L}{6,})\b/u, "$1x") : chapter));
  const rechecks: Timing[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const cpuStarted = cpuMs();
    const bookNames = await findBookNames(edited, variant);
    await runChapterChecks(edited[3]!, context(variant, bookNames));
    rechecks.push({ wallMs: performance.now() - started, cpuMs: cpuMs() - cpuStarted });
  }
  const recheck = fastest(rechecks);
  const ratio = full.cpuMs / spelling.cpuMs;
  const wallRatio = full.wallMs / spelling.wallMs;
  const share = recheck.cpuMs / full.cpuMs;
  const wps = (ms: number, count: number) => Math.round(count / (ms / 1000)).toLocaleString("en-US");
  const chapterWords = countWords(edited[3]!);
  return {
    ok: ratio <= 2 && share < 0.1,
    lines: [
      `${lang} (${variant}) timing: ${words.toLocaleString("en-US")} words in ${chapters.length} chapters`,
      `  spelling pass alone  CPU ${(spelling.cpuMs / 1000).toFixed(2)} s  (${wps(spelling.cpuMs, words)} words/s); wall ${(spelling.wallMs / 1000).toFixed(2)} s`,
      `  full check           CPU ${(full.cpuMs / 1000).toFixed(2)} s  (${wps(full.cpuMs, words)} words/s) = ${ratio.toFixed(2)}× spelling (target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"}); wall ${(full.wallMs / 1000).toFixed(2)} s = ${wallRatio.toFixed(2)}×`,
      `  re-check 1 chapter   CPU ${(recheck.cpuMs / 1000).toFixed(2)} s  (${chapterWords.toLocaleString("en-US")} words, ${wps(recheck.cpuMs, chapterWords)} words/s) = ${(share * 100).toFixed(1)} % of full (target < 10 %: ${share < 0.1 ? "met" : "NOT met"})`,
    ],
  };
}

async function main() {
  const langs = args.lang.split(",").filter((lang) => lang in VARIANTS);
  const loadStarted = performance.now();
  await warmCheckers(langs.map((lang) => VARIANTS[lang]!));
  const loadMs = performance.now() - loadStarted;
  const summary: string[] = [];
  let ok = true;
  for (const lang of langs) {
    const result = await quality(lang);
    ok &&= result.ok;
    summary.push(...result.lines);
  }
  if (!args["no-timing"]) {
    for (const lang of langs) {
      const result = await timing(lang);
      ok &&= result.ok;
      summary.push(...result.lines);
    }
  }
  console.log("\n== corrections bench");
  console.log(
    `dictionaries + harper loaded once in ${(loadMs / 1000).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} (2 cores)`,
  );
  for (const line of summary) console.log(line);
  console.log(ok ? "all targets met" : "some targets NOT met (see above)");
}

await main();
