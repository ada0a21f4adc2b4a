import "server-only";
import pg from "pg";
import { db, poolConfig, poolLimits } from "@/server/db/client";
import { databaseUrl, isEmbeddedDatabase } from "@/server/db/database-url";

/**
 * Runs one parameterized statement ($1, $2 …) and returns its rows. A `name` makes it a prepared statement
 * on PostgreSQL (parsed and planned once per connection, then only executed): for the statements every
 * API call runs. Give each distinct text its own name.
 */
export type ApiSql = <T>(text: string, params: unknown[], name?: string) => Promise<T[]>;

const TIMESTAMP_OID = 1114;

/**
 * Reads `timestamp without time zone` as UTC, like Prisma (which stores every DateTime as UTC in such
 * columns); pg's default reads it in the process's time zone. Also cheaper than pg's general parser.
 */
export function parseUtcTimestamp(value: string): Date {
  return new Date(Date.parse(`${value.replace(" ", "T")}Z`));
}

/** pg type parsers of the API pool (exported for bench/api.ts, whose raw baseline uses the same). */
export const apiSqlTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? parseUtcTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const globalForSql = globalThis as unknown as { scriptoriumApiPool?: pg.Pool };

/**
 * The connection behind the per-request bookkeeping of the public API (key lookup, rate-limit and
 * metering counters) and the reads it runs on every poll (the books list). On PostgreSQL it is a pg pool
 * whose sessions run with synchronous_commit=off: every API call updates the same counter rows, and
 * waiting for each commit's WAL flush while holding their row locks serializes the whole API behind the
 * disk (≈1 ms per call, ten times the cost of the statement). Counts stay exact under concurrency (row locks are unchanged); a
 * database crash may lose the last fraction of a second of increments, never corrupt them.
 * On the embedded database (one PGlite session behind a socket with a connection cap) it is the shared
 * Prisma client, and statements are not prepared (PGlite's one session would see a name prepared through
 * one socket connection as a duplicate when another prepares it).
 */
export function apiSql(): ApiSql {
  if (isEmbeddedDatabase()) {
    return <T>(text: string, params: unknown[]) => db().$queryRawUnsafe<T[]>(text, ...params);
  }
  if (!globalForSql.scriptoriumApiPool) {
    const created = new pg.Pool({
      connectionString: databaseUrl(),
      ...poolConfig(poolLimits()),
      options: "-c synchronous_commit=off",
      types: apiSqlTypes,
    });
    // An idle connection the server closes (restart, failover, pg_terminate_backend) is dropped from the
    // pool and replaced on the next query; without a listener its 'error' event would end the process.
    created.on("error", (error) => console.warn("[api-sql] idle connection lost:", error.message));
    globalForSql.scriptoriumApiPool = created;
  }
  const pool = globalForSql.scriptoriumApiPool;
  return async <T>(text: string, params: unknown[], name?: string) =>
    (await pool.query(name ? { name, text, values: params } : { text, values: params })).rows as T[];
}

/** Closes the pool (tests and scripts that end their process cleanly). */
export async function closeApiSql(): Promise<void> {
  await globalForSql.scriptoriumApiPool?.end();
  globalForSql.scriptoriumApiPool = undefined;
}
