import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AzureBlobStorage } from "./azure-blob-storage";
import { GcsStorage } from "./gcs-storage";
import { LocalStorage } from "./local-storage";
import { createStorageProvider } from "./registry";
import { S3Storage } from "./s3-storage";
import { cdnUrlFor, encryptStorageCredentials, storageConfigFromRecord } from "./storage-config";
import { StorageError } from "./storage-provider";

const options = { localRoot: "/tmp/scriptorium-registry-test", signingSecret: "registry-test-secret-0123456789" };
const APP_SECRET = "app-secret-for-registry-tests-0123456789";

function misconfigured(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("MISCONFIGURED");
    return error as StorageError;
  }
  throw new Error("expected a MISCONFIGURED StorageError");
}

describe("createStorageProvider", () => {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });

  it("builds the provider the config names", () => {
    expect(createStorageProvider({ provider: "LOCAL" }, options)).toBeInstanceOf(LocalStorage);
    const s3 = createStorageProvider(
      { provider: "AWS_S3", bucket: "b", credentials: { accessKeyId: "a", secretAccessKey: "s" } },
      options,
    );
    expect(s3).toBeInstanceOf(S3Storage);
    expect(s3.type).toBe("AWS_S3");
    const gcs = createStorageProvider(
      { provider: "GOOGLE_CLOUD", bucket: "b", credentials: { client_email: "x@y.z", private_key: privateKey } },
      options,
    );
    expect(gcs).toBeInstanceOf(GcsStorage);
    const azure = createStorageProvider(
      { provider: "AZURE_BLOB", bucket: "c", credentials: { accountName: "acct", accountKey: "a2V5" } },
      options,
    );
    expect(azure).toBeInstanceOf(AzureBlobStorage);
  });

  it("accepts S3 without credentials (the SDK default chain: env, instance role)", () => {
    expect(createStorageProvider({ provider: "AWS_S3", bucket: "b", region: "eu-west-1" }, options).type).toBe(
      "AWS_S3",
    );
  });

  it("explains what is missing or wrong", () => {
    expect(misconfigured(() => createStorageProvider({ provider: "AWS_S3" }, options)).message).toMatch(
      /needs a bucket/,
    );
    expect(misconfigured(() => createStorageProvider({ provider: "FTP" }, options)).message).toMatch(/provider/);
    expect(
      misconfigured(() => createStorageProvider({ provider: "AZURE_BLOB", bucket: "c" }, options)).message,
    ).toMatch(/AZURE_BLOB storage credentials are missing or invalid/);
    expect(
      misconfigured(() =>
        createStorageProvider({ provider: "AWS_S3", bucket: "b", credentials: { accessKeyId: "a" } }, options),
      ).message,
    ).toMatch(/secretAccessKey/);
    expect(
      misconfigured(() =>
        createStorageProvider({ provider: "GOOGLE_CLOUD", bucket: "b", credentials: { client_email: "x" } }, options),
      ).message,
    ).toMatch(/GOOGLE_CLOUD storage credentials/);
    expect(
      misconfigured(() => createStorageProvider({ provider: "LOCAL", endpoint: "not a url" }, options)).message,
    ).toMatch(/endpoint/);
    expect(
      misconfigured(() => createStorageProvider({ provider: "LOCAL", prefix: "a/../b" }, options)).message,
    ).toMatch(/prefix/);
  });

  it("treats null and blank optional fields as absent (as they come from the database)", () => {
    const storage = createStorageProvider(
      { provider: "LOCAL", bucket: null, endpoint: "", prefix: null, cdnBaseUrl: " " },
      options,
    );
    expect(storage).toBeInstanceOf(LocalStorage);
  });
});

describe("cdnUrlFor", () => {
  it("joins base, prefix and encoded key, or returns null without a CDN", () => {
    expect(cdnUrlFor({}, "a.txt")).toBeNull();
    expect(cdnUrlFor({ cdnBaseUrl: "https://cdn.test/" }, "a b/é.txt")).toBe("https://cdn.test/a%20b/%C3%A9.txt");
    expect(cdnUrlFor({ cdnBaseUrl: "https://cdn.test/x", prefix: "/org-1/" }, "f.pdf")).toBe(
      "https://cdn.test/x/org-1/f.pdf",
    );
  });
});

describe("storageConfigFromRecord", () => {
  const credentials = { accessKeyId: "AKIA", secretAccessKey: "very/secret+key" };
  const record = {
    organizationId: "org_1",
    provider: "AWS_S3" as const,
    bucket: "books",
    region: "eu-west-3",
    endpoint: null,
    prefix: "org_1",
    cdnBaseUrl: null,
    credentialsEncrypted: encryptStorageCredentials(credentials, APP_SECRET, "org_1"),
  };

  it("decrypts the credentials of the row's own organization", () => {
    expect(record.credentialsEncrypted).not.toContain("very/secret+key");
    const config = storageConfigFromRecord(record, APP_SECRET);
    expect(config).toMatchObject({ provider: "AWS_S3", bucket: "books", region: "eu-west-3", prefix: "org_1" });
    expect(config.credentials).toEqual(credentials);
    expect(createStorageProvider(config, options)).toBeInstanceOf(S3Storage);
  });

  it("refuses credentials copied from another organization or sealed with another secret", () => {
    expect(
      misconfigured(() => storageConfigFromRecord({ ...record, organizationId: "org_2" }, APP_SECRET)).message,
    ).toBe("Stored storage credentials could not be decrypted");
    misconfigured(() => storageConfigFromRecord(record, `${APP_SECRET}-rotated`));
  });

  it("reads a row without credentials", () => {
    const config = storageConfigFromRecord({ organizationId: "o", provider: "LOCAL" }, APP_SECRET);
    expect(config.credentials).toBeUndefined();
    expect(config.provider).toBe("LOCAL");
  });
});
