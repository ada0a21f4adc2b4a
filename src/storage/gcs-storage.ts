import { IdempotencyStrategy, Storage } from "@google-cloud/storage";
import {
  type BucketTarget,
  bucketFailure,
  bucketTarget,
  cdnUrlWhenConfigured,
  objectName,
  storedObject,
} from "./bucket-storage";
import { gcsCredentialsSchema, parseCredentials, type StorageProviderConfig } from "./storage-config";
import { attachmentDisposition } from "./storage-key";
import {
  normalizeContentType,
  objectNotFound,
  StorageError,
  type StorageNetworkOptions,
  type StorageObject,
  type StorageProvider,
  type StorageUrlOptions,
  type StoredObject,
} from "./storage-provider";

function errorStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

/** A 404 for the object itself, not for a missing bucket (a configuration problem). */
function isObjectNotFound(error: unknown): boolean {
  return errorStatus(error) === 404 && !/bucket does not exist/i.test(error instanceof Error ? error.message : "");
}

/** Refused credentials or a missing bucket: the organization's settings are wrong, not the service down. */
function isMisconfigured(error: unknown): boolean {
  const status = errorStatus(error);
  return status === 401 || status === 403 || status === 404;
}

/**
 * Google Cloud Storage through `@google-cloud/storage`. With a service-account key in the config, signed
 * URLs are signed locally (v4); without one, Application Default Credentials are used.
 */
export class GcsStorage implements StorageProvider {
  readonly type = "GOOGLE_CLOUD" as const;
  private readonly storage: Storage;
  private readonly target: BucketTarget;

  constructor(
    private readonly config: StorageProviderConfig,
    network: StorageNetworkOptions = {},
  ) {
    if (network.refusePrivateAddresses && config.endpoint) {
      // The library (teeny-request, node-fetch) takes no agent of ours and follows redirects, so a custom
      // endpoint cannot be guarded: it is only usable where private endpoints are allowed.
      throw new StorageError(
        "MISCONFIGURED",
        "A custom GOOGLE_CLOUD endpoint is only allowed where private storage endpoints are allowed",
      );
    }
    this.target = bucketTarget(config);
    const credentials = config.credentials
      ? parseCredentials(gcsCredentialsSchema, config.credentials, this.type)
      : undefined;
    this.storage = new Storage({
      apiEndpoint: config.endpoint,
      projectId: credentials?.project_id,
      credentials: credentials
        ? { client_email: credentials.client_email, private_key: credentials.private_key }
        : undefined,
      // The library skips auth for any custom endpoint unless told otherwise; only emulators (plain http)
      // should go unauthenticated, a custom https endpoint (private service connect) still needs tokens.
      useAuthWithCustomEndpoint: config.endpoint ? !config.endpoint.startsWith("http://") : undefined,
      // Our writes are whole-object overwrites and deletes ignore 404, so every call is safe to retry.
      // (With the default "conditional" strategy, save() without preconditions also switches retries
      // off for the whole client and never switches them back on: later reads would not retry either.)
      retryOptions: { maxRetries: 3, totalTimeout: 120, idempotencyStrategy: IdempotencyStrategy.RetryAlways },
    });
  }

  private file(key: string, generation?: string | number) {
    const name = objectName(this.target, key);
    return this.storage.bucket(this.target.bucket).file(name, generation === undefined ? undefined : { generation });
  }

  /** Single-request (multipart) upload with the content type; the library checks the returned hash. */
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    const file = this.file(key);
    try {
      await file.save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        resumable: false,
        contentType: normalizeContentType(contentType),
        metadata: { contentType: normalizeContentType(contentType) },
      });
    } catch (error) {
      throw this.fail("write", key, error);
    }
    return storedObject(key, bytes);
  }

  /**
   * Reads metadata, then downloads that exact generation, so the content type and bytes belong to the same
   * version even if the object is overwritten in between.
   */
  async get(key: string): Promise<StorageObject> {
    try {
      const [metadata] = await this.file(key).getMetadata();
      const [contents] = await this.file(key, metadata.generation ?? undefined).download();
      const bytes = new Uint8Array(contents.buffer, contents.byteOffset, contents.byteLength);
      return { bytes, contentType: normalizeContentType(metadata.contentType), size: bytes.byteLength };
    } catch (error) {
      if (isObjectNotFound(error)) throw objectNotFound(key, error);
      throw this.fail("read", key, error);
    }
  }

  /** Deletes the object; a missing one is a no-op. */
  async delete(key: string): Promise<void> {
    const file = this.file(key);
    try {
      await file.delete({ ignoreNotFound: true });
    } catch (error) {
      if (errorStatus(error) === 404) return;
      throw this.fail("delete", key, error);
    }
  }

  /** Metadata GET: 404 → false. */
  async exists(key: string): Promise<boolean> {
    const file = this.file(key);
    try {
      const [exists] = await file.exists();
      return exists;
    } catch (error) {
      throw this.fail("check", key, error);
    }
  }

  /** v4 signed GET URL on the configured endpoint, or the CDN URL when configured. */
  async url(key: string, options: StorageUrlOptions): Promise<string> {
    const file = this.file(key);
    const cdn = cdnUrlWhenConfigured(this.config, key, options);
    if (cdn) return cdn;
    try {
      const [url] = await file.getSignedUrl({
        version: "v4",
        action: "read",
        expires: Date.now() + options.expiresIn * 1000,
        responseDisposition: options.downloadName ? attachmentDisposition(options.downloadName) : undefined,
      });
      return url;
    } catch (error) {
      throw this.fail("sign a URL for", key, error);
    }
  }

  private fail(action: string, key: string, error: unknown): StorageError {
    return bucketFailure(this.type, action, key, error, isMisconfigured);
  }
}
