import "server-only";
import { env } from "@/server/env";

/** True when no DATABASE_URL is configured and the app runs on the embedded PGlite database. */
export function isEmbeddedDatabase(): boolean {
  return !env().DATABASE_URL;
}

/** The URL of the embedded PGlite socket server (hosted by `npm start` or `scripts/embedded-db.ts`). */
export function embeddedDatabaseUrl(): string {
  return `postgresql://postgres@127.0.0.1:${env().EMBEDDED_DB_PORT}/postgres?sslmode=disable`;
}

/** The PostgreSQL URL every client (Prisma, pg-boss, migrations) connects to. */
export function databaseUrl(): string {
  return env().DATABASE_URL ?? embeddedDatabaseUrl();
}
