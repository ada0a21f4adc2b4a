import { AzureBlobStorage } from "./azure-blob-storage";
import { GcsStorage } from "./gcs-storage";
import { LocalStorage } from "./local-storage";
import { S3Storage } from "./s3-storage";
import { parseStorageProviderConfig } from "./storage-config";
import type { StorageProvider } from "./storage-provider";

export interface StorageRegistryOptions {
  /** Root directory for LOCAL storage (the app passes `dataPath("storage")`). */
  localRoot: string;
  /** Secret that signs LOCAL download URLs (the app passes `authSecret()`). */
  signingSecret: string;
  /** The SSRF guard for an organization's own storage (see StorageNetworkOptions). */
  refusePrivateAddresses?: boolean;
}

/** Builds the provider an organization's storage configuration names; MISCONFIGURED when it is incomplete. */
export function createStorageProvider(config: unknown, options: StorageRegistryOptions): StorageProvider {
  const parsed = parseStorageProviderConfig(config);
  switch (parsed.provider) {
    case "LOCAL":
      return new LocalStorage({
        root: options.localRoot,
        signingSecret: options.signingSecret,
        prefix: parsed.prefix,
        cdnBaseUrl: parsed.cdnBaseUrl,
      });
    case "AWS_S3":
      return new S3Storage(parsed, { refusePrivateAddresses: options.refusePrivateAddresses });
    case "GOOGLE_CLOUD":
      return new GcsStorage(parsed, { refusePrivateAddresses: options.refusePrivateAddresses });
    case "AZURE_BLOB":
      return new AzureBlobStorage(parsed, { refusePrivateAddresses: options.refusePrivateAddresses });
  }
}
