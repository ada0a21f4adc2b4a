import "server-only";
// Removes files an organization no longer uses from the place they were stored: every file of a deleted
// organization, and the files left behind in the old place when an organization moves its storage.
// Runs as a job (retried with backoff) because the storage may be briefly unreachable, and because the
// rows that named the files are gone or already point elsewhere by then: the job carries the keys and a
// snapshot of the old location (its credentials still encrypted, bound to the organization).
import type { StorageConfig } from "@/generated/prisma/client";
import type { StorageConfigRecord } from "@/storage/storage-config";
import type { Db, DbTx } from "@/server/db/client";
import { defineQueue } from "@/server/queue/define-queue";
import type { QueuePolicy } from "@/server/queue/queue-setup";
import { storageProviderFor, storedStorageConfig } from "./organization-storage";
import { platformStorageConfig } from "./platform-storage-config";
import { markOrganizationFormatsStale, type StorageLocation, storageLocationChanged } from "./storage-location";

export const REMOVE_STORED_FILES_QUEUE = "storage.remove-files";

export const removeStoredFilesQueueOptions = {
  policy: "standard",
  retryLimit: 8,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
} satisfies QueuePolicy;

/** Where the files were: the organization's own StorageConfig at the time, or null for the platform default. */
export type StorageSnapshot = Omit<StorageConfigRecord, "cdnBaseUrl"> & { forcePathStyle: boolean };

export interface RemoveStoredFilesJob {
  organizationId: string;
  reason: "organization_deleted" | "storage_moved";
  storage: StorageSnapshot | null;
  keys: string[];
}

/** A StorageConfig row as the job carries it (credentials stay encrypted). */
export function storageSnapshot(row: StorageConfig | null): StorageSnapshot | null {
  if (!row) return null;
  return {
    organizationId: row.organizationId,
    provider: row.provider,
    bucket: row.bucket,
    region: row.region,
    endpoint: row.endpoint,
    prefix: row.prefix,
    forcePathStyle: row.forcePathStyle,
    credentialsEncrypted: row.credentialsEncrypted,
  };
}

/** Every stored file of the organization's books (rendered formats and uploaded book files). */
export async function organizationFileKeys(tx: DbTx, organizationId: string): Promise<string[]> {
  const [formats, books] = await Promise.all([
    tx.bookFormat.findMany({ where: { organizationId }, select: { filePath: true } }),
    tx.book.findMany({ where: { organizationId, s3Key: { not: null } }, select: { s3Key: true } }),
  ]);
  return [...formats.map((f) => f.filePath), ...books.map((b) => b.s3Key)].filter((k): k is string => Boolean(k));
}

/**
 * The organization's files are about to live somewhere else (`previous` is its StorageConfig row before
 * the change, null when it was on the platform default): marks its formats stale, so they are rendered
 * again in the new place, and returns the removal of the old files, to queue once the change is committed.
 */
export async function leaveStorageLocation(
  tx: DbTx,
  organizationId: string,
  previous: StorageConfig | null,
): Promise<{ formatsMarkedStale: number; removal: RemoveStoredFilesJob }> {
  const keys = await organizationFileKeys(tx, organizationId);
  const formatsMarkedStale = await markOrganizationFormatsStale(tx, organizationId);
  return {
    formatsMarkedStale,
    removal: { organizationId, reason: "storage_moved", storage: storageSnapshot(previous), keys },
  };
}

/**
 * Queues the removal (nothing when there are no keys). Call it after the transaction that let go of the
 * files; that change stands either way, so a failure to queue only leaves old files behind (logged).
 */
export async function enqueueStoredFilesRemoval(job: RemoveStoredFilesJob | null): Promise<void> {
  if (!job || job.keys.length === 0) return;
  try {
    await removeStoredFilesQueue.send(job);
  } catch (error) {
    console.error(`[storage] could not queue the removal of ${job.keys.length} file(s) (${job.reason}):`, error);
  }
}

const location = (snapshot: StorageSnapshot | null): StorageLocation => snapshot ?? platformStorageConfig();

/**
 * Deletes the job's keys from the snapshot's storage. A move is skipped when the organization has since
 * moved back to that place (its files there are in use again). Throws when a file could not be deleted,
 * so the job is retried; deleting a file that is already gone is fine, so retries are harmless.
 */
export async function removeStoredFiles(
  deps: { db: Db },
  job: RemoveStoredFilesJob,
): Promise<{ removed: number; skipped: boolean }> {
  if (job.reason === "storage_moved") {
    const current = await deps.db.storageConfig.findUnique({ where: { organizationId: job.organizationId } });
    const organization = await deps.db.organization.findUnique({ where: { id: job.organizationId } });
    if (organization && !storageLocationChanged(location(job.storage), location(storageSnapshot(current)))) {
      return { removed: 0, skipped: true };
    }
  }
  const config = job.storage ? storedStorageConfig(job.storage) : platformStorageConfig();
  const provider = storageProviderFor(config, job.storage ? "organization" : "platform");
  const results = await Promise.allSettled(job.keys.map((key) => provider.delete(key)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} of ${job.keys.length} file(s) could not be removed (will retry): ${String(failed[0]!.reason)}`,
    );
  }
  return { removed: job.keys.length, skipped: false };
}

export const removeStoredFilesQueue = defineQueue<RemoveStoredFilesJob>({
  name: REMOVE_STORED_FILES_QUEUE,
  options: removeStoredFilesQueueOptions,
  async handler(jobs, deps) {
    for (const job of jobs) {
      const data = job.data as RemoveStoredFilesJob;
      const { removed, skipped } = await removeStoredFiles(deps, data);
      deps.log(
        `${REMOVE_STORED_FILES_QUEUE}: ${skipped ? "skipped (files in use again)" : `${removed} file(s) removed`} for ${data.organizationId} (${data.reason})`,
      );
    }
  },
});
