import { createStorageProvider } from "../../storage/registry";
import { storageConfigFromRecord } from "../../storage/storage-config";
import type { StorageProvider } from "../../storage/storage-provider";
import type { DbTx } from "../db/client";
import { authSecret, dataPath } from "../env";

/** The storage an organization configured, or local storage under the data directory when it has none. */
export async function organizationStorage(
  db: DbTx,
  organizationId: string,
): Promise<{ storage: StorageProvider; bucket: string | null }> {
  const record = await db.storageConfig.findUnique({ where: { organizationId } });
  const options = { localRoot: dataPath("storage"), signingSecret: authSecret() };
  if (!record) return { storage: createStorageProvider({ provider: "LOCAL" }, options), bucket: null };
  const config = storageConfigFromRecord(record, authSecret());
  return { storage: createStorageProvider(config, options), bucket: config.bucket ?? null };
}

/** The storage key of a book's assembled Markdown. */
export function bookMarkdownKey(organizationId: string, bookId: string): string {
  return `orgs/${organizationId}/books/${bookId}/book.md`;
}
