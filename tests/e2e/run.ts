// `npm run test:e2e`: starts Scriptorium exactly as a user would (`npm start`: production build, embedded
// database) in a throw-away data directory on free ports, waits for /api/health, runs the browser journeys
// (vitest.e2e.config.ts), prints "N passed, N failed", and always tears the server down again.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPaystackFake } from "../fakes/paystack-fake";
import { freePort, stopProcessGroup as stop, waitForHealth } from "../support/app-process";

const root = process.cwd();
const resultsDir = path.join(root, "test-results");
const serverLog = path.join(resultsDir, "e2e-server.log");
const resultsJson = path.join(resultsDir, "e2e-results.json");
const healthTimeoutMs = Number(process.env.E2E_START_TIMEOUT_MS || 15 * 60_000);

function runVitest(baseUrl: string): Promise<number> {
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const args = [vitest, "run", "--config", "vitest.e2e.config.ts", "--reporter=default", "--reporter=json"];
  args.push(`--outputFile.json=${resultsJson}`, ...process.argv.slice(2));
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, E2E_BASE_URL: baseUrl },
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

function printSummary(): void {
  if (!existsSync(resultsJson)) return;
  const results = JSON.parse(readFileSync(resultsJson, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  const failed = results.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === "failed").map((test) => test.fullName),
  );
  console.log(
    `\nE2E: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
  );
  for (const name of failed) console.log(`  ✗ ${name}`);
  console.log(
    `Screenshots: ${path.relative(root, path.join(resultsDir, "screenshots"))}/  Server log: ${path.relative(root, serverLog)}`,
  );
}

async function main(): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  rmSync(path.join(resultsDir, "screenshots"), { recursive: true, force: true });
  rmSync(resultsJson, { force: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "scriptorium-e2e-"));
  const port = await freePort();
  const dbPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(serverLog);
  // Billing journeys pay on the loopback Paystack fake; its signed webhooks come back to the app.
  const paystack = await startPaystackFake({ webhookTarget: `${baseUrl}/api/webhooks/paystack` });
  console.log(`Starting Scriptorium on ${baseUrl} (data in ${dataDir}, embedded database on ${dbPort})…`);

  // Only what the journeys need is forced; SMTP_URL and DATABASE_URL are cleared so the embedded database
  // and the local outbox are used whatever the shell has.
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
      REQUIRE_EMAIL_VERIFICATION: "true",
      // The demo engine waits this long before each chapter, so the book journeys can watch live progress.
      DEMO_ENGINE_CHAPTER_DELAY_MS: process.env.DEMO_ENGINE_CHAPTER_DELAY_MS || "2500",
      NO_COLOR: "1",
      ...paystack.env(),
    },
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  // The server runs in its own process group, so Ctrl+C here must stop it explicitly.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop(server).finally(() => process.exit(130));
    });
  }

  let code = 1;
  try {
    await waitForHealth(`${baseUrl}/api/health`, server, { log: serverLog, timeoutMs: healthTimeoutMs });
    console.log("Server ready; running the journeys.\n");
    code = await runVitest(baseUrl);
    printSummary();
  } catch (error) {
    console.error(`\nE2E setup failed: ${error instanceof Error ? error.message : String(error)}`);
    const tail = existsSync(serverLog) ? readFileSync(serverLog, "utf8").split("\n").slice(-40).join("\n") : "";
    if (tail) console.error(`\n--- last lines of ${serverLog} ---\n${tail}`);
  } finally {
    await stop(server);
    await paystack.close();
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
