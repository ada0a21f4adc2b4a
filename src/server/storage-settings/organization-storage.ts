import "server-only";
import type { DbTx } from "@/server/db/client";
import { authSecret, dataPath, env } from "@/server/env";
import { privateEndpointsAllowed } from "@/server/private-endpoints";
import { createStorageProvider } from "@/storage/registry";
import {
  type StorageConfigRecord,
  type StorageProviderConfig,
  storageConfigFromRecord,
} from "@/storage/storage-config";
import type { StorageProvider } from "@/storage/storage-provider";
import { platformStorageConfig } from "./platform-storage-config";

/** Where an organization's files live right now, and whether that is its own setting or the platform's. */
export interface OrganizationStorage {
  provider: StorageProvider;
  config: StorageProviderConfig;
  source: "organization" | "platform";
}

/**
 * Builds a provider from a configuration with the app's local root and signing secret. An organization's
 * configuration connects through the SSRF guard unless STORAGE_ALLOW_PRIVATE_ENDPOINTS allows private
 * endpoints; the platform's (from the environment) is the operator's and is trusted.
 */
export function storageProviderFor(
  config: StorageProviderConfig,
  owner: "organization" | "platform" = "organization",
): StorageProvider {
  const refusePrivateAddresses =
    owner === "organization" && !privateEndpointsAllowed(env().STORAGE_ALLOW_PRIVATE_ENDPOINTS);
  return createStorageProvider(config, {
    localRoot: dataPath("storage"),
    signingSecret: authSecret(),
    refusePrivateAddresses,
  });
}

/** The provider configuration of a stored StorageConfig (a row, or a job's snapshot of one): credentials decrypted. */
export function storedStorageConfig(row: StorageConfigRecord & { forcePathStyle: boolean }): StorageProviderConfig {
  return { ...storageConfigFromRecord(row, authSecret()), forcePathStyle: row.forcePathStyle };
}

/** Loads the organization's StorageConfig (credentials decrypted) or falls back to the platform default. */
export async function organizationStorage(db: DbTx, organizationId: string): Promise<OrganizationStorage> {
  const row = await db.storageConfig.findUnique({ where: { organizationId } });
  if (!row) {
    const config = platformStorageConfig();
    return { provider: storageProviderFor(config, "platform"), config, source: "platform" };
  }
  const config = storedStorageConfig(row);
  return { provider: storageProviderFor(config), config, source: "organization" };
}
