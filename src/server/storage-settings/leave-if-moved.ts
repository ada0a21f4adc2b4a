import "server-only";
import type { StorageConfig } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db/client";
import { platformStorageConfig } from "./platform-storage-config";
import { leaveStorageLocation, type RemoveStoredFilesJob } from "./remove-stored-files";
import { type StorageLocation, storageLocationChanged } from "./storage-location";

/**
 * What a change of storage settings leaves behind (saving or resetting them): when `next` addresses
 * another place than the current row (or the platform default when there is none), the rendered formats
 * are marked stale and the old files are listed for removal once the transaction commits.
 */
export async function leaveIfMoved(
  tx: DbTx,
  organizationId: string,
  current: StorageConfig | null,
  next: StorageLocation,
): Promise<{ formatsMarkedStale: number; removal: RemoveStoredFilesJob | null }> {
  if (!storageLocationChanged(current ?? platformStorageConfig(), next))
    return { formatsMarkedStale: 0, removal: null };
  return leaveStorageLocation(tx, organizationId, current);
}
