// Lighthouse bench (issue 19, "Fast on a phone"): the landing page, the dashboard and the page of a
// 100,000-word book, measured by Lighthouse 12 with its default mobile preset (simulated slow 4G and 4×
// CPU slowdown) against the production build, and printed as a table next to the targets
// (performance ≥ 90; accessibility, best practices and SEO, Lighthouse's other three categories, 100).
//
//   npm run bench:lighthouse            (builds first when the sources changed, like `npm start`)
//   npm run bench:lighthouse -- --runs 3   (median of 3 runs per page)
//   npm run bench:lighthouse -- --serve    (no Lighthouse: prepares the same server and book, prints the
//                                           pages' addresses and the cookie, and serves until Ctrl-C, to
//                                           look into a page with the browser's own tools)
//
// How it runs: `npm start` in a throw-away data directory (embedded database, seeded demo data) on free
// loopback ports, as tests/e2e/run.ts does; the demo user signs in through the API; a 20-chapter,
// 100,000-word book is written by the demo engine and its automatic check ends; then the Lighthouse CLI runs with Debian's chromium
// (CHROME_PATH, headless) for each page, the signed-in pages with the session cookie as an extra header.
// Nothing leaves the machine: every request is to 127.0.0.1.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DEMO_PASSWORD, DEMO_OWNER_EMAIL } from "@/server/db/seed";
import { freePort, stopProcessGroup as stop, waitForHealth } from "../tests/support/app-process";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "1" }, serve: { type: "boolean", default: false } },
});
const runs = Math.max(1, Number(values.runs) || 1);
const root = process.cwd();
const outDir = path.join(root, "test-results", "lighthouse");
const chromePath = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const BOOK_WORDS = 100_000;
const BOOK_CHAPTERS = 20;

type Scores = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  tbtMs: number;
};
type LighthouseReport = {
  categories: Record<"performance" | "accessibility" | "best-practices" | "seo", { score: number | null }>;
  audits: Record<string, { numericValue?: number; score: number | null; title: string }>;
};

/** Signs the seeded demo owner in as the sign-in form does and returns the Cookie header. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: DEMO_OWNER_EMAIL, password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`demo sign-in answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => pair.includes("=") && !pair.endsWith("="))
    .join("; ");
}

/** Has the demo engine write a 100,000-word book and waits until it is complete; returns its id. */
async function writeLongBook(baseUrl: string, cookie: string): Promise<string> {
  const headers = { cookie, origin: baseUrl, "content-type": "application/json" };
  const created = await fetch(`${baseUrl}/api/books`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      title: "The Long Coast",
      topic: "How small coastal towns adapt to rising seas",
      goal: "A long book to measure the reader on a phone",
      targetChapters: BOOK_CHAPTERS,
      targetWords: BOOK_WORDS,
      engine: "demo",
    }),
  });
  if (created.status !== 201) throw new Error(`POST /api/books answered ${created.status}: ${await created.text()}`);
  const bookId = ((await created.json()) as { book: { id: string } }).book.id;
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/books/${bookId}`, { headers: { cookie } });
    const detail = (await response.json()) as {
      job: { status: string } | null;
      chapters: { wordCount: number }[];
    };
    if (detail.job?.status === "COMPLETED") {
      const words = detail.chapters.reduce((sum, chapter) => sum + chapter.wordCount, 0);
      console.log(`Book ready: ${detail.chapters.length} chapters, ${words.toLocaleString("en")} words.`);
      return bookId;
    }
    if (detail.job?.status === "FAILED" || detail.job?.status === "CANCELLED") {
      throw new Error(`the demo book's job ended ${detail.job.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw new Error("the demo book was not written in 15 minutes");
}

/**
 * Waits for the book's automatic check (it starts once the book is written): until it ends, the page has no
 * findings to mark, a lighter page than the one a reader opens later, and runs would not measure the same.
 */
async function waitForCheck(baseUrl: string, cookie: string, bookId: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/books/${bookId}/corrections/summary`, { headers: { cookie } });
    const summary = (await response.json()) as { latestRun: { status: string } | null; counts: { open: number } };
    const status = summary.latestRun?.status;
    if (status === undefined && Date.now() > deadline - 9 * 60_000) {
      console.log("No check of the book started within a minute: measuring without findings.");
      return;
    }
    if (status === "COMPLETED" || status === "FAILED" || status === "CANCELLED") {
      console.log(`Book check ${status.toLowerCase()}: ${summary.counts.open.toLocaleString("en")} open findings.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw new Error("the book's check did not end in 10 minutes");
}

/** One Lighthouse run (its CLI, mobile preset = its default) on one URL; the JSON report is kept. */
function lighthouse(url: string, name: string, cookie: string | null): Promise<Scores> {
  const report = path.join(outDir, `${name}.json`);
  const args = [
    path.join(root, "node_modules", "lighthouse", "cli", "index.js"),
    url,
    "--quiet",
    "--output=json",
    `--output-path=${report}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run",
  ];
  if (cookie) {
    const headersFile = path.join(outDir, "headers.json");
    writeFileSync(headersFile, JSON.stringify({ Cookie: cookie }));
    args.push(`--extra-headers=${headersFile}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, CHROME_PATH: chromePath },
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse ${url} exited with ${code}`));
      const lhr = JSON.parse(readFileSync(report, "utf8")) as LighthouseReport;
      const score = (key: keyof LighthouseReport["categories"]) => Math.round((lhr.categories[key].score ?? 0) * 100);
      resolve({
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        seo: score("seo"),
        lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
        tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
      });
    });
  });
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The failing audits of the last report of a page, to tell what keeps a score under its target. */
function failingAudits(name: string): string[] {
  const lhr = JSON.parse(readFileSync(path.join(outDir, `${name}.json`), "utf8")) as LighthouseReport;
  return Object.entries(lhr.audits)
    .filter(([, audit]) => audit.score !== null && audit.score < 0.9)
    .map(([id, audit]) => `${id} (${audit.title}: ${Math.round((audit.score ?? 0) * 100)})`)
    .slice(0, 12);
}

function table(rows: { page: string; scores: Scores }[]): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mark = (ok: boolean) => (ok ? "" : " ✗");
  const lines = [
    "| page | performance (≥ 90) | accessibility (100) | best practices (100) | SEO (100) | LCP | total blocking time |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ page, scores: s }) =>
        `| ${page} | ${s.performance}${mark(s.performance >= 90)} | ${s.accessibility}${mark(s.accessibility === 100)} | ${s.bestPractices}${mark(s.bestPractices === 100)} | ${s.seo}${mark(s.seo === 100)} | ${seconds(s.lcpMs)} | ${Math.round(s.tbtMs).toLocaleString("en")} ms |`,
    ),
  ];
  return lines.join("\n");
}

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "scriptorium-lighthouse-"));
  const port = await freePort();
  const dbPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = path.join(outDir, "server.log");
  const log = createWriteStream(serverLog);
  console.log(`Starting Scriptorium on ${baseUrl} (data in ${dataDir})…`);
  const server = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      EMBEDDED_DB_PORT: String(dbPort),
      DATA_DIR: dataDir,
      APP_URL: baseUrl,
      DATABASE_URL: "",
      SMTP_URL: "",
      AUTH_SECRET: "",
      DEMO_ENGINE_CHAPTER_DELAY_MS: "0",
      NO_COLOR: "1",
    },
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void stop(server).finally(() => process.exit(130)));
  }

  try {
    await waitForHealth(`${baseUrl}/api/health`, server, { log: serverLog, timeoutMs: 20 * 60_000 });
    const cookie = await signIn(baseUrl);
    const bookId = await writeLongBook(baseUrl, cookie);
    await waitForCheck(baseUrl, cookie, bookId);
    const pages = [
      { page: "landing", name: "landing", url: `${baseUrl}/`, cookie: null },
      { page: "dashboard", name: "dashboard", url: `${baseUrl}/app`, cookie },
      { page: "book page, 100,000-word book", name: "book", url: `${baseUrl}/app/books/${bookId}`, cookie },
    ];
    // One warm-up load per page so the first measured run does not pay for Next's first render of a route.
    for (const { url } of pages) await fetch(url, { headers: { cookie } }).then((response) => response.text());
    const bookHtml = await fetch(pages[2]!.url, { headers: { cookie } }).then((response) => response.text());
    console.log(`Book page HTML: ${(Buffer.byteLength(bookHtml) / 1024).toFixed(0)} KB`);
    // Kept with the reports, to see what the page's HTML carries besides the opening chapter.
    writeFileSync(path.join(outDir, "book.html"), bookHtml);

    if (values.serve) {
      for (const { page, url } of pages) console.log(`${page}: ${url}`);
      console.log(`Cookie: ${cookie}\nServing until Ctrl-C.`);
      await new Promise<never>(() => {});
    }

    const rows: { page: string; scores: Scores }[] = [];
    for (const { page, name, url, cookie: pageCookie } of pages) {
      const results: Scores[] = [];
      for (let run = 0; run < runs; run++) results.push(await lighthouse(url, name, pageCookie));
      const pick = (key: keyof Scores) => median(results.map((result) => result[key]));
      rows.push({
        page,
        scores: {
          performance: pick("performance"),
          accessibility: pick("accessibility"),
          bestPractices: pick("bestPractices"),
          seo: pick("seo"),
          lcpMs: pick("lcpMs"),
          tbtMs: pick("tbtMs"),
        },
      });
      const failing = failingAudits(name);
      if (failing.length > 0) console.log(`${page}: audits under 90: ${failing.join(", ")}`);
    }
    console.log(
      `\nLighthouse ${JSON.parse(readFileSync(path.join(root, "node_modules", "lighthouse", "package.json"), "utf8")).version}, mobile preset, ${runs === 1 ? "one run" : `median of ${runs} runs`} per page, ${new Date().toISOString()}:\n`,
    );
    console.log(table(rows));
    console.log(`\nReports: ${path.relative(root, outDir)}/<page>.json`);
    const met = rows.every(
      ({ scores }) =>
        scores.performance >= 90 && scores.accessibility === 100 && scores.bestPractices === 100 && scores.seo === 100,
    );
    console.log(met ? "All targets met." : "Some targets are not met (✗).");
    return 0;
  } finally {
    await stop(server);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
