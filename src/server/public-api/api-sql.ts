import pg from "pg";
import { db } from "../db/client";
import { databaseUrl, isEmbeddedDatabase } from "../db/database-url";

/** Runs one parameterized statement ($1, $2 …) and returns its rows. */
export type ApiSql = <T>(text: string, params: unknown[]) => Promise<T[]>;

const globalForSql = globalThis as unknown as { scriptoriumApiPool?: pg.Pool };

/**
 * The connection behind the per-request bookkeeping of the public API (key lookup, rate-limit and
 * metering counters). On PostgreSQL it is a small pg pool whose sessions run with
 * synchronous_commit=off: every API call updates the same counter rows, and waiting for each commit's
 * WAL flush while holding their row locks serializes the whole API behind the disk (≈1 ms per call, ten
 * times the cost of the statement). Counts stay exact under concurrency (row locks are unchanged); a
 * database crash may lose the last fraction of a second of increments, never corrupt them.
 * On the embedded database (one PGlite session behind a socket with a connection cap) it is the shared
 * Prisma client.
 */
export function apiSql(): ApiSql {
  if (isEmbeddedDatabase()) {
    return <T>(text: string, params: unknown[]) => db().$queryRawUnsafe<T[]>(text, ...params);
  }
  globalForSql.scriptoriumApiPool ??= new pg.Pool({
    connectionString: databaseUrl(),
    max: 10,
    options: "-c synchronous_commit=off",
  });
  const pool = globalForSql.scriptoriumApiPool;
  return async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[];
}

/** Closes the pool (tests and scripts that end their process cleanly). */
export async function closeApiSql(): Promise<void> {
  await globalForSql.scriptoriumApiPool?.end();
  globalForSql.scriptoriumApiPool = undefined;
}
