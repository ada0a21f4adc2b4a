import "server-only";
import type { DbTx } from "@/server/db/client";
import { recomputeStorageUsed } from "./recompute-storage-used";

/**
 * Marks a book's rendered formats stale after its content changed, and recounts STORAGE_USED (the source
 * size changed too). Call it inside the transaction that writes the new content, so both commit together;
 * the files stay downloadable until "Regenerate" replaces them. Returns how many formats were marked.
 */
export async function markFormatsStale(tx: DbTx, book: { id: string; organizationId: string }): Promise<number> {
  const { count } = await tx.bookFormat.updateMany({
    where: { bookId: book.id, organizationId: book.organizationId },
    data: { stale: true },
  });
  await tx.book.updateMany({
    where: { id: book.id, organizationId: book.organizationId },
    data: { formatsStale: count > 0 },
  });
  await recomputeStorageUsed(tx, book.organizationId);
  return count;
}
