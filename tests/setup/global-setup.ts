// Runs once per `vitest run`, before any worker starts: one fresh database for the whole run, migrated the
// way production is (deployMigrations), handed to the workers through DATABASE_URL, dropped at the end.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { deployMigrations, pendingSchemaChanges } from "@/server/db/migrations";
import { createTempDatabase, dropAbandonedTestDatabases, testAdminUrl } from "../helpers/temp-database";

declare module "vitest" {
  interface ProvidedContext {
    databaseUrl: string;
  }
}

// schema.prisma edited without a migration: CI must fail (the migration would be missing in production);
// locally we apply the difference to the test database, loudly, so work in progress stays testable.
async function applySchemaDrift(url: string): Promise<void> {
  const drift = await pendingSchemaChanges({ shadowServerUrl: testAdminUrl() });
  if (!drift) return;
  const message =
    "prisma/schema.prisma has changes that no migration contains. Run: npm run db:migrate -- --name <change>";
  if (process.env.CI) throw new Error(`${message}\n\n${drift}`);
  console.warn(`\n⚠ ${message}\n  (applied to the test database only, for this run)\n`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(drift);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the run's database; returns the teardown that drops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await dropAbandonedTestDatabases();
  const database = await createTempDatabase("run");
  try {
    await deployMigrations(database.url);
    await applySchemaDrift(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  // Workers are forked after global setup and inherit this, so createDb()/db() target the test database.
  process.env.DATABASE_URL = database.url;
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
