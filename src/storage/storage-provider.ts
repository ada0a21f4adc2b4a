/** Storage backends an organization can choose; same names as the Prisma enum `StorageProviderType`. */
export type StorageProviderType = "LOCAL" | "AWS_S3" | "GOOGLE_CLOUD" | "AZURE_BLOB";

export const storageProviderTypes = ["LOCAL", "AWS_S3", "GOOGLE_CLOUD", "AZURE_BLOB"] as const;

/** What `put` reports: the logical key, the byte count and the sha256 (hex) of what was stored. */
export interface StoredObject {
  key: string;
  size: number;
  checksum: string;
}

/** An object read back: its bytes, the content type it was stored with, and its size. */
export interface StorageObject {
  bytes: Uint8Array;
  contentType: string;
  size: number;
}

export interface StorageUrlOptions {
  /** Seconds the URL stays valid (1 s to 7 days, the S3 and GCS v4 maximum). */
  expiresIn: number;
  /** File name offered to the browser (Content-Disposition: attachment). */
  downloadName?: string;
}

/**
 * One interface for every backend. Keys are logical (`orgs/<id>/books/<id>/book.epub`); a configured
 * prefix is applied inside the provider so callers never see it.
 */
export interface StorageProvider {
  readonly type: StorageProviderType;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject>;
  get(key: string): Promise<StorageObject>;
  /** Deleting a key that does not exist is a no-op, for every provider. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** A time-limited download URL, or the CDN URL when the configuration has `cdnBaseUrl`. */
  url(key: string, options: StorageUrlOptions): Promise<string>;
}

export type StorageErrorCode = "NOT_FOUND" | "INVALID_KEY" | "PROVIDER_ERROR" | "MISCONFIGURED";

/** The only error a provider throws; `code` tells callers whether to 404, 400 or 500. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly key?: string;

  constructor(code: StorageErrorCode, message: string, options: { key?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StorageError";
    this.code = code;
    this.key = options.key;
  }
}

/** The NOT_FOUND error every provider throws for a missing object, naming the key. */
export function objectNotFound(key: string, cause?: unknown): StorageError {
  return new StorageError("NOT_FOUND", `Storage object not found: "${key}"`, { key, cause });
}

/** How a provider may connect: an organization's endpoint goes through the SSRF guard (src/lib/guarded-agents.ts). */
export interface StorageNetworkOptions {
  /** Connect only to public addresses, checked at connect time, on every request and redirect hop. */
  refusePrivateAddresses?: boolean;
}

/** Wraps an unexpected backend failure so callers get one error type with the provider and key named. */
export function providerError(
  provider: StorageProviderType,
  action: string,
  key: string,
  cause: unknown,
): StorageError {
  return new StorageError("PROVIDER_ERROR", `${provider} storage failed to ${action} "${key}": ${detailOf(cause)}`, {
    key,
    cause,
  });
}

/** The organization's storage settings are wrong (missing bucket, refused credentials), not the service down. */
export function misconfiguredError(
  provider: StorageProviderType,
  action: string,
  key: string,
  cause: unknown,
): StorageError {
  return new StorageError("MISCONFIGURED", `${provider} storage cannot ${action} "${key}": ${detailOf(cause)}`, {
    key,
    cause,
  });
}

const detailOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

export const MAX_URL_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

/** Rejects expiries the backends would refuse (v4 signatures max out at 7 days). */
export function assertUrlOptions(options: StorageUrlOptions): void {
  const { expiresIn } = options;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_URL_EXPIRY_SECONDS) {
    throw new RangeError(`expiresIn must be a whole number of seconds from 1 to ${MAX_URL_EXPIRY_SECONDS}`);
  }
}

/** Content type stored when the caller gives none. */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/** Normalizes the content type given to `put` (empty → octet-stream). */
export function normalizeContentType(contentType: string | undefined): string {
  const trimmed = contentType?.trim();
  return trimmed ? trimmed : DEFAULT_CONTENT_TYPE;
}
