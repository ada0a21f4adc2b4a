// Runs the storage contract against every provider, each on a loopback stand-in started here:
// LOCAL on a temp dir (+ a tiny route server), AWS_S3 on s3rver, GOOGLE_CLOUD on tests/fakes/gcs-fake,
// AZURE_BLOB on Azurite. Plus the provider-specific failure modes (bad credentials, missing bucket).
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AZURITE_ACCOUNT, AZURITE_KEY, type AzuriteBlob, startAzuriteBlob } from "../../tests/fakes/azurite-blob";
import { type GcsFake, startGcsFake } from "../../tests/fakes/gcs-fake";
import { type LocalS3Server, startS3Server } from "../../tests/fakes/s3-server";
import { AzureBlobStorage } from "./azure-blob-storage";
import { GcsStorage } from "./gcs-storage";
import { LocalStorage } from "./local-storage";
import { createStorageProvider } from "./registry";
import { S3Storage } from "./s3-storage";
import { runStorageContract } from "./storage-contract";
import { StorageError } from "./storage-provider";

const SIGNING_SECRET = "local-signing-secret-for-tests-0123456789";
const SERVER_START_TIMEOUT = 60_000;

async function storageErrorOf(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

function expectFreshExpiry(signedAt: Date, now = Date.now()) {
  expect(Math.abs(signedAt.getTime() - now)).toBeLessThan(2 * 60_000);
}

function parseCompactDate(value: string | null): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  expect(m, `compact ISO date, got ${value}`).not.toBeNull();
  const [, y, mo, d, h, mi, s] = (m ?? []).map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

// ───────────────────────────── LOCAL ─────────────────────────────
describe("LOCAL", () => {
  let root: string;
  let server: Server;
  let origin: string;
  let routeStorage: LocalStorage;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "local-storage-"));
    routeStorage = new LocalStorage({ root, signingSecret: SIGNING_SECRET });
    // Stands in for the authenticated /api/files route: it only hands the request to the provider.
    server = createServer((req, res) => {
      routeStorage
        .serveSignedRequest(new URL(req.url ?? "/", origin))
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(root, { recursive: true, force: true });
  });

  runStorageContract("LOCAL", () => ({
    makeProvider: (overrides) =>
      createStorageProvider({ provider: "LOCAL", ...overrides }, { localRoot: root, signingSecret: SIGNING_SECRET }),
    toFetchableUrl: (url) => new URL(url, origin).toString(),
    checkSignedUrl: (url, options) => {
      const parsed = new URL(url, origin);
      expect(url.startsWith("/api/files/")).toBe(true);
      const expires = Number(parsed.searchParams.get("expires"));
      expect(Math.abs(expires - (Date.now() / 1000 + options.expiresIn))).toBeLessThan(5);
      expect(parsed.searchParams.get("signature")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    },
  }));
});

// ───────────────────────────── AWS_S3 (s3rver) ─────────────────────────────
describe("AWS_S3", () => {
  const bucket = "scriptorium-test";
  let s3: LocalS3Server;

  beforeAll(async () => {
    s3 = await startS3Server([bucket]);
  }, SERVER_START_TIMEOUT);

  afterAll(async () => {
    await s3?.close();
  });

  const config = (overrides: Record<string, unknown> = {}) => ({
    provider: "AWS_S3",
    bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    ...overrides,
  });

  runStorageContract("AWS_S3", () => ({
    makeProvider: (overrides) => createStorageProvider(config(overrides), { localRoot: "", signingSecret: "" }),
    checkSignedUrl: (url, options) => {
      const parsed = new URL(url);
      expect(parsed.origin).toBe(s3.endpoint);
      expect(parsed.pathname.startsWith(`/${bucket}/`)).toBe(true);
      expect(parsed.searchParams.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
      expect(parsed.searchParams.get("X-Amz-Expires")).toBe(String(options.expiresIn));
      expect(parsed.searchParams.get("X-Amz-Credential")).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
      expectFreshExpiry(parseCompactDate(parsed.searchParams.get("X-Amz-Date")));
      expect(parsed.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    },
  }));

  it("reports wrong credentials as MISCONFIGURED", async () => {
    const storage = new S3Storage(
      config({ credentials: { accessKeyId: "S3RVER", secretAccessKey: "not-the-secret" } }) as never,
    );
    const error = await storageErrorOf(storage.put("a.txt", new Uint8Array([1]), "text/plain"));
    expect(error.code).toBe("MISCONFIGURED");
    expect(error.message).toContain("AWS_S3");
  });

  it("reports a missing bucket as MISCONFIGURED", async () => {
    const storage = new S3Storage(config({ bucket: "no-such-bucket" }) as never);
    const error = await storageErrorOf(storage.put("a.txt", new Uint8Array([1]), "text/plain"));
    expect(error.code).toBe("MISCONFIGURED");
    expect(error.message).toMatch(/bucket/i);
    // A get must not pass a missing bucket off as a missing object.
    expect((await storageErrorOf(storage.get("a.txt"))).code).toBe("MISCONFIGURED");
  });

  it("creates buckets with the raw SDK too (the stand-in speaks real S3)", async () => {
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    await client.send(new CreateBucketCommand({ Bucket: "second-bucket" }));
    const storage = new S3Storage(config({ bucket: "second-bucket" }) as never);
    await storage.put("x.txt", new TextEncoder().encode("x"), "text/plain");
    expect(await storage.exists("x.txt")).toBe(true);
    client.destroy();
  });
});

// ───────────────────────────── GOOGLE_CLOUD (gcs-fake) ─────────────────────────────
describe("GOOGLE_CLOUD", () => {
  const bucket = "scriptorium-test";
  const clientEmail = "storage-test@scriptorium-test.iam.gserviceaccount.com";
  const keys = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  let fake: GcsFake;

  beforeAll(async () => {
    fake = await startGcsFake({ buckets: [bucket], serviceAccounts: { [clientEmail]: keys.publicKey } });
  });

  afterAll(async () => {
    await fake?.close();
  });

  const config = (overrides: Record<string, unknown> = {}) => ({
    provider: "GOOGLE_CLOUD",
    bucket,
    endpoint: fake.url,
    credentials: { client_email: clientEmail, private_key: keys.privateKey, project_id: "scriptorium-test" },
    ...overrides,
  });

  runStorageContract("GOOGLE_CLOUD", () => ({
    makeProvider: (overrides) => createStorageProvider(config(overrides), { localRoot: "", signingSecret: "" }),
    checkSignedUrl: (url, options) => {
      const parsed = new URL(url);
      expect(parsed.origin).toBe(fake.url);
      expect(parsed.pathname.startsWith(`/${bucket}/contract-`)).toBe(true);
      expect(parsed.searchParams.get("X-Goog-Algorithm")).toBe("GOOG4-RSA-SHA256");
      expect(parsed.searchParams.get("X-Goog-Expires")).toBe(String(options.expiresIn));
      expect(parsed.searchParams.get("X-Goog-Credential")).toMatch(
        new RegExp(`^${clientEmail.replace(/\./g, "\\.")}/\\d{8}/auto/storage/goog4_request$`),
      );
      expect(parsed.searchParams.get("X-Goog-SignedHeaders")).toBe("host");
      expectFreshExpiry(parseCompactDate(parsed.searchParams.get("X-Goog-Date")));
      // 2048-bit RSA signature, hex.
      expect(parsed.searchParams.get("X-Goog-Signature")).toMatch(/^[0-9a-f]{512}$/);
    },
  }));

  it("uses the upload and download endpoints of the JSON API", async () => {
    const storage = new GcsStorage(config() as never);
    fake.requests.length = 0;
    await storage.put("api/shape.txt", new TextEncoder().encode("shape"), "text/plain");
    await storage.get("api/shape.txt");
    expect(fake.requests[0]).toMatch(
      /^POST \/upload\/storage\/v1\/b\/scriptorium-test\/o\?uploadType=multipart&name=api%2Fshape\.txt$/,
    );
    expect(
      fake.requests.some((r) => /^GET \/storage\/v1\/b\/scriptorium-test\/o\/api%2Fshape\.txt\?alt=media/.test(r)),
    ).toBe(true);
    expect(fake.objects.get(`${bucket}/api/shape.txt`)?.contentType).toBe("text/plain");
  });

  it("reports a missing bucket as MISCONFIGURED", async () => {
    const storage = new GcsStorage(config({ bucket: "no-such-bucket" }) as never);
    const error = await storageErrorOf(storage.put("a.txt", new Uint8Array([1]), "text/plain"));
    expect(error.code).toBe("MISCONFIGURED");
    expect(error.message).toContain("bucket does not exist");
    expect((await storageErrorOf(storage.get("a.txt"))).code).toBe("MISCONFIGURED");
  });

  it("reports a refused request (403) as MISCONFIGURED and a rejected one (400) as PROVIDER_ERROR", async () => {
    const storage = new GcsStorage(config() as never);
    await storage.put("errors/x.txt", new Uint8Array([1]), "text/plain");
    fake.failNext({ status: 403 });
    expect((await storageErrorOf(storage.get("errors/x.txt"))).code).toBe("MISCONFIGURED");
    fake.failNext({ status: 400 });
    const error = await storageErrorOf(storage.get("errors/x.txt"));
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(error.message).toContain('"errors/x.txt"');
    // The fake behaves again afterwards.
    expect((await storage.get("errors/x.txt")).size).toBe(1);
  });

  it("retries a transient 503 on writes and, afterwards, on reads", { timeout: 30_000 }, async () => {
    const storage = new GcsStorage(config() as never);
    fake.failNext({ status: 503 });
    await storage.put("errors/retry.txt", new TextEncoder().encode("retry"), "text/plain");
    expect(fake.objects.get(`${bucket}/errors/retry.txt`)?.bytes.toString()).toBe("retry");
    fake.failNext({ status: 503 });
    expect(await storage.exists("errors/retry.txt")).toBe(true);
  });

  it("fake refuses an expired signed URL", async () => {
    const storage = new GcsStorage(config() as never);
    await storage.put("expired.txt", new TextEncoder().encode("old"), "text/plain");
    const url = new URL(await storage.url("expired.txt", { expiresIn: 1 }));
    // Re-dating the URL breaks the signature, so check expiry through the fake's clock instead.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("ExpiredToken");
  });
});

// ───────────────────────────── AZURE_BLOB (Azurite) ─────────────────────────────
describe("AZURE_BLOB", () => {
  const container = "scriptorium-test";
  let azurite: AzuriteBlob;

  beforeAll(async () => {
    azurite = await startAzuriteBlob();
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await service.getContainerClient(container).create();
  }, SERVER_START_TIMEOUT);

  afterAll(async () => {
    await azurite?.close();
  });

  const config = (overrides: Record<string, unknown> = {}) => ({
    provider: "AZURE_BLOB",
    bucket: container,
    credentials: { connectionString: azurite.connectionString },
    ...overrides,
  });

  runStorageContract("AZURE_BLOB", () => ({
    makeProvider: (overrides) => createStorageProvider(config(overrides), { localRoot: "", signingSecret: "" }),
    checkSignedUrl: (url, options) => {
      const parsed = new URL(url);
      expect(`${parsed.origin}/${AZURITE_ACCOUNT}`).toBe(azurite.blobEndpoint);
      expect(parsed.pathname.startsWith(`/${AZURITE_ACCOUNT}/${container}/`)).toBe(true);
      expect(parsed.searchParams.get("sp")).toBe("r");
      expect(parsed.searchParams.get("sr")).toBe("b");
      const expiresOn = new Date(parsed.searchParams.get("se") ?? "");
      expect(Math.abs(expiresOn.getTime() - (Date.now() + options.expiresIn * 1000))).toBeLessThan(60_000);
      expect(parsed.searchParams.get("sig")).toBeTruthy();
    },
  }));

  it("works with an account name + key and an explicit endpoint", async () => {
    const storage = new AzureBlobStorage({
      provider: "AZURE_BLOB",
      bucket: container,
      endpoint: azurite.blobEndpoint,
      credentials: { accountName: AZURITE_ACCOUNT, accountKey: AZURITE_KEY },
    });
    const stored = await storage.put("account-key/a.txt", new TextEncoder().encode("via key"), "text/plain");
    expect(stored.size).toBe(7);
    const response = await fetch(await storage.url("account-key/a.txt", { expiresIn: 60 }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("via key");
  });

  it("reports a missing container and a wrong key as MISCONFIGURED", async () => {
    const missing = new AzureBlobStorage(config({ bucket: "no-such-container" }) as never);
    const error = await storageErrorOf(missing.put("a.txt", new Uint8Array([1]), "text/plain"));
    expect(error.code).toBe("MISCONFIGURED");
    expect(error.message).toMatch(/container/i);
    // A get on a missing container must not pass for a missing object.
    expect((await storageErrorOf(missing.get("a.txt"))).code).toBe("MISCONFIGURED");

    const wrongKey = new AzureBlobStorage({
      provider: "AZURE_BLOB",
      bucket: container,
      endpoint: azurite.blobEndpoint,
      credentials: { accountName: AZURITE_ACCOUNT, accountKey: Buffer.from("wrong key").toString("base64") },
    });
    expect((await storageErrorOf(wrongKey.put("a.txt", new Uint8Array([1]), "text/plain"))).code).toBe("MISCONFIGURED");
  });
});
