// The PGlite smoke test: the embedded default runs the same migrations, Prisma client and pg-boss as
// PostgreSQL, and its data survives a restart. (Concurrency and tenancy are tested on real PostgreSQL.)
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedDatabase } from "./embedded-database";
import { deployMigrations, readMigrations } from "./migrations";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("embedded database (PGlite over pglite-socket)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scriptorium-pglite-"));
  const running: EmbeddedDatabase[] = [];

  afterAll(async () => {
    for (const database of running) await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates, keeps Prisma writes across a restart, and runs pg-boss", { timeout: 180_000 }, async () => {
    const port = await freePort();
    const first = await startEmbeddedDatabase({ dataDir, port });
    running.push(first);
    expect(first.url).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`);

    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const { applied } = await deployMigrations(first.url);
    expect(applied).toEqual(migrations.map((m) => m.name));

    const slug = `smoke-${Date.now()}`;
    let db = createDb(first.url);
    // An interactive transaction, as every use case writes: it must commit through the socket.
    const created = await db.$transaction(async (tx) => {
      const organization = await tx.organization.create({ data: { name: "Smoke Press", slug } });
      await tx.activityLog.create({
        data: { organizationId: organization.id, action: "org.created", resource: "organization" },
      });
      return organization;
    });
    await db.$disconnect();
    await first.stop();
    running.pop();

    // Same directory, same port: the row is still there and nothing is left to migrate.
    const second = await startEmbeddedDatabase({ dataDir, port });
    running.push(second);
    expect((await deployMigrations(second.url)).applied).toEqual([]);
    db = createDb(second.url);
    const reloaded = await db.organization.findUnique({ where: { slug }, include: { activities: true } });
    expect(reloaded).toMatchObject({ id: created.id, name: "Smoke Press", plan: "FREE" });
    expect(reloaded?.activities.map((a) => a.action)).toEqual(["org.created"]);
    await db.$disconnect();

    // pg-boss installs its schema and moves a job through send → fetch → complete on PGlite.
    const boss = new PgBoss({ connectionString: second.url, max: 3, supervise: false, schedule: false });
    const errors: unknown[] = [];
    boss.on("error", (error) => errors.push(error));
    await boss.start();
    await boss.createQueue("smoke");
    const jobId = await boss.send("smoke", { chapter: 1 });
    expect(jobId).toEqual(expect.any(String));
    const [job] = await boss.fetch<{ chapter: number }>("smoke");
    expect(job).toMatchObject({ id: jobId, data: { chapter: 1 } });
    await boss.complete("smoke", jobId!);
    expect((await boss.getJobById("smoke", jobId!))?.state).toBe("completed");
    await boss.stop({ graceful: false, wait: true });
    expect(errors).toEqual([]);
  });

  it("explains a taken port and refuses a second open of the same directory", { timeout: 60_000 }, async () => {
    const ownDir = mkdtempSync(path.join(tmpdir(), "scriptorium-pglite-"));
    const otherDir = mkdtempSync(path.join(tmpdir(), "scriptorium-pglite-"));
    try {
      const port = await freePort();
      const database = await startEmbeddedDatabase({ dataDir: ownDir, port });
      running.push(database);

      const portTaken = startEmbeddedDatabase({ dataDir: otherDir, port });
      await expect(portTaken).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(portTaken).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is already in use/);

      const sameDir = startEmbeddedDatabase({ dataDir: ownDir, port: await freePort() });
      await expect(sameDir).rejects.toThrow(/already open/);

      // The refused attempts left the running database untouched.
      const db = createDb(database.url);
      expect(await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
      await db.$disconnect();
    } finally {
      for (const database of running.splice(0)) await database.stop();
      rmSync(otherDir, { recursive: true, force: true });
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
