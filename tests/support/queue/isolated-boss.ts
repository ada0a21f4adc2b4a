import pg from "pg";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/server/db/database-url";

/**
 * A pg-boss on a schema of its own in the test database, so a test neither sees nor runs other tests' jobs.
 * `drop()` stops it and removes the schema (call it in afterAll).
 */
export function isolatedBoss(prefix: string, options: Omit<PgBoss.ConstructorOptions, "schema"> = {}) {
  const schema = `${prefix}_${process.pid}_${Date.now()}`;
  const boss = new PgBoss({ connectionString: databaseUrl(), schema, max: 3, supervise: false, ...options });
  return {
    boss,
    schema,
    async drop(): Promise<void> {
      await boss.stop({ graceful: false, wait: true });
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
