// The web pool's limits: a statement that runs too long is cancelled by PostgreSQL (and the pool goes on),
// a request that cannot get a connection fails with a clear error instead of queueing forever, and on the
// embedded database the per-pool statement timeout never leaks into the one shared PGlite session.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, poolLimits } from "./client";
import { databaseUrl } from "./database-url";
import { PGliteWireServer } from "./pglite-wire-server";

describe("database pool limits on PostgreSQL", () => {
  it("defaults to 10 connections, a 10 s wait for one and a 30 s statement timeout", () => {
    expect(poolLimits()).toEqual({ max: 10, acquireTimeoutMs: 10_000, statementTimeoutMs: 30_000 });
  });

  it("cancels a statement longer than the timeout with a clear error, and the next query works", async () => {
    const limited = createDb(databaseUrl(), { statementTimeoutMs: 300 });
    try {
      const started = Date.now();
      await expect(limited.$queryRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(await limited.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
      const [setting] = await limited.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
      expect(setting?.statement_timeout).toBe("300ms");
    } finally {
      await limited.$disconnect();
    }
  });

  it("keeps the timeout to its own pool: other sessions (pg-boss, migrations) run without it", async () => {
    const limited = createDb(databaseUrl(), { statementTimeoutMs: 300 });
    const other = new pg.Client({ connectionString: databaseUrl() });
    await other.connect();
    try {
      await limited.$queryRaw`SELECT 1`;
      expect((await other.query("SHOW statement_timeout")).rows[0].statement_timeout).toBe("0");
      await other.query("SELECT pg_sleep(0.5)");
    } finally {
      await other.end();
      await limited.$disconnect();
    }
  });

  it("fails a query that waits too long for a connection, while the slow one finishes", async () => {
    const small = createDb(databaseUrl(), { max: 1, acquireTimeoutMs: 200 });
    try {
      await small.$queryRaw`SELECT 1`; // connected: the slow query below takes the pool's one connection at once
      // Prisma queries are lazy: `.then` sends it now.
      const slow = small.$queryRaw<{ state: string }[]>`SELECT 'done' AS state FROM pg_sleep(1.5)`.then((rows) => rows);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await expect(small.$queryRaw`SELECT 1`).rejects.toThrow(/timeout exceeded when trying to connect/);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await slow).toEqual([{ state: "done" }]);
      expect(await small.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    } finally {
      await small.$disconnect();
    }
  });
});

describe("database pool limits on the embedded database", () => {
  let pglite: PGlite;
  let server: PGliteWireServer;
  let url: string;

  beforeAll(async () => {
    pglite = await PGlite.create();
    server = new PGliteWireServer(pglite, { host: "127.0.0.1", port: 0, maxConnections: 8 });
    url = `postgresql://postgres@127.0.0.1:${await server.start()}/postgres?sslmode=disable`;
  });

  afterAll(async () => {
    await server.stop();
    await pglite.close();
  });

  // PGlite is one session for every client, so a SET by one pool would bind them all; the startup-packet
  // setting is ignored there instead (and PGlite, without timer signals, could not cancel a statement anyway).
  it("connects with the statement timeout without imposing it on the shared session", async () => {
    const limited = createDb(url, { statementTimeoutMs: 300 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      expect(await limited.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
      expect((await other.query("SHOW statement_timeout")).rows[0].statement_timeout).toBe("0");
      // A pg-boss maintenance statement or a migration longer than the web pool's timeout still runs.
      await other.query("SELECT pg_sleep(0.5)");
      expect(await limited.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    } finally {
      await other.end();
      await limited.$disconnect();
    }
  });
});
