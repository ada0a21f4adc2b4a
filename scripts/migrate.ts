// Offline replacement for `prisma migrate dev|deploy|reset` (the native schema engine cannot be downloaded
// here; see docs/decisions/0001-offline-migrations.md). Targets databaseUrl(): DATABASE_URL, or the embedded
// PGlite socket that `npm start` / `tsx scripts/embedded-db.ts` hosts.
//   npm run db:migrate -- --name add_cover [--create-only]   diff schema.prisma → new migration, then deploy it
//   npm run db:deploy                                         apply pending migrations
//   npm run db:reset [-- --force]                             drop everything and re-apply every migration
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { databaseUrl } from "@/server/db/database-url";
import { createMigration, deployMigrations, resetDatabase } from "@/server/db/migrations";

const usage = `usage: tsx scripts/migrate.ts <dev|deploy|reset> [options]
  dev    --name <name> [--create-only]   create a migration from prisma/schema.prisma, then deploy it
  deploy                                 apply pending migrations
  reset  [--force]                       drop schemas public and pgboss, then apply every migration`;

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function isConnectionRefused(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ECONNREFUSED" || (error instanceof AggregateError && error.errors.some(isConnectionRefused));
}

async function confirmReset(url: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Drop every table and all data in ${redact(url)}? Type "yes" to continue: `);
    return answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

async function deploy(url: string): Promise<void> {
  const { applied } = await deployMigrations(url, { log: (line) => console.log(`  ${line}`) });
  console.log(
    applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date: no pending migrations.",
  );
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string", short: "n" },
      "create-only": { type: "boolean", default: false },
      force: { type: "boolean", short: "f", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 1;
  }
  const url = databaseUrl();

  if (command === "dev") {
    if (!values.name) {
      console.error("Missing --name, e.g. npm run db:migrate -- --name add_book_cover");
      return 1;
    }
    const created = await createMigration(values.name, { log: (line) => console.log(line) });
    if (values["create-only"]) return 0;
    console.log(`Deploying to ${redact(url)}`);
    try {
      await deploy(url);
    } catch (error) {
      if (!isConnectionRefused(error)) throw error;
      const what = created ? "The migration was written but not applied" : "Nothing was applied";
      console.warn(`${what}: ${redact(url)} is not reachable. Start it (npm start) or run npm run db:deploy later.`);
    }
    return 0;
  }

  if (command === "deploy") {
    console.log(`Deploying to ${redact(url)}`);
    await deploy(url);
    return 0;
  }

  if (command === "reset") {
    // CI has no one to ask and throw-away databases; elsewhere a reset must be deliberate.
    const allowed = values.force || Boolean(process.env.CI) || (await confirmReset(url));
    if (!allowed) {
      console.error("Reset refused: pass --force (or answer yes in a terminal).");
      return 1;
    }
    const { applied } = await resetDatabase(url, { log: (line) => console.log(`  ${line}`) });
    console.log(`Reset ${redact(url)}: dropped schemas public and pgboss, applied ${applied.length} migration(s).`);
    return 0;
  }

  console.error(`Unknown command "${command}".\n${usage}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isConnectionRefused(error)) {
      const embedded = process.env.DATABASE_URL
        ? ""
        : " (the embedded database: start it with npm start or npm run db:embedded)";
      console.error(`Cannot connect to ${redact(databaseUrl())}${embedded}.`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exit(1);
  },
);
