// `npm start` (production build) and `npm run dev` (`--dev`, Next dev server): the one command that runs
// Scriptorium. Without DATABASE_URL it hosts the embedded PGlite database in this process; then it deploys
// pending migrations, seeds the demo data into an empty database, builds if needed, and supervises the web
// server and the worker. Ctrl+C (or SIGTERM) stops the children first, then the database, so PGlite closes
// cleanly; if a child dies on its own, everything stops with a non-zero exit.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import type { Readable } from "node:stream";
import { createDb } from "@/server/db/client";
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedDatabase } from "@/server/db/embedded-database";
import { deployMigrations } from "@/server/db/migrations";
import { DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, demoPassword, seedDatabase } from "@/server/db/seed";
import { outboxExists } from "@/server/email/outbox-exists";
import { authSecret, env } from "@/server/env";
import { isLoopbackHost } from "@/server/http/loopback-client";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

const colors = { start: 35, db: 36, build: 33, web: 32, worker: 34 } as const;
type Tag = keyof typeof colors;
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

function say(tag: Tag, line: string, toStderr = false): void {
  const label = `[${tag}]`.padEnd(9);
  const prefix = useColor ? `\x1b[${colors[tag]}m${label}\x1b[0m` : label;
  (toStderr ? process.stderr : process.stdout).write(`${prefix}${line}\n`);
}

// ───────────────────────────── supervision ─────────────────────────────

const children = new Set<ChildProcess>();
let database: EmbeddedDatabase | undefined;
let shuttingDown: Promise<never> | undefined;

/** Stops children (SIGTERM, then SIGKILL after a grace period), then the database, then exits. */
function shutdown(code: number, reason: string): Promise<never> {
  shuttingDown ??= (async () => {
    say("start", reason, code !== 0);
    await Promise.all([...children].map((child) => stopChild(child)));
    if (database) {
      say("db", "closing the embedded database…");
      await database.stop().catch((error: unknown) => say("db", `close failed: ${String(error)}`, true));
    }
    say("start", code === 0 ? "stopped." : `stopped (exit ${code}).`, code !== 0);
    process.exit(code);
  })();
  return shuttingDown;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutdown(0, `${signal} received, shutting down…`));
}

function pipeLines(stream: Readable | null, tag: Tag, toStderr: boolean): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on("line", (line) => say(tag, line, toStderr));
}

function spawnChild(tag: Tag, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  pipeLines(child.stdout, tag, false);
  pipeLines(child.stderr, tag, true);
  child.on("exit", () => children.delete(child));
  return child;
}

/** A long-running child: if it exits while we are not shutting down, everything stops with exit 1. */
function supervise(tag: Tag, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnChild(tag, args, childEnv);
  child.on("exit", (code, signal) => {
    // Ctrl+C in a terminal signals the whole process group: give our own SIGINT handler a moment to run
    // first, so a normal stop is not reported as a crash.
    setTimeout(() => {
      if (!shuttingDown) void shutdown(1, `${tag} exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
    }, 250);
  });
  return child;
}

/** A child that must finish (the build): resolves on exit 0, stops everything otherwise. */
function runToCompletion(tag: Tag, args: string[], childEnv: NodeJS.ProcessEnv): Promise<void> {
  const child = spawnChild(tag, args, childEnv);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else if (!shuttingDown) void shutdown(1, `${tag} failed (${signal ?? `code ${code}`}).`);
    });
  });
}

// ───────────────────────────── steps ─────────────────────────────

function loadDotEnv(): void {
  // Next loads these for the web server; load them here too so the database, seed and worker see the same.
  // loadEnvFile never overrides variables already set, so .env.local wins over .env and the shell wins over both.
  for (const file of [".env.local", ".env"]) {
    if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
  }
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Why a production build is needed, or null when `.next` is newer than every source. */
function buildReason(): string | null {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["src", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
  const changed = sources.find((entry) => newestMtime(path.join(root, entry)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: "manual" });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 400));
    }
  }
  return false;
}

/** Where to probe the web server from here: a wildcard bind answers on loopback too. */
function probeHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "[::]") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function describeDatabase(url: string): string {
  if (database) return `embedded PGlite in ${path.relative(root, database.pgliteDir) || "."} (${database.url})`;
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function main(): Promise<void> {
  loadDotEnv();
  // Children inherit this; the worker and the auth secret logic read it. Must precede the first env() call.
  (process.env as Record<string, string | undefined>).NODE_ENV = dev ? "development" : "production";
  const config = env();
  const port = Number(process.env.PORT || 3000);
  // Loopback unless HOST says otherwise: the embedded default has demo accounts with a known password.
  const host = config.HOST ?? "127.0.0.1";
  const exposed = !isLoopbackHost(host);
  const appUrl = process.env.APP_URL || `http://localhost:${port}`;

  let url: string;
  if (config.DATABASE_URL) {
    url = config.DATABASE_URL;
  } else {
    say("db", `starting the embedded database (PGlite) on 127.0.0.1:${config.EMBEDDED_DB_PORT}…`);
    database = await startEmbeddedDatabase({ dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT });
    url = database.url;
    say("db", `ready at ${database.url}`);
  }

  // Created once here so the web server and the worker never race to generate two different secrets.
  authSecret();

  const { applied } = await deployMigrations(url, { log: (line) => say("db", line) });
  say("db", applied.length ? `${applied.length} migration(s) applied` : "migrations up to date");

  const prisma = createDb(url);
  let demoSeeded = false;
  try {
    const users = await prisma.user.count();
    // Demo accounts have a known password: create them on their own only in the embedded (local) setup.
    const seedAllowed = Boolean(database) || process.env.SEED_DEMO === "true";
    if (users === 0 && seedAllowed) {
      say("db", "empty database: seeding the demo organization and accounts…");
      const result = await seedDatabase(prisma);
      for (const item of result.createdItems) say("db", `  created ${item}`);
    } else if (users === 0) {
      say("db", "empty database; not seeding demo accounts with DATABASE_URL set (SEED_DEMO=true to seed).");
    }
    demoSeeded = (await prisma.user.count({ where: { email: DEMO_OWNER_EMAIL } })) > 0;
  } finally {
    await prisma.$disconnect();
  }

  // The database URL reaches children through EMBEDDED_DB_PORT rather than DATABASE_URL, so they still know
  // they are on the embedded database (small pools, generated auth secret).
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
    APP_URL: appUrl,
    PORT: String(port),
    // The app reads it to know whether the server accepts loopback connections only (see isLoopbackClient).
    HOST: host,
    ...(database ? { EMBEDDED_DB_PORT: String(database.port) } : {}),
  };

  if (!dev) {
    const reason = buildReason();
    if (reason) {
      say("build", `${reason}: running next build (this takes a few minutes the first time)…`);
      await runToCompletion("build", [nextBin, "build"], childEnv);
      say("build", "done");
    } else {
      say("build", "production build is up to date");
    }
  }
  if (shuttingDown) return;

  supervise("worker", ["--import", "tsx", "src/worker/main.ts"], childEnv);
  // Production goes through our server, which tells the app each request's real TCP peer (client-ip.ts);
  // both listen on HOST (loopback by default).
  supervise(
    "web",
    dev ? [nextBin, "dev", "-p", String(port), "-H", host] : ["--import", "tsx", "scripts/web-server.ts"],
    childEnv,
  );

  const ready = await waitForHttp(`http://${probeHost(host)}:${port}/`, dev ? 180_000 : 60_000);
  if (shuttingDown) return;
  const lines = [
    "",
    `  Scriptorium is running (${dev ? "development server" : "production build"})`,
    "",
    `    ${appUrl}${ready ? "" : "   (not answering yet; see the [web] lines)"}`,
    `    database: ${describeDatabase(url)}`,
    exposed
      ? `    listening on ${host}:${port}: reachable from other machines`
      : `    listening on ${host}:${port}: this machine only (HOST=0.0.0.0 to expose it)`,
  ];
  if (outboxExists()) {
    lines.push(
      "",
      "  No SMTP_URL: emails (verification, password reset) go to the local outbox at /dev/outbox,",
      `    readable by a signed-in super admin${dev && !exposed ? " and, in development, from this machine" : ""}.`,
    );
  }
  if (demoSeeded) {
    lines.push(
      "",
      "  Demo sign-in (password from DEMO_PASSWORD when the demo was seeded):",
      `    ${DEMO_OWNER_EMAIL} / ${demoPassword()}   owner of "Demo Publishing" (Free plan, to see the limits)`,
      `      and of "Demo Enterprise" (complimentary Enterprise grant: API keys, the CLI, engines, own storage)`,
      `    ${DEMO_ADMIN_EMAIL} / ${demoPassword()}  super admin`,
    );
  }
  if (process.env.BILLING === "off") {
    lines.push("", "  BILLING=off: no plan limit applies on this installation (usage is still measured).");
  } else if (!process.env.PAYSTACK_SECRET_KEY) {
    lines.push(
      "",
      "  No PAYSTACK_SECRET_KEY: plans apply and are granted by a super admin in /app/admin (BILLING=off lifts them).",
    );
  }
  if (exposed) {
    lines.push(
      "",
      `  WARNING: HOST=${host} exposes Scriptorium to the network.${demoSeeded ? " The demo accounts above have a known password: change it or remove them first." : ""}`,
      "  Set AUTH_SECRET and APP_URL (https) for a real deployment.",
    );
  }
  lines.push("", "  Press Ctrl+C to stop.", "");
  for (const line of lines) say("start", line, line.startsWith("  WARNING"));
}

main().catch((error: unknown) => {
  // Errors the user can act on (port taken, directory locked) read best without a stack trace.
  const friendly = error instanceof EmbeddedDatabaseError || !(error instanceof Error);
  void shutdown(1, friendly ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message));
});
