import "server-only";
import type { DbTx } from "@/server/db/client";

/** The fields that decide where files are (credentials and CDN do not move them). */
export interface StorageLocation {
  provider: string;
  bucket?: string | null;
  region?: string | null;
  endpoint?: string | null;
  prefix?: string | null;
}

/** True when two configurations address different places, so files written under one are absent in the other. */
export function storageLocationChanged(before: StorageLocation, after: StorageLocation): boolean {
  const norm = (l: StorageLocation) =>
    JSON.stringify([l.provider, l.bucket ?? null, l.region ?? null, l.endpoint ?? null, l.prefix ?? null]);
  return norm(before) !== norm(after);
}

/**
 * Marks every rendered format of the organization stale after its storage moved: the old files are not in
 * the new place, so "Regenerate" must write them there. Returns how many formats were marked.
 */
export async function markOrganizationFormatsStale(tx: DbTx, organizationId: string): Promise<number> {
  const { count } = await tx.bookFormat.updateMany({ where: { organizationId }, data: { stale: true } });
  await tx.book.updateMany({ where: { organizationId, formats: { some: {} } }, data: { formatsStale: true } });
  return count;
}
