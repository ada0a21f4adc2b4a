import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  RestError,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import { guardedHttpAgent, guardedHttpsAgent } from "@/lib/guarded-agents";
import {
  type BucketTarget,
  bucketFailure,
  bucketTarget,
  cdnUrlWhenConfigured,
  objectName,
  storedObject,
} from "./bucket-storage";
import { azureCredentialsSchema, parseCredentials, type StorageProviderConfig } from "./storage-config";
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

function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404 && error.code !== "ContainerNotFound";
}

// Errors that mean the organization's settings are wrong, not that the service is down.
const MISCONFIGURED_CODES = new Set(["ContainerNotFound", "AuthenticationFailed", "AuthorizationFailure"]);

function isMisconfigured(error: unknown): boolean {
  return error instanceof RestError && error.code !== undefined && MISCONFIGURED_CODES.has(error.code);
}

/**
 * Azure Blob Storage (block blobs) with a connection string or an account name + key; the key is what
 * lets us sign SAS URLs locally. `bucket` is the container, `endpoint` the blob service URL.
 */
export class AzureBlobStorage implements StorageProvider {
  readonly type = "AZURE_BLOB" as const;
  private readonly container: ContainerClient;
  private readonly target: BucketTarget;
  /** The blob service URL requests go to (the endpoint, or the one a connection string names). */
  readonly serviceUrl: string;

  constructor(
    private readonly config: StorageProviderConfig,
    network: StorageNetworkOptions = {},
  ) {
    this.target = bucketTarget(config);
    let service = azureServiceClient(config, {});
    if (network.refusePrivateAddresses) {
      // The pipeline sends every request, retries and redirect hops included, through this agent; it must
      // match the endpoint's protocol, so the client is built once to learn it (a connection string may set it).
      const agent = service.url.startsWith("http:") ? guardedHttpAgent() : guardedHttpsAgent();
      service = azureServiceClient(config, { agent });
    }
    this.serviceUrl = service.url;
    this.container = service.getContainerClient(this.target.bucket);
  }

  private blob(key: string) {
    return this.container.getBlockBlobClient(objectName(this.target, key));
  }

  /** Single-shot block blob upload with the content type. */
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    const blob = this.blob(key);
    try {
      await blob.uploadData(bytes, { blobHTTPHeaders: { blobContentType: normalizeContentType(contentType) } });
    } catch (error) {
      throw this.fail("write", key, error);
    }
    return storedObject(key, bytes);
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
    const cdn = cdnUrlWhenConfigured(this.config, key, options);
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
    return bucketFailure(this.type, action, key, error, isMisconfigured);
  }
}

/** The blob service client for the configured credentials (connection string, or account name + key). */
function azureServiceClient(config: StorageProviderConfig, extra: { agent?: unknown }): BlobServiceClient {
  const credentials = parseCredentials(azureCredentialsSchema, config.credentials, "AZURE_BLOB");
  // `agent` is not in StoragePipelineOptions' type but is passed to the core pipeline's agent policy.
  const options = { retryOptions: { maxTries: 3 }, ...extra };
  try {
    if ("connectionString" in credentials) {
      return BlobServiceClient.fromConnectionString(credentials.connectionString, options);
    }
    const endpoint = config.endpoint ?? `https://${credentials.accountName}.blob.core.windows.net`;
    const shared = new StorageSharedKeyCredential(credentials.accountName, credentials.accountKey);
    return new BlobServiceClient(endpoint, shared, options);
  } catch (error) {
    throw new StorageError("MISCONFIGURED", `AZURE_BLOB storage credentials are invalid: ${String(error)}`, {
      cause: error,
    });
  }
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
