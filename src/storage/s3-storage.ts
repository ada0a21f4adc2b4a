import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { guardedHttpAgent, guardedHttpsAgent } from "@/lib/guarded-agents";
import {
  type BucketTarget,
  bucketFailure,
  bucketTarget,
  cdnUrlWhenConfigured,
  objectName,
  storedObject,
} from "./bucket-storage";
import { parseCredentials, s3CredentialsSchema, type StorageProviderConfig } from "./storage-config";
import { attachmentDisposition } from "./storage-key";
import {
  normalizeContentType,
  objectNotFound,
  type StorageError,
  type StorageNetworkOptions,
  type StorageObject,
  type StorageProvider,
  type StorageUrlOptions,
  type StoredObject,
} from "./storage-provider";

// Errors that mean the organization's settings are wrong, not that the service is down.
const MISCONFIGURED_ERRORS = new Set(["NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied"]);

function isMisconfigured(error: unknown): boolean {
  return error instanceof S3ServiceException && MISCONFIGURED_ERRORS.has(error.name);
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    // A missing bucket is also a 404, but it is a configuration problem, not a missing object.
    if (error.name === "NoSuchBucket") return false;
    return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata?.httpStatusCode === 404;
  }
  return false;
}

/**
 * Amazon S3 or any S3-compatible service (MinIO, R2, …) through the AWS SDK v3. Without credentials in the
 * config the SDK's default chain (environment, instance role) is used.
 */
export class S3Storage implements StorageProvider {
  readonly type = "AWS_S3" as const;
  private readonly client: S3Client;
  private readonly target: BucketTarget;

  constructor(
    private readonly config: StorageProviderConfig,
    network: StorageNetworkOptions = {},
  ) {
    this.target = bucketTarget(config);
    const credentials = config.credentials
      ? parseCredentials(s3CredentialsSchema, config.credentials, this.type)
      : undefined;
    this.client = new S3Client({
      region: config.region ?? "us-east-1",
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      credentials,
      // The newer default (CRC32 on every request) is refused by several S3-compatible services;
      // integrity is covered by our own sha256 and TLS.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
      // The SDK follows no HTTP redirect; every connection (and region retry) goes through these agents.
      requestHandler: network.refusePrivateAddresses
        ? { httpAgent: guardedHttpAgent(), httpsAgent: guardedHttpsAgent() }
        : undefined,
    });
  }

  private objectKey(key: string): string {
    return objectName(this.target, key);
  }

  /** Uploads the bytes in one PUT with their content type. */
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.target.bucket,
          Key: objectKey,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: normalizeContentType(contentType),
        }),
      );
    } catch (error) {
      throw this.fail("write", key, error);
    }
    return storedObject(key, bytes);
  }

  /** Downloads the object; NoSuchKey becomes NOT_FOUND. */
  async get(key: string): Promise<StorageObject> {
    const objectKey = this.objectKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.target.bucket, Key: objectKey }));
      const bytes = result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
      return { bytes, contentType: normalizeContentType(result.ContentType), size: bytes.byteLength };
    } catch (error) {
      if (isNotFound(error)) throw objectNotFound(key, error);
      throw this.fail("read", key, error);
    }
  }

  /** S3 DELETE is idempotent, so a missing key is a no-op like every provider. */
  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.target.bucket, Key: objectKey }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw this.fail("delete", key, error);
    }
  }

  /** HEAD the object: 404 → false. */
  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.target.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.fail("check", key, error);
    }
  }

  /** Presigned GET (SigV4, signed locally), or the CDN URL when configured. */
  async url(key: string, options: StorageUrlOptions): Promise<string> {
    const objectKey = this.objectKey(key);
    const cdn = cdnUrlWhenConfigured(this.config, key, options);
    if (cdn) return cdn;
    try {
      const command = new GetObjectCommand({
        Bucket: this.target.bucket,
        Key: objectKey,
        ResponseContentDisposition: options.downloadName ? attachmentDisposition(options.downloadName) : undefined,
      });
      return await getSignedUrl(this.client, command, { expiresIn: options.expiresIn });
    } catch (error) {
      throw this.fail("sign a URL for", key, error);
    }
  }

  private fail(action: string, key: string, error: unknown): StorageError {
    return bucketFailure(this.type, action, key, error, isMisconfigured);
  }
}
