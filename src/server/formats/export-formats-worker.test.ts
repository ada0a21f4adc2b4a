import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { registerHandlers } from "@/worker/register-handlers";
import { testDb } from "../../../tests/helpers/test-db";
import { createBookFixture, createOrgFixture } from "../../../tests/support/formats/format-fixtures";
import { isolatedBoss } from "../../../tests/support/queue/isolated-boss";
import { EXPORT_FORMATS_QUEUE, enqueueExportFormats } from "./export-formats-queue";

describe("book.export-formats through pg-boss", () => {
  const { boss, drop } = isolatedBoss("pgboss_formats");
  afterAll(drop);

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
