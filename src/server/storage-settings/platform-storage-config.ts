import "server-only";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { StorageProviderConfig } from "@/storage/storage-config";

/**
 * The storage organizations use until they configure their own, from the STORAGE_* variables. Only the
 * platform default may rely on ambient cloud credentials (an instance role): organizations must bring keys.
 */
export function platformStorageConfig(): StorageProviderConfig {
  const e = env();
  let credentials: Record<string, unknown> | undefined;
  if (e.STORAGE_CREDENTIALS) {
    try {
      credentials = JSON.parse(e.STORAGE_CREDENTIALS) as Record<string, unknown>;
    } catch {
      throw new AppError("INTERNAL", "STORAGE_CREDENTIALS is not valid JSON");
    }
  }
  return {
    provider: e.STORAGE_PROVIDER,
    bucket: e.STORAGE_BUCKET,
    region: e.STORAGE_REGION,
    endpoint: e.STORAGE_ENDPOINT,
    prefix: e.STORAGE_PREFIX,
    cdnBaseUrl: e.STORAGE_CDN_BASE_URL,
    forcePathStyle: e.STORAGE_FORCE_PATH_STYLE === undefined ? undefined : e.STORAGE_FORCE_PATH_STYLE === "true",
    credentials,
  };
}
