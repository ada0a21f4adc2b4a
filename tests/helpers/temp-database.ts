import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import { isProcessAlive } from "@/server/db/process-alive";

/** The server tests create their databases on (any database on it; we only CREATE/DROP DATABASE there). */
export function testAdminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

// Names carry this machine and the creating process, so a later run can tell its own leftovers (process
// gone) from databases other runs are still using, even when several runs share one server.
const prefix = `scriptorium_test_${createHash("sha256").update(hostname()).digest("hex").slice(0, 6)}_`;

export interface TempDatabase {
  name: string;
  url: string;
  /** Drops the database, disconnecting anyone still connected. */
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testAdminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name on the test server. */
export async function createTempDatabase(label: string): Promise<TempDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 16);
  const name = `${prefix}${process.pid}_${safeLabel}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testAdminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Drops test databases left behind by runs on this machine whose process no longer exists (killed runs). */
export async function dropAbandonedTestDatabases(): Promise<string[]> {
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    const abandoned = rows
      .map((r) => r.datname)
      .filter((name) => {
        const pid = Number(name.slice(prefix.length).split("_")[0]);
        return Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid);
      });
    for (const name of abandoned) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return abandoned;
  });
}
