import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { databaseUrl, isEmbeddedDatabase } from "./database-url";

export type Db = PrismaClient;
/** A client or an interactive-transaction client: what use cases write through. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Creates a Prisma client on the pg driver adapter for the given URL. */
export function createDb(url: string = databaseUrl()): Db {
  // PGlite behind the socket is one session: keep the pool small so the socket's connection cap holds.
  const adapter = new PrismaPg({ connectionString: url, max: isEmbeddedDatabase() ? 4 : 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { scriptoriumDb?: Db };

/** The process-wide client (survives Next.js dev hot reloads). */
export function db(): Db {
  globalForDb.scriptoriumDb ??= createDb();
  return globalForDb.scriptoriumDb;
}
