// `npm test`: every automated check a newcomer or CI runs, in order — type check, lint, unit and
// integration tests (Vitest on the real PostgreSQL, one fresh database per run), then the browser
// journeys (Playwright in Debian chromium against a production build on the embedded database).
// Prints one closing "N passed, N failed" line and exits non-zero if anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });

type Step = { name: string; command: string[]; report?: string };
const vitestReport = path.join(results, "vitest-results.json");
const e2eReport = path.join(results, "e2e-results.json");
const steps: Step[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "lint", command: ["npx", "biome", "check", "."] },
  {
    name: "unit+integration",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    report: vitestReport,
  },
  { name: "e2e", command: ["npx", "tsx", "tests/e2e/run.ts"], report: e2eReport },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures: string[] = [];

for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n━━ ${step.name}: ${step.command.join(" ")}`);
  const started = Date.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const counts = step.report && existsSync(step.report) ? readCounts(step.report) : null;
  if (counts) {
    passed += counts.passed;
    // A step can fail outside any test (global setup, a crash): count it so the total never reads clean.
    failed += counts.failed > 0 || run.status === 0 ? counts.failed : 1;
  } else if (run.status === 0) passed += 1;
  else failed += 1;
  if (run.status !== 0) failures.push(step.name);
  console.log(
    `━━ ${step.name}: ${run.status === 0 ? "ok" : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`,
  );
}

/** Reads pass/fail counts from a Vitest JSON report (the e2e runner writes the same shape). */
function readCounts(file: string): { passed: number; failed: number } | null {
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests?: number; numFailedTests?: number };
    if (typeof report.numPassedTests !== "number") return null;
    return { passed: report.numPassedTests, failed: report.numFailedTests ?? 0 };
  } catch {
    return null;
  }
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
