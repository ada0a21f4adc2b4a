import "server-only";
import type { z } from "zod";
import { storagePrefixText, storageSettingsInputWith } from "@/contracts/storage-settings";
import type { StorageProviderConfig } from "@/storage/storage-config";
import { normalizePrefix } from "@/storage/storage-key";
import { StorageError } from "@/storage/storage-provider";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { AzureBlobStorage } from "@/storage/azure-blob-storage";
import {
  assertPublicEndpoint,
  assertPublicEndpointResolves,
  privateEndpointsAllowed,
} from "@/server/private-endpoints";
import type { StorageConfig } from "@/generated/prisma/client";

/**
 * The storage settings form as the server checks it: the contract's shape, with the prefix also held to
 * the storage layer's key rules (which the browser does not load).
 */
export const storageSettingsInput = storageSettingsInputWith(
  storagePrefixText.refine((v) => {
    try {
      normalizePrefix(v);
      return true;
    } catch {
      return false;
    }
  }, "validation.storage.pathSegments"),
);
export type StorageSettingsInput = z.infer<typeof storageSettingsInput>;

/** Columns of a StorageConfig row the settings write (credentials already encrypted by the caller). */
export interface StorageSettingsRecord {
  provider: StorageSettingsInput["provider"];
  bucket: string | null;
  region: string | null;
  endpoint: string | null;
  prefix: string | null;
  cdnBaseUrl: string | null;
  forcePathStyle: boolean;
}

/** What a validated form resolves to: the row to store, the credentials to seal, the provider config. */
export interface ResolvedStorageSettings {
  record: StorageSettingsRecord;
  /** New credentials to encrypt, or null to keep the stored ciphertext (or none for LOCAL). */
  newCredentials: Record<string, unknown> | null;
  keepStoredCredentials: boolean;
  config: StorageProviderConfig;
}

/**
 * Merges a validated form with the stored row: blank credentials keep the stored ones only when the
 * provider is unchanged; cloud providers always need credentials of their own (never the platform's
 * ambient role). Checks the result by building the provider, so a bad combination is a 400, not a 500.
 */
export function resolveStorageSettings(
  input: StorageSettingsInput,
  existing: Pick<StorageConfig, "provider" | "credentialsEncrypted"> | null,
  decryptStored: () => Record<string, unknown> | undefined,
  build: (config: StorageProviderConfig) => unknown,
): ResolvedStorageSettings {
  const isLocal = input.provider === "LOCAL";
  const given = isLocal ? undefined : (input.credentials as Record<string, unknown> | undefined);
  const canKeep = !isLocal && !given && existing?.provider === input.provider && !!existing.credentialsEncrypted;
  if (!isLocal && !given && !canKeep) {
    throw new AppError("VALIDATION_FAILED", `credentials: ${input.provider} storage needs credentials`, {
      field: "credentials",
    });
  }
  const endpoint = isLocal ? undefined : input.endpoint;
  const allowPrivate = env().STORAGE_ALLOW_PRIVATE_ENDPOINTS;
  assertPublicEndpoint("endpoint", endpoint, allowPrivate);
  if (input.provider === "GOOGLE_CLOUD" && endpoint && !privateEndpointsAllowed(allowPrivate)) {
    // Its client library cannot be made to connect through the SSRF guard (see GcsStorage).
    throw new AppError(
      "VALIDATION_FAILED",
      "endpoint: a custom Google Cloud Storage endpoint is only allowed where private endpoints are allowed",
      { field: "endpoint" },
    );
  }
  const record: StorageSettingsRecord = {
    provider: input.provider,
    bucket: isLocal ? null : input.bucket,
    region: input.provider === "AWS_S3" ? (input.region ?? null) : null,
    endpoint: endpoint ?? null,
    prefix: input.prefix ?? null,
    cdnBaseUrl: input.cdnBaseUrl ?? null,
    forcePathStyle: input.provider === "AWS_S3" ? (input.forcePathStyle ?? Boolean(endpoint)) : true,
  };
  const credentials = isLocal ? undefined : (given ?? decryptStored());
  const config: StorageProviderConfig = {
    provider: record.provider,
    bucket: record.bucket ?? undefined,
    region: record.region ?? undefined,
    endpoint: record.endpoint ?? undefined,
    prefix: record.prefix ?? undefined,
    cdnBaseUrl: record.cdnBaseUrl ?? undefined,
    forcePathStyle: input.provider === "AWS_S3" ? record.forcePathStyle : undefined,
    credentials,
  };
  try {
    build(config);
  } catch (error) {
    if (error instanceof StorageError && error.code === "MISCONFIGURED") {
      throw new AppError("VALIDATION_FAILED", error.message, { field: "credentials" });
    }
    throw error;
  }
  return { record, newCredentials: given ?? null, keepStoredCredentials: canKeep, config };
}

/**
 * The save-time half of the SSRF guard for storage: refuses (400 VALIDATION_FAILED) an endpoint, or the
 * blob endpoint inside an Azure connection string, whose name resolves to a private address. Connections
 * are checked again when they are made, since DNS can change after saving.
 */
export async function assertStorageEndpointsResolvePublic(input: StorageSettingsInput): Promise<void> {
  if (input.provider === "LOCAL") return;
  const allowPrivate = env().STORAGE_ALLOW_PRIVATE_ENDPOINTS;
  await assertPublicEndpointResolves("endpoint", input.endpoint, allowPrivate);
  const credentials = input.credentials as Record<string, unknown> | undefined;
  if (input.provider === "AZURE_BLOB" && typeof credentials?.connectionString === "string") {
    let serviceUrl: string;
    try {
      serviceUrl = new AzureBlobStorage({ provider: "AZURE_BLOB", bucket: input.bucket, credentials }).serviceUrl;
    } catch {
      return; // An unusable connection string is reported by resolveStorageSettings.
    }
    await assertPublicEndpointResolves("credentials", serviceUrl, allowPrivate);
  }
}
