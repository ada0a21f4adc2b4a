import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  RestError,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import {
  azureCredentialsSchema,
  cdnUrlFor,
  parseCredentials,
  requireBucket,
  type StorageProviderConfig,
} from "./storage-config";
import { assertStorageKey, attachmentDisposition, normalizePrefix, sha256Hex } from "./storage-key";
import {
  assertUrlOptions,
  normalizeContentType,
  objectNotFound,
  providerError,
  StorageError,
  type StorageObject,
  type StorageProvider,
  type StorageUrlOptions,
  type StoredObject,
} from "./storage-provider";

function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404 && error.code !== "ContainerNotFound";
}

// Errors that mean the organization's settings are wrong, not that the service is down.
const MISCONFIGURED_CODES = new Set(["ContainerNotFound", "AuthenticationFailed", "AuthorizationFailure"]);

/**
 * Azure Blob Storage (block blobs) with a connection string or an account name + key; the key is what
 * lets us sign SAS URLs locally. `bucket` is the container, `endpoint` the blob service URL.
 */
export class AzureBlobStorage implements StorageProvider {
  readonly type = "AZURE_BLOB" as const;
  private readonly container: ContainerClient;
  private readonly prefix: string;

  constructor(private readonly config: StorageProviderConfig) {
    const containerName = requireBucket(config);
    this.prefix = normalizePrefix(config.prefix);
    const credentials = parseCredentials(azureCredentialsSchema, config.credentials, this.type);
    const retryOptions = { maxTries: 3 };
    let service: BlobServiceClient;
    try {
      if ("connectionString" in credentials) {
        service = BlobServiceClient.fromConnectionString(credentials.connectionString, { retryOptions });
      } else {
        const endpoint = config.endpoint ?? `https://${credentials.accountName}.blob.core.windows.net`;
        const shared = new StorageSharedKeyCredential(credentials.accountName, credentials.accountKey);
        service = new BlobServiceClient(endpoint, shared, { retryOptions });
      }
    } catch (error) {
      throw new StorageError("MISCONFIGURED", `AZURE_BLOB storage credentials are invalid: ${String(error)}`, {
        cause: error,
      });
    }
    this.container = service.getContainerClient(containerName);
  }

  private blob(key: string) {
    return this.container.getBlockBlobClient(this.prefix + assertStorageKey(key));
  }

  /** Single-shot block blob upload with the content type. */
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    const blob = this.blob(key);
    try {
      await blob.uploadData(bytes, { blobHTTPHeaders: { blobContentType: normalizeContentType(contentType) } });
    } catch (error) {
      throw this.fail("write", key, error);
    }
    return { key, size: bytes.byteLength, checksum: sha256Hex(bytes) };
  }

  /** One download request: bytes and content type come from the same response. */
  async get(key: string): Promise<StorageObject> {
    const blob = this.blob(key);
    try {
      const response = await blob.download();
      const bytes = await readAll(response.readableStreamBody);
      return { bytes, contentType: normalizeContentType(response.contentType), size: bytes.byteLength };
    } catch (error) {
      if (isNotFound(error)) throw objectNotFound(key, error);
      throw this.fail("read", key, error);
    }
  }

  /** deleteIfExists: a missing blob is a no-op. */
  async delete(key: string): Promise<void> {
    const blob = this.blob(key);
    try {
      await blob.deleteIfExists();
    } catch (error) {
      throw this.fail("delete", key, error);
    }
  }

  /** HEAD the blob. */
  async exists(key: string): Promise<boolean> {
    const blob = this.blob(key);
    try {
      return await blob.exists();
    } catch (error) {
      throw this.fail("check", key, error);
    }
  }

  /** Read-only SAS URL signed with the account key, or the CDN URL when configured. */
  async url(key: string, options: StorageUrlOptions): Promise<string> {
    const blob = this.blob(key);
    assertUrlOptions(options);
    const cdn = cdnUrlFor(this.config, key);
    if (cdn) return cdn;
    try {
      return await blob.generateSasUrl({
        permissions: BlobSASPermissions.parse("r"),
        // A minute of slack for clock skew between us and the service.
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + options.expiresIn * 1000),
        contentDisposition: options.downloadName ? attachmentDisposition(options.downloadName) : undefined,
      });
    } catch (error) {
      throw this.fail("sign a URL for", key, error);
    }
  }

  private fail(action: string, key: string, error: unknown): StorageError {
    if (error instanceof StorageError) return error;
    if (error instanceof RestError && error.code && MISCONFIGURED_CODES.has(error.code)) {
      return new StorageError("MISCONFIGURED", `AZURE_BLOB storage cannot ${action} "${key}": ${error.message}`, {
        key,
        cause: error,
      });
    }
    return providerError(this.type, action, key, error);
  }
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
