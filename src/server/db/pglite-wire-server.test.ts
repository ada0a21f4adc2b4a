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

  // PGlite hands `onRawData` a view of its own memory and reuses it for the next chunk: writing that view to
  // the socket without a copy sent corrupted bytes (or stalled) once a result outgrew one chunk, and every
  // client of the one session hung behind it until a restart (the 8 MB sign-up `name`, a 4 MB book row).
  it("returns a 16 MB row intact while other clients keep querying", { timeout: 120_000 }, async () => {
    await db.exec("CREATE TABLE IF NOT EXISTS big_rows (id int primary key, body text not null)");
    const sixteenMegabytes = 16 * 1024 * 1024;
    // Varied content, so a chunk delivered twice or out of place cannot compare equal by accident.
    const unit = Array.from({ length: 256 }, (_, i) => String.fromCharCode(33 + (i % 90))).join("");
    const body = Array.from(
      { length: sixteenMegabytes / unit.length },
      (_, i) => `${unit.slice(0, 248)}${String(i).padStart(8, "0")}`,
    ).join("");
    expect(body.length).toBe(sixteenMegabytes);
    const writer = new pg.Client({ connectionString: url });
    const others = new pg.Pool({ connectionString: url, max: 4 });
    await writer.connect();
    try {
      await writer.query("INSERT INTO big_rows (id, body) VALUES ($1, $2)", [1, body]);
      const readBack = async () =>
        (await writer.query<{ body: string }>("SELECT body FROM big_rows WHERE id = $1", [1])).rows[0]!.body;
      const small = async (i: number) =>
        (await others.query<{ echo: string }>("SELECT $1::text AS echo, pg_sleep(0)", [`small-${i}`])).rows[0]!.echo;
      const [first, smallResults, second] = await Promise.all([
        readBack(),
        Promise.all(Array.from({ length: 40 }, (_, i) => small(i))),
        readBack(),
      ]);
      expect(first.length).toBe(body.length);
      expect(first === body).toBe(true);
      expect(second === body).toBe(true);
      expect(smallResults).toEqual(Array.from({ length: 40 }, (_, i) => `small-${i}`));
      // And the session still answers afterwards (the failure left it stalled for everyone).
      expect((await others.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one).toBe(1);
    } finally {
      await writer.end();
      await others.end();
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
