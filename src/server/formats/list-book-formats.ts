import "server-only";
import type { BookFormatRow, BookFormats } from "@/contracts/books";
import { exporterFor } from "@/exporters/registry";
import { assertCan } from "@/server/auth/permissions";
import type { Ctx } from "@/server/context";
import { findOrgBook } from "./find-org-book";
import { BOOK_FORMATS, downloadNameOf } from "./format-files";

/** Lists the five formats of a book with their render status, file facts and download counts (any role). */
export async function listBookFormats(ctx: Ctx, bookId: string): Promise<BookFormats> {
  assertCan(ctx.actor, "book:read");
  const book = await findOrgBook(ctx.db, ctx.actor, bookId);
  const [rows, counts] = await Promise.all([
    ctx.db.bookFormat.findMany({ where: { bookId: book.id, organizationId: book.organizationId } }),
    ctx.db.bookDownload.groupBy({
      by: ["format"],
      where: { bookId: book.id, organizationId: book.organizationId },
      _count: { _all: true },
    }),
  ]);
  const rowByFormat = new Map(rows.map((r) => [r.format, r]));
  const countByFormat = new Map(counts.map((c) => [c.format, c._count._all]));
  const formats = BOOK_FORMATS.map((format): BookFormatRow => {
    const row = rowByFormat.get(format);
    const exporter = exporterFor(format);
    const available = Boolean(row?.renderedAt && row.checksum);
    return {
      format,
      status: row?.status ?? "NOT_RENDERED",
      available,
      stale: row?.stale ?? false,
      fileName: available && row ? downloadNameOf(row.filePath) : null,
      fileExtension: exporter.fileExtension,
      contentType: row?.contentType ?? exporter.contentType,
      size: available && row ? Number(row.size) : null,
      checksum: available ? (row?.checksum ?? null) : null,
      renderedAt: row?.renderedAt?.toISOString() ?? null,
      error: row?.status === "FAILED" ? row.error : null,
      downloads: countByFormat.get(format) ?? 0,
      downloadUrl: available ? `/api/books/${book.id}/formats/${format.toLowerCase()}/download` : null,
    };
  });
  return { bookId: book.id, formatsStale: book.formatsStale, hasContent: Boolean(book.content?.trim()), formats };
}
