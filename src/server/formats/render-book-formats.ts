import "server-only";
import { createHash } from "node:crypto";
import type { FormatType } from "@/generated/prisma/enums";
import { type ImageBytes, type ParsedBook, parseBook } from "@/exporters/parse-book";
import { exporterFor } from "@/exporters/registry";
import { cdnUrlFor } from "@/storage/storage-config";
import { StorageError } from "@/storage/storage-provider";
import type { Db } from "@/server/db/client";
import { type OrganizationStorage, organizationStorage } from "@/server/storage-settings/organization-storage";
import { BOOK_FORMATS, formatFileKey } from "./format-files";
import { assertStorageAvailable } from "@/server/billing/plans";
import { recomputeStorageUsed } from "./recompute-storage-used";
import { resetFormatRows } from "./reset-format-rows";
import { isBusyDatabaseError, withBusyRetry } from "@/server/generation/busy-write-retry";

export interface RenderDeps {
  db: Db;
  log?: (message: string) => void;
}

export interface RenderBookFormatsResult {
  bookId: string;
  rendered: FormatType[];
  failed: { format: FormatType; error: string; retryable: boolean }[];
  /** Set when nothing was rendered: the book is gone (or in another organization) or has no content yet. */
  skipped?: "book-not-found" | "no-content";
}

/** Thrown after every format was attempted when some failed for a reason a retry may fix (storage down). */
export class RetryableRenderError extends Error {
  constructor(readonly result: RenderBookFormatsResult) {
    super(
      `Formats of book ${result.bookId} failed: ${result.failed.map((f) => `${f.format} (${f.error})`).join("; ")}`,
    );
    this.name = "RetryableRenderError";
  }
}

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

/** A stable UUID derived from the book id, so EPUB identifiers survive re-renders. */
function bookUuid(bookId: string): string {
  const h = createHash("sha256").update(`scriptorium-book:${bookId}`).digest("hex");
  const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Images the book references by a storage key of its own organization (`<orgId>/…`); anything else is skipped. */
function imageResolver(storage: OrganizationStorage, organizationId: string) {
  return async (src: string): Promise<ImageBytes | null> => {
    const key = src.replace(/^\/+/, "");
    if (!key.startsWith(`${organizationId}/`)) return null;
    try {
      const object = await storage.provider.get(key);
      return { bytes: object.bytes, contentType: object.contentType };
    } catch {
      return null;
    }
  };
}

/**
 * Renders every format of a book from one parse, stores each file in the organization's storage and
 * records it (BookFormat: size, sha256, CDN URL, READY) together with an exact STORAGE_USED, one format per
 * transaction so progress is visible and a failed format never loses the others. Idempotent: a retry
 * renders the same bytes to the same keys. Throws RetryableRenderError only for failures a retry may fix (storage down, database still busy).
 */
export async function renderBookFormats(
  deps: RenderDeps,
  input: { bookId: string; organizationId: string },
): Promise<RenderBookFormatsResult> {
  const { db } = deps;
  const log = deps.log ?? (() => {});
  const result: RenderBookFormatsResult = { bookId: input.bookId, rendered: [], failed: [] };
  const book = await db.book.findFirst({
    where: { id: input.bookId, organizationId: input.organizationId },
    select: {
      id: true,
      organizationId: true,
      title: true,
      topic: true,
      language: true,
      content: true,
      isDemoContent: true,
      createdAt: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
      organization: { select: { name: true } },
    },
  });
  if (!book) return { ...result, skipped: "book-not-found" };
  if (!book.content?.trim()) return { ...result, skipped: "no-content" };
  const content = book.content;
  const contentHash = md5(content);
  const keyOf = (format: FormatType) => formatFileKey(book.organizationId, book.id, book.title, format);
  const previous = new Map(
    (await db.bookFormat.findMany({ where: { bookId: book.id }, select: { format: true, filePath: true } })).map(
      (row) => [row.format, row.filePath],
    ),
  );

  // Each write is short and retried while the database is only busy (the embedded database serves one
  // transaction at a time, and a book check or a generation may hold it): a format must not fail for that.
  const retryBusy = {
    onRetry: (error: unknown) =>
      log(`render ${book.id}: database busy (${errorMessage(error).split("\n")[0]}); retrying`),
  };
  await withBusyRetry(() => db.$transaction((tx) => resetFormatRows(tx, book, "RENDERING")), retryBusy);

  const fail = async (format: FormatType, error: unknown, retryable: boolean) => {
    const message = errorMessage(error);
    result.failed.push({ format, error: message, retryable });
    log(`render ${book.id} ${format} failed: ${message}`);
    await withBusyRetry(
      () =>
        db.bookFormat.update({
          where: { bookId_format: { bookId: book.id, format } },
          data: { status: "FAILED", error: message },
        }),
      retryBusy,
    );
  };

  let storage: OrganizationStorage;
  let parsed: ParsedBook;
  try {
    storage = await organizationStorage(db, book.organizationId);
  } catch (error) {
    // Wrong settings need an admin, not a retry.
    for (const format of BOOK_FORMATS) await fail(format, error, false);
    return result;
  }
  try {
    parsed = await parseBook({
      title: book.title,
      author: book.createdBy?.name || book.organization.name,
      language: book.language.toLowerCase().startsWith("fr") ? "fr" : "en",
      identifier: bookUuid(book.id),
      date: book.createdAt,
      modified: book.updatedAt,
      description: book.topic,
      content,
      isDemoContent: book.isDemoContent,
      resolveImage: imageResolver(storage, book.organizationId),
    });
  } catch (error) {
    for (const format of BOOK_FORMATS) await fail(format, error, false);
    return result;
  }

  for (const format of BOOK_FORMATS) {
    const exporter = exporterFor(format);
    const key = keyOf(format);
    let bytes: Uint8Array;
    try {
      bytes = await exporter.render(parsed);
    } catch (error) {
      await fail(format, error, false);
      continue;
    }
    try {
      // The plan's storage limit counts what the organization keeps: only the growth over this format's
      // previous file needs room. Checked under the organization lock before the file is written, so an
      // over-limit render never replaces the previous file.
      await withBusyRetry(
        () =>
          db.$transaction(async (tx) => {
            const previousRow = await tx.bookFormat.findUnique({
              where: { bookId_format: { bookId: book.id, format } },
              select: { size: true },
            });
            await assertStorageAvailable(tx, book.organizationId, bytes.length - Number(previousRow?.size ?? 0));
          }),
        retryBusy,
      );
    } catch (error) {
      // Over the plan's storage needs an upgrade, not a retry; a database still busy after the retries does.
      await fail(format, error, isBusyDatabaseError(error));
      continue;
    }
    let stored: { size: number; checksum: string };
    try {
      stored = await storage.provider.put(key, bytes, exporter.contentType);
    } catch (error) {
      await fail(format, error, !(error instanceof StorageError) || error.code === "PROVIDER_ERROR");
      continue;
    }
    const cdnUrl = cdnUrlFor(storage.config, key);
    await withBusyRetry(
      () =>
        db.$transaction(async (tx) => {
          // Content edited while we rendered: the file is stored, but it is already stale.
          const current = await tx.$queryRaw<{ hash: string | null }[]>`
        SELECT md5(content) AS hash FROM "Book" WHERE id = ${book.id}`;
          const stale = current[0]?.hash !== contentHash;
          const data = {
            filePath: key,
            // The checksum in the query string makes CDNs fetch the new file after a re-render to the same key.
            cdnUrl: cdnUrl ? `${cdnUrl}?v=${stored.checksum.slice(0, 12)}` : null,
            contentType: exporter.contentType,
            size: BigInt(stored.size),
            checksum: stored.checksum,
            stale,
            status: "READY" as const,
            error: null,
            renderedAt: new Date(),
          };
          await tx.bookFormat.upsert({
            where: { bookId_format: { bookId: book.id, format } },
            create: { bookId: book.id, organizationId: book.organizationId, format, ...data },
            update: data,
          });
          await recomputeStorageUsed(tx, book.organizationId);
        }),
      retryBusy,
    );
    result.rendered.push(format);
    const old = previous.get(format);
    if (old && old !== key) {
      // The title (hence the file name) changed: the old file is no longer referenced.
      await storage.provider.delete(old).catch((error: unknown) => {
        log(`render ${book.id} ${format}: could not delete old file ${old}: ${errorMessage(error)}`);
      });
    }
  }

  await withBusyRetry(
    () =>
      db.$transaction(async (tx) => {
        const staleRows = await tx.bookFormat.count({ where: { bookId: book.id, stale: true } });
        // Raw so Book.updatedAt (the books' "modified" date) stays put: re-rendering must not change the bytes.
        await tx.$executeRaw`UPDATE "Book" SET "formatsStale" = ${staleRows > 0} WHERE id = ${book.id}`;
      }),
    retryBusy,
  );
  if (result.failed.some((f) => f.retryable)) throw new RetryableRenderError(result);
  return result;
}
