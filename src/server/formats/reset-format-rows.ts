import "server-only";
import type { DbTx } from "@/server/db/client";
import { exporterFor } from "@/exporters/registry";
import { BOOK_FORMATS, formatFileKey } from "./format-files";

/**
 * Puts every format row of the book in `status` (PENDING when a render is queued, RENDERING when it
 * starts), creating the missing rows with their file key. Files already rendered stay downloadable.
 */
export async function resetFormatRows(
  tx: DbTx,
  book: { id: string; organizationId: string; title: string },
  status: "PENDING" | "RENDERING",
): Promise<void> {
  for (const format of BOOK_FORMATS) {
    await tx.bookFormat.upsert({
      where: { bookId_format: { bookId: book.id, format } },
      create: {
        bookId: book.id,
        organizationId: book.organizationId,
        format,
        filePath: formatFileKey(book.organizationId, book.id, book.title, format),
        contentType: exporterFor(format).contentType,
        status,
      },
      update: { status, error: null },
    });
  }
}
