import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { testDb } from "../../../tests/helpers/test-db";
import { registerHandlers } from "@/worker/register-handlers";
import { databaseUrl } from "@/server/db/database-url";
import { EXPORT_FORMATS_QUEUE, enqueueExportFormats } from "./export-formats-queue";
import { createBookFixture, createOrgFixture } from "../../../tests/support/formats/format-fixtures";

// Its own pg-boss schema, so this run neither sees nor runs other tests' jobs; dropped afterwards.
const schema = `pgboss_formats_${process.pid}_${Date.now()}`;

describe("book.export-formats through pg-boss", () => {
  const boss = new PgBoss({ connectionString: databaseUrl(), schema, max: 3, supervise: false });

  afterAll(async () => {
    await boss.stop({ graceful: false, wait: true });
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it("renders a finalized book's five formats when the pipeline enqueues it", { timeout: 60_000 }, async () => {
    const db = testDb();
    const { organization } = await createOrgFixture(db, "worker");
    const book = await createBookFixture(db, organization.id);
    await boss.start();
    const queues = await registerHandlers(boss, { db, log: () => {} });
    expect(queues).toContain(EXPORT_FORMATS_QUEUE);
    expect(await boss.getQueue(EXPORT_FORMATS_QUEUE)).toMatchObject({ policy: "short" });

    const send = (name: string, data: object, options?: PgBoss.SendOptions) => boss.send(name, data, options ?? {});
    const jobId = await enqueueExportFormats({ bookId: book.id, organizationId: organization.id }, send);
    expect(jobId).toEqual(expect.any(String));
    await expect
      .poll(async () => (await boss.getJobById(EXPORT_FORMATS_QUEUE, jobId ?? ""))?.state, { timeout: 45_000 })
      .toBe("completed");
    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    expect(rows.map((r) => [r.format, r.status]).sort()).toEqual([
      ["DOCX", "READY"],
      ["EPUB", "READY"],
      ["HTML", "READY"],
      ["MARKDOWN", "READY"],
      ["PDF", "READY"],
    ]);
  });
});
