import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/secret-box";
import { encodeKeyPath, normalizePrefix } from "./storage-key";
import { StorageError, storageProviderTypes } from "./storage-provider";

const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().optional(),
);
const optionalUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().url().optional(),
);

/** An organization's storage settings (the StorageConfig row with its credentials decrypted). */
export const storageProviderConfigSchema = z.object({
  provider: z.enum(storageProviderTypes),
  /** Bucket (S3, GCS) or container (Azure). */
  bucket: z.preprocess((v) => (v === null ? undefined : v), optionalText),
  region: z.preprocess((v) => (v === null ? undefined : v), optionalText),
  /** S3-compatible endpoint, GCS API endpoint, or Azure blob service URL. */
  endpoint: z.preprocess((v) => (v === null ? undefined : v), optionalUrl),
  prefix: z.preprocess((v) => (v === null ? undefined : v), optionalText),
  cdnBaseUrl: z.preprocess((v) => (v === null ? undefined : v), optionalUrl),
  /** S3 only: path-style addressing; defaults to true when a custom endpoint is set (MinIO & co.). */
  forcePathStyle: z.boolean().optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
});

export type StorageProviderConfig = z.infer<typeof storageProviderConfigSchema>;

// What a user may enter as credentials is part of the storage settings contract (the form sends it).
export { azureCredentialsSchema, gcsCredentialsSchema, s3CredentialsSchema } from "@/contracts/storage-settings";

/** Validates a raw configuration, turning problems into one MISCONFIGURED error listing each field. */
export function parseStorageProviderConfig(input: unknown): StorageProviderConfig {
  const parsed = storageProviderConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ");
    throw new StorageError("MISCONFIGURED", `Invalid storage configuration: ${lines}`);
  }
  normalizePrefix(parsed.data.prefix);
  return parsed.data;
}

/** Parses provider credentials with a provider-specific schema; MISCONFIGURED names what is missing. */
export function parseCredentials<T>(
  schema: z.ZodType<T>,
  credentials: unknown,
  provider: StorageProviderConfig["provider"],
): T {
  const parsed = schema.safeParse(credentials ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ");
    throw new StorageError("MISCONFIGURED", `${provider} storage credentials are missing or invalid (${fields})`);
  }
  return parsed.data;
}

/** Requires the bucket/container name for cloud providers. */
export function requireBucket(config: StorageProviderConfig): string {
  if (!config.bucket) {
    throw new StorageError("MISCONFIGURED", `${config.provider} storage needs a bucket (container) name`);
  }
  return config.bucket;
}

/**
 * Public URL of an object behind the configured CDN (cdnBaseUrl + prefix + key, path-encoded), or null when
 * no CDN is configured. The CDN fronts the bucket, so the prefix is part of the path.
 */
export function cdnUrlFor(config: Pick<StorageProviderConfig, "cdnBaseUrl" | "prefix">, key: string): string | null {
  if (!config.cdnBaseUrl) return null;
  const base = config.cdnBaseUrl.replace(/\/+$/, "");
  return `${base}/${encodeKeyPath(normalizePrefix(config.prefix) + key)}`;
}

/** Associated data binding stored credentials to their organization (see secret-box). */
function credentialsContext(organizationId: string): string {
  return `storage-config:${organizationId}`;
}

/** Encrypts provider credentials for `StorageConfig.credentialsEncrypted`. */
export function encryptStorageCredentials(
  credentials: Record<string, unknown>,
  appSecret: string,
  organizationId: string,
): string {
  return encryptSecret(JSON.stringify(credentials), appSecret, credentialsContext(organizationId));
}

/** The fields of a StorageConfig row this module reads (kept structural so it needs no Prisma import). */
export interface StorageConfigRecord {
  organizationId: string;
  provider: StorageProviderConfig["provider"];
  bucket?: string | null;
  region?: string | null;
  endpoint?: string | null;
  prefix?: string | null;
  cdnBaseUrl?: string | null;
  credentialsEncrypted?: string | null;
}

/** Builds a provider configuration from a StorageConfig row, decrypting its credentials with the app secret. */
export function storageConfigFromRecord(record: StorageConfigRecord, appSecret: string): StorageProviderConfig {
  let credentials: Record<string, unknown> | undefined;
  if (record.credentialsEncrypted) {
    try {
      const plain = decryptSecret(record.credentialsEncrypted, appSecret, credentialsContext(record.organizationId));
      credentials = JSON.parse(plain) as Record<string, unknown>;
    } catch (error) {
      throw new StorageError("MISCONFIGURED", "Stored storage credentials could not be decrypted", { cause: error });
    }
  }
  return parseStorageProviderConfig({
    provider: record.provider,
    bucket: record.bucket,
    region: record.region,
    endpoint: record.endpoint,
    prefix: record.prefix,
    cdnBaseUrl: record.cdnBaseUrl,
    credentials,
  });
}
