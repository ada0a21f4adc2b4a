// Several clients querying the one PGlite session at once: the failure mode of forwarding wire messages
// one by one ("unnamed prepared statement does not exist", transactions seeing each other's statements).
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGliteWireServer } from "./pglite-wire-server";

describe("PGliteWireServer", () => {
  let db: PGlite;
  let server: PGliteWireServer;
  let url: string;

  beforeAll(async () => {
    db = await PGlite.create();
    server = new PGliteWireServer(db, { host: "127.0.0.1", port: 0, maxConnections: 16 });
    const port = await server.start();
    url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    await db.exec("CREATE TABLE counter (id int primary key, n int not null); INSERT INTO counter VALUES (1, 0);");
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  // With @electric-sql/pglite-socket this mix fails with "unnamed prepared statement does not exist" and
  // stalls (verified while writing this server); each client must see a session of its own.
  it("keeps transactions and parameterised queries from two pools apart", { timeout: 60_000 }, async () => {
    await db.exec("CREATE TABLE IF NOT EXISTS entries (id serial primary key, v text)");
    const writers = new pg.Pool({ connectionString: url, max: 4 });
    const readers = new pg.Pool({ connectionString: url, max: 4 });
    const inTransaction = async (i: number) => {
      const client = await writers.connect();
      try {
        await client.query("BEGIN");
        await client.query("INSERT INTO entries (v) VALUES ($1)", [`tx-${i}`]);
        const seen = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM entries WHERE v = $1", [
          `tx-${i}`,
        ]);
        await client.query("COMMIT");
        return seen.rows[0]!.n;
      } finally {
        client.release();
      }
    };
    const plain = async (i: number) =>
      (
        await readers.query<{ echo: string; doubled: number }>("SELECT $1::text AS echo, $2::int * 2 AS doubled", [
          `value-${i}`,
          i,
        ])
      ).rows[0];
    try {
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? inTransaction(i) : plain(i))));
      results.forEach((result, i) => {
        if (i % 2) expect(result).toBe(1);
        else expect(result).toEqual({ echo: `value-${i}`, doubled: i * 2 });
      });
      const committed = await readers.query<{ n: number }>("SELECT count(*)::int AS n FROM entries");
      expect(committed.rows[0]!.n).toBe(150);
    } finally {
      await Promise.all([writers.end(), readers.end()]);
    }
  });

  it("gives a transaction the session until it ends, and others wait instead of joining it", {
    timeout: 60_000,
  }, async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query("BEGIN");
      await a.query("UPDATE counter SET n = n + 1 WHERE id = $1", [1]);
      let bDone = false;
      const bRead = b.query<{ n: number }>("SELECT n FROM counter WHERE id = $1", [1]).then((r) => {
        bDone = true;
        return r.rows[0]!.n;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // B is queued behind A's open transaction, not executed inside it.
      expect(bDone).toBe(false);
      await a.query("ROLLBACK");
      expect(await bRead).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("rolls back the transaction of a client that disconnects mid-way", { timeout: 60_000 }, async () => {
    const a = new pg.Client({ connectionString: url });
    a.on("error", () => {});
    await a.connect();
    await a.query("BEGIN");
    await a.query("UPDATE counter SET n = 100 WHERE id = 1");
    // The process holding the transaction dies: its socket closes without COMMIT, ROLLBACK or Terminate.
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const b = new pg.Client({ connectionString: url });
    await b.connect();
    try {
      expect((await b.query<{ n: number }>("SELECT n FROM counter WHERE id = 1")).rows[0]!.n).toBe(0);
    } finally {
      await b.end();
    }
  });

  it("refuses connections beyond its cap with a PostgreSQL error", async () => {
    const small = new PGliteWireServer(db, { host: "127.0.0.1", port: 0, maxConnections: 1 });
    const port = await small.start();
    const smallUrl = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    const first = new pg.Client({ connectionString: smallUrl });
    await first.connect();
    const second = new pg.Client({ connectionString: smallUrl });
    await expect(second.connect()).rejects.toThrow(/too many connections/);
    await first.end();
    await small.stop();
  });
});
