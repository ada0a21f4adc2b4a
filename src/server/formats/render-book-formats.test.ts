import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb } from "../../../tests/helpers/test-db";
import { pdfExporter } from "@/exporters/pdf-exporter";
import { samplePng } from "../../../tests/support/exporters/sample-book";
import type { Db } from "@/server/db/client";
import { organizationStorage } from "@/server/storage-settings/organization-storage";
import { BOOK_FORMATS } from "./format-files";
import { markFormatsStale } from "./mark-formats-stale";
import { regenerateFormats } from "./regenerate-formats";
import { storageUsedPeriod } from "./recompute-storage-used";
import { RetryableRenderError, renderBookFormats } from "./render-book-formats";
import { runExportFormats } from "./run-export-formats";
import { createBookFixture, createOrgFixture } from "../../../tests/support/formats/format-fixtures";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function storageUsed(db: Db, organizationId: string): Promise<bigint> {
  const row = await db.usageMetric.findUniqueOrThrow({
    where: {
      organizationId_metric_periodStart: {
        organizationId,
        metric: "STORAGE_USED",
        periodStart: storageUsedPeriod().periodStart,
      },
    },
  });
  return BigInt(row.value.toFixed(0));
}

/** What STORAGE_USED must be, counted independently: stored file sizes on disk + UTF-8 bytes of every source. */
async function expectedStorage(db: Db, organizationId: string): Promise<bigint> {
  const storage = await organizationStorage(db, organizationId);
  const formats = await db.bookFormat.findMany({ where: { organizationId, renderedAt: { not: null } } });
  let total = 0n;
  for (const f of formats) total += BigInt((await storage.provider.get(f.filePath)).size);
  for (const b of await db.book.findMany({ where: { organizationId } })) {
    total += BigInt(Buffer.byteLength(b.content ?? "", "utf8"));
  }
  return total;
}

/** The database, except that `$transaction` refuses to start whenever `refuse()` says so (a busy database). */
function refusingTransactions(db: Db, refuse: () => boolean): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (...args: unknown[]) =>
        refuse()
          ? Promise.reject(new Error("Transaction API error: Unable to start a transaction in the given time."))
          : (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  }) as Db;
}

describe("renderBookFormats (LOCAL storage in the test data directory)", () => {
  let db: Db;
  let org: Awaited<ReturnType<typeof createOrgFixture>>;

  beforeAll(async () => {
    db = testDb();
    org = await createOrgFixture(db, "render");
  });

  afterEach(() => vi.restoreAllMocks());

  it("renders a French book with a stored image to all five formats: rows, files, checksums, STORAGE_USED", async () => {
    const storage = await organizationStorage(db, org.organization.id);
    const imageKey = `${org.organization.id}/images/harbour.png`;
    await storage.provider.put(imageKey, samplePng(), "image/png");
    const book = await createBookFixture(db, org.organization.id, {
      language: "fr",
      createdById: org.user.id,
      imageKey,
    });

    const result = await renderBookFormats({ db }, { bookId: book.id, organizationId: org.organization.id });
    expect(result.failed).toEqual([]);
    expect([...result.rendered].sort()).toEqual([...BOOK_FORMATS].sort());

    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.status).toBe("READY");
      expect(row.stale).toBe(false);
      expect(row.error).toBeNull();
      expect(row.renderedAt).toBeInstanceOf(Date);
      expect(row.organizationId).toBe(org.organization.id);
      expect(row.filePath).toMatch(new RegExp(`^${org.organization.id}/books/${book.id}/le-gardien-du-phare\\.\\w+$`));
      expect(row.cdnUrl).toBeNull();
      const file = await storage.provider.get(row.filePath);
      expect(Number(row.size)).toBe(file.bytes.byteLength);
      expect(row.checksum).toBe(sha256(file.bytes));
      expect(file.contentType).toBe(row.contentType);
    }
    const byFormat = new Map(rows.map((r) => [r.format, r]));
    const pdf = await storage.provider.get(byFormat.get("PDF")?.filePath ?? "");
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const epub = await storage.provider.get(byFormat.get("EPUB")?.filePath ?? "");
    expect(Buffer.from(epub.bytes.subarray(30, 58)).toString()).toBe("mimetypeapplication/epub+zip");
    const html = Buffer.from((await storage.provider.get(byFormat.get("HTML")?.filePath ?? "")).bytes).toString();
    // French typography and the stored image made it into the output.
    expect(html).toContain("Bonjour\u202F!");
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    const markdown = Buffer.from((await storage.provider.get(byFormat.get("MARKDOWN")?.filePath ?? "")).bytes);
    expect(markdown.toString().startsWith("---\n")).toBe(true);

    expect(await storageUsed(db, org.organization.id)).toBe(await expectedStorage(db, org.organization.id));
    expect((await db.book.findUniqueOrThrow({ where: { id: book.id } })).formatsStale).toBe(false);
  });

  it("re-renders idempotently, replaces renamed files, and recomputes STORAGE_USED", async () => {
    const book = await createBookFixture(db, org.organization.id, { createdById: org.user.id });
    const input = { bookId: book.id, organizationId: org.organization.id };
    await renderBookFormats({ db }, input);
    const first = await db.bookFormat.findMany({ where: { bookId: book.id }, orderBy: { format: "asc" } });

    // Retry of the same job: same rows, same keys (overwritten in place), rows still describe the files.
    await renderBookFormats({ db }, input);
    const again = await db.bookFormat.findMany({ where: { bookId: book.id }, orderBy: { format: "asc" } });
    expect(again.map((r) => [r.id, r.filePath])).toEqual(first.map((r) => [r.id, r.filePath]));
    const storageNow = await organizationStorage(db, org.organization.id);
    for (const row of again) {
      const file = await storageNow.provider.get(row.filePath);
      expect([row.checksum, Number(row.size)]).toEqual([sha256(file.bytes), file.size]);
    }
    // Same content, same book dates: the text formats come out byte for byte the same.
    const checksumOf = (rows: typeof first, format: string) => rows.find((r) => r.format === format)?.checksum;
    for (const format of ["HTML", "MARKDOWN", "EPUB", "PDF"]) {
      expect(checksumOf(again, format)).toBe(checksumOf(first, format));
    }

    // New title and longer content: new file names, old files gone, STORAGE_USED follows.
    const before = await storageUsed(db, org.organization.id);
    await db.$transaction(async (tx) => {
      await tx.book.update({
        where: { id: book.id },
        data: { title: "The Keeper Returns", content: `${book.content}\n\nA new closing paragraph, much longer.` },
      });
      expect(await markFormatsStale(tx, book)).toBe(5);
    });
    expect((await db.bookFormat.findMany({ where: { bookId: book.id } })).every((r) => r.stale)).toBe(true);
    expect((await db.book.findUniqueOrThrow({ where: { id: book.id } })).formatsStale).toBe(true);
    // markFormatsStale recounted the longer source already.
    expect(await storageUsed(db, org.organization.id)).toBe(await expectedStorage(db, org.organization.id));

    await renderBookFormats({ db }, input);
    const storage = await organizationStorage(db, org.organization.id);
    const after = await db.bookFormat.findMany({ where: { bookId: book.id }, orderBy: { format: "asc" } });
    expect(after.map((r) => r.id)).toEqual(first.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      expect(row.filePath).toMatch(/\/the-keeper-returns\.\w+$/);
      expect(row.stale).toBe(false);
      expect(await storage.provider.exists(first[i]?.filePath ?? "")).toBe(false);
      expect(await storage.provider.exists(row.filePath)).toBe(true);
    }
    expect((await db.book.findUniqueOrThrow({ where: { id: book.id } })).formatsStale).toBe(false);
    const now = await storageUsed(db, org.organization.id);
    expect(now).toBe(await expectedStorage(db, org.organization.id));
    expect(now).not.toBe(before);
  });

  it("keeps the other formats when one fails, and shows the failure on that format", async () => {
    const book = await createBookFixture(db, org.organization.id);
    vi.spyOn(pdfExporter, "render").mockRejectedValueOnce(new Error("typst exploded"));
    const result = await renderBookFormats({ db }, { bookId: book.id, organizationId: org.organization.id });
    expect(result.failed).toEqual([{ format: "PDF", error: "typst exploded", retryable: false }]);
    expect(result.rendered).toHaveLength(4);
    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    const pdf = rows.find((r) => r.format === "PDF");
    expect(pdf).toMatchObject({ status: "FAILED", error: "typst exploded", renderedAt: null, size: 0n });
    expect(rows.filter((r) => r.status === "READY")).toHaveLength(4);
    expect(await storageUsed(db, org.organization.id)).toBe(await expectedStorage(db, org.organization.id));
  });

  it("renders every format when the database is busy for a while (transactions that cannot start are retried)", async () => {
    const book = await createBookFixture(db, org.organization.id);
    // The embedded database serves one transaction at a time: while a check or a generation holds it, a
    // transaction may not start in time. Every other transaction of this render is refused once.
    let calls = 0;
    const busy = refusingTransactions(db, () => ++calls % 2 === 1);
    const logs: string[] = [];
    const result = await renderBookFormats(
      { db: busy, log: (line) => logs.push(line) },
      { bookId: book.id, organizationId: org.organization.id },
    );
    expect(result.failed).toEqual([]);
    expect([...result.rendered].sort()).toEqual([...BOOK_FORMATS].sort());
    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    expect(rows.map((row) => row.status)).toEqual(Array(5).fill("READY"));
    // reset + (storage check + record) per format + the book's stale flag, each refused once first.
    expect(calls).toBe(2 * (1 + 2 * BOOK_FORMATS.length + 1));
    expect(logs.filter((line) => line.includes("database busy"))).toHaveLength(calls / 2);
  });

  it("marks a format FAILED as retryable when the database stays busy through its storage check", async () => {
    const book = await createBookFixture(db, org.organization.id);
    // The first transaction resets the rows; the next five are the first format's storage check and its retries.
    let transactions = 0;
    const busy = refusingTransactions(db, () => {
      transactions++;
      return transactions >= 2 && transactions <= 6;
    });
    const error = await renderBookFormats({ db: busy }, { bookId: book.id, organizationId: org.organization.id }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetryableRenderError);
    const failed = (error as RetryableRenderError).result.failed;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ format: BOOK_FORMATS[0], retryable: true });
    expect((error as RetryableRenderError).result.rendered).toHaveLength(BOOK_FORMATS.length - 1);
  });

  it("refuses formats that would exceed the plan's storage, keeping nothing new and answering 402 upfront", async () => {
    const full = await createOrgFixture(db, "full");
    const orgId = full.organization.id;
    // An organization on FREE (1 GB) already keeping its whole allowance.
    const kept = await createBookFixture(db, orgId, { title: "Kept" });
    const used = 1024 ** 3 - Buffer.byteLength(kept.content ?? "", "utf8") - 100;
    await db.bookFormat.create({
      data: { bookId: kept.id, organizationId: orgId, format: "PDF", filePath: "elsewhere.pdf", size: BigInt(used) },
    });
    const book = await createBookFixture(db, orgId, { title: "One too many" });
    const result = await renderBookFormats({ db }, { bookId: book.id, organizationId: orgId });
    expect(result.rendered).toEqual([]);
    expect(result.failed.map((f) => f.format).sort()).toEqual([...BOOK_FORMATS].sort());
    expect(result.failed.every((f) => !f.retryable && /storage/i.test(f.error))).toBe(true);
    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    expect(rows.every((r) => r.renderedAt === null && r.size === 0n)).toBe(true);
    const storage = await organizationStorage(db, orgId);
    for (const row of rows) expect(await storage.provider.exists(row.filePath)).toBe(false);

    const actor = {
      userId: full.user.id,
      organizationId: orgId,
      orgRole: "OWNER" as const,
      userRole: "USER" as const,
      via: "session" as const,
      scopes: [],
    };
    const ctx = { db, actor, meta: { ipAddress: null, userAgent: null } };
    const error = await regenerateFormats(ctx, book.id, async () => "never-sent").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "PLAN_LIMIT_REACHED", status: 402, details: { upgradeTo: "STARTER" } });
  });

  it("marks every format FAILED and throws a retryable error when the storage is down", async () => {
    const other = await createOrgFixture(db, "s3down");
    // An S3 endpoint on a port nothing listens on: every upload fails with a provider error.
    await db.storageConfig.create({
      data: {
        organizationId: other.organization.id,
        provider: "AWS_S3",
        bucket: "books",
        endpoint: "http://127.0.0.1:9",
        forcePathStyle: true,
        credentialsEncrypted: (await import("@/storage/storage-config")).encryptStorageCredentials(
          { accessKeyId: "AK", secretAccessKey: "SK" },
          process.env.AUTH_SECRET ?? "",
          other.organization.id,
        ),
      },
    });
    const book = await createBookFixture(db, other.organization.id);
    const job = {
      id: "job-1",
      name: "book.export-formats",
      data: { bookId: book.id, organizationId: other.organization.id },
    };
    await expect(runExportFormats({ db }, [job] as never)).rejects.toBeInstanceOf(RetryableRenderError);
    const rows = await db.bookFormat.findMany({ where: { bookId: book.id } });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.status === "FAILED" && r.error?.includes("AWS_S3"))).toBe(true);
  }, 60_000);

  it("keeps STORAGE_USED exact when renders and content edits of one organization run concurrently", async () => {
    const busy = await createOrgFixture(db, "busy");
    const organizationId = busy.organization.id;
    const books = await Promise.all([1, 2, 3].map(() => createBookFixture(db, organizationId)));
    const [first, second, third] = books as [(typeof books)[0], (typeof books)[0], (typeof books)[0]];
    await renderBookFormats({ db }, { bookId: third.id, organizationId });
    await Promise.all([
      renderBookFormats({ db }, { bookId: first.id, organizationId }),
      renderBookFormats({ db }, { bookId: second.id, organizationId }),
      db.$transaction(async (tx) => {
        await tx.book.update({ where: { id: third.id }, data: { content: `${third.content}\n\nEdited meanwhile.` } });
        await markFormatsStale(tx, third);
      }),
    ]);
    expect(await db.bookFormat.count({ where: { organizationId, status: "READY" } })).toBe(15);
    expect(await storageUsed(db, organizationId)).toBe(await expectedStorage(db, organizationId));
  });

  it("skips a book of another organization or without content, writing nothing", async () => {
    const stranger = await createOrgFixture(db, "stranger");
    const book = await createBookFixture(db, org.organization.id);
    const wrongOrg = await renderBookFormats({ db }, { bookId: book.id, organizationId: stranger.organization.id });
    expect(wrongOrg.skipped).toBe("book-not-found");
    const empty = await db.book.create({
      data: { organizationId: org.organization.id, title: "Empty", topic: "t", goal: "g" },
    });
    expect((await renderBookFormats({ db }, { bookId: empty.id, organizationId: org.organization.id })).skipped).toBe(
      "no-content",
    );
    expect(await db.bookFormat.count({ where: { bookId: { in: [book.id, empty.id] } } })).toBe(0);
  });
});
