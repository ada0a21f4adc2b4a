import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/server/env";
import { databaseUrl, isEmbeddedDatabase } from "./database-url";

export type Db = PrismaClient;
/** A client or an interactive-transaction client: what use cases write through. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface PoolLimits {
  /** Connections in the pool. */
  max: number;
  /** Wait for a free connection before failing with "timeout exceeded when trying to connect". */
  acquireTimeoutMs: number;
  /** Server-side cap on every statement (PostgreSQL cancels it with 57014); 0 = none. */
  statementTimeoutMs: number;
}

/**
 * The limits of a process's database pool, from the environment. A bounded wait for a connection and a
 * per-statement timeout mean one slow request fails on its own instead of holding every connection while the
 * others queue behind it without an answer.
 */
export function poolLimits(): PoolLimits {
  const config = env();
  return {
    // PGlite behind the socket is one session: keep the pool small so the socket's connection cap holds.
    max: config.DATABASE_POOL_MAX ?? (isEmbeddedDatabase() ? 4 : 10),
    acquireTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

/**
 * pg pool settings for those limits. The statement timeout travels in the startup packet, so it holds for
 * this pool's sessions only (pg-boss and migrations connect without it); the embedded PGlite ignores it.
 */
export function poolConfig(limits: PoolLimits) {
  return {
    max: limits.max,
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    ...(limits.statementTimeoutMs > 0 ? { statement_timeout: limits.statementTimeoutMs } : {}),
  };
}

/** Creates a Prisma client on the pg driver adapter for the given URL. */
export function createDb(url: string = databaseUrl(), limits: Partial<PoolLimits> = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, ...poolConfig({ ...poolLimits(), ...limits }) });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { scriptoriumDb?: Db };

/** The process-wide client (survives Next.js dev hot reloads). */
export function db(): Db {
  globalForDb.scriptoriumDb ??= createDb();
  return globalForDb.scriptoriumDb;
}
