import { cdnUrlFor, requireBucket, type StorageProviderConfig } from "./storage-config";
import { assertStorageKey, normalizePrefix, sha256Hex } from "./storage-key";
import {
  assertUrlOptions,
  misconfiguredError,
  providerError,
  StorageError,
  type StorageProviderType,
  type StorageUrlOptions,
  type StoredObject,
} from "./storage-provider";

// What the bucket-based providers (S3, Google Cloud, Azure) do alike, so each file holds only its SDK calls.

/** Where a bucket provider keeps objects: the bucket (Azure: container) and the key prefix it applies. */
export interface BucketTarget {
  bucket: string;
  prefix: string;
}

export function bucketTarget(config: StorageProviderConfig): BucketTarget {
  return { bucket: requireBucket(config), prefix: normalizePrefix(config.prefix) };
}

/** The object's name in the bucket: the logical key, checked, behind the configured prefix. */
export function objectName(target: BucketTarget, key: string): string {
  return target.prefix + assertStorageKey(key);
}

/** What `put` reports for bytes stored under `key`. */
export function storedObject(key: string, bytes: Uint8Array): StoredObject {
  return { key, size: bytes.byteLength, checksum: sha256Hex(bytes) };
}

/**
 * The CDN URL when the configuration has one, else null (the provider then signs a URL). The options are
 * checked first either way, so a CDN setup rejects the same expiries as a signing one.
 */
export function cdnUrlWhenConfigured(config: StorageProviderConfig, key: string, options: StorageUrlOptions) {
  assertUrlOptions(options);
  return cdnUrlFor(config, key);
}

/**
 * The one error a provider call throws: a StorageError passes through; a refusal the provider recognises as
 * wrong settings (missing bucket, refused credentials) is MISCONFIGURED; anything else is PROVIDER_ERROR.
 */
export function bucketFailure(
  provider: StorageProviderType,
  action: string,
  key: string,
  error: unknown,
  isMisconfigured: (error: unknown) => boolean,
): StorageError {
  if (error instanceof StorageError) return error;
  if (isMisconfigured(error)) return misconfiguredError(provider, action, key, error);
  return providerError(provider, action, key, error);
}
