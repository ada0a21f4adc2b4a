import { inject } from "vitest";
import { type Db, db } from "@/server/db/client";

/** The run's test database URL (created and migrated by tests/setup/global-setup.ts). */
export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** The Prisma client every test file in this worker shares, connected to the run's test database. */
export function testDb(): Db {
  // db() reads DATABASE_URL; global setup points it at the test database. Refuse anything else, so a test
  // started some other way can never write into a development or production database.
  if (process.env.DATABASE_URL !== testDatabaseUrl()) {
    throw new Error("DATABASE_URL is not the test database: run tests through vitest (vitest.config.ts global setup)");
  }
  return db();
}
