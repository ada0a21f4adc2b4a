import { describe, expect, it } from "vitest";
import { platformStorageView } from "@/contracts/storage-settings";
import {
  buildStorageBody,
  type StorageView,
  storageFieldFor,
  storageFormFrom,
  withoutFieldPrefix,
} from "./storage-form";

const platform: StorageView = platformStorageView("LOCAL");
const savedS3: StorageView = {
  ...platform,
  source: "organization",
  provider: "AWS_S3",
  bucket: "books",
  region: "eu-west-1",
  forcePathStyle: true,
  hasCredentials: true,
  updatedAt: "2026-03-01T00:00:00.000Z",
};

describe("storage settings form", () => {
  it("sends only the LOCAL fields that are filled", () => {
    const form = { ...storageFormFrom(platform), prefix: " team/books ", bucket: "ignored" };
    expect(buildStorageBody(form, platform)).toEqual({ ok: true, body: { provider: "LOCAL", prefix: "team/books" } });
  });

  it("requires a bucket and credentials for a new cloud provider", () => {
    const form = { ...storageFormFrom(platform), provider: "AWS_S3" as const };
    expect(buildStorageBody(form, platform)).toEqual({
      ok: false,
      problems: { bucket: "required", "credentials.accessKeyId": "credentialsNeeded" },
    });
  });

  it("asks for the missing half of partly typed credentials", () => {
    const form = { ...storageFormFrom(platform), provider: "AWS_S3" as const, bucket: "b", accessKeyId: "AKIA" };
    expect(buildStorageBody(form, platform)).toEqual({
      ok: false,
      problems: { "credentials.secretAccessKey": "requiredWhenAny" },
    });
  });

  it("keeps saved credentials when the provider is unchanged and the inputs are blank", () => {
    const result = buildStorageBody(storageFormFrom(savedS3), savedS3);
    expect(result).toEqual({
      ok: true,
      body: { provider: "AWS_S3", bucket: "books", region: "eu-west-1", forcePathStyle: true },
    });
  });

  it("replaces credentials when typed, with the session token when given", () => {
    const form = { ...storageFormFrom(savedS3), accessKeyId: "AKIA", secretAccessKey: "s3cr3t", sessionToken: "tok" };
    const result = buildStorageBody(form, savedS3);
    expect(result.ok && result.body.credentials).toEqual({
      accessKeyId: "AKIA",
      secretAccessKey: "s3cr3t",
      sessionToken: "tok",
    });
  });

  it("reads a Google service account key file and rejects an incomplete one", () => {
    const base = { ...storageFormFrom(platform), provider: "GOOGLE_CLOUD" as const, bucket: "b" };
    const key = JSON.stringify({
      type: "service_account",
      client_email: "sa@p.iam.gserviceaccount.com",
      private_key: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n",
      project_id: "p",
    });
    const good = buildStorageBody({ ...base, gcsKey: key }, platform);
    expect(good.ok && good.body.credentials).toEqual({
      client_email: "sa@p.iam.gserviceaccount.com",
      private_key: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n",
      project_id: "p",
    });
    expect(buildStorageBody({ ...base, gcsKey: '{"client_email":"x"}' }, platform)).toEqual({
      ok: false,
      problems: { "credentials.json": "gcsKeyInvalid" },
    });
  });

  it("sends Azure credentials in the chosen form", () => {
    const base = { ...storageFormFrom(platform), provider: "AZURE_BLOB" as const, bucket: "container" };
    const byKey = buildStorageBody(
      { ...base, azureMode: "accountKey", accountName: "acct", accountKey: "k" },
      platform,
    );
    expect(byKey.ok && byKey.body.credentials).toEqual({ accountName: "acct", accountKey: "k" });
    const byString = buildStorageBody({ ...base, connectionString: "UseDevelopmentStorage=true" }, platform);
    expect(byString.ok && byString.body.credentials).toEqual({ connectionString: "UseDevelopmentStorage=true" });
  });

  it("rejects URLs that are not http(s)", () => {
    const form = { ...storageFormFrom(platform), cdnBaseUrl: "ftp://cdn.example.com" };
    expect(buildStorageBody(form, platform)).toEqual({ ok: false, problems: { cdnBaseUrl: "url" } });
  });

  it("maps API error fields to inputs and strips the field prefix from messages", () => {
    expect(storageFieldFor("credentials.secretAccessKey", "AWS_S3")).toBe("credentials.secretAccessKey");
    expect(storageFieldFor("credentials.private_key", "GOOGLE_CLOUD")).toBe("credentials.json");
    expect(storageFieldFor("bucket", "AZURE_BLOB")).toBe("bucket");
    expect(storageFieldFor("unknown", "AWS_S3")).toBeNull();
    expect(withoutFieldPrefix("bucket: Letters only", "bucket")).toBe("Letters only");
    expect(withoutFieldPrefix("Letters only", "bucket")).toBe("Letters only");
  });
});
