// The behaviour every StorageProvider must have, as one vitest suite run against each implementation
// (see storage-providers.test.ts). Adding a provider = running this suite against it.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { StorageError, type StorageProvider, type StorageUrlOptions } from "./storage-provider";

export interface StorageContractHarness {
  /** A provider on the running backend; overrides give the same backend with another prefix or a CDN. */
  makeProvider(overrides?: { prefix?: string; cdnBaseUrl?: string }): StorageProvider;
  /** Turns what `url()` returned into an absolute URL `fetch` can load (LOCAL returns a route path). */
  toFetchableUrl?(url: string): string;
  /** Extra provider-specific assertions on a signed URL's shape (e.g. GCS v4 fields). */
  checkSignedUrl?(url: string, options: StorageUrlOptions): void;
}

const TEST_TIMEOUT = 30_000;

const INVALID_KEYS = [
  "",
  "/leading-slash.txt",
  "../escape.txt",
  "books/../../etc/passwd",
  "./dot.txt",
  "books\\windows.txt",
  "books//double.txt",
  "books/trailing/",
  "ends-with-dot.",
  "control\u0000char.txt",
  "lone-surrogate-\ud800.txt",
  `${"x".repeat(901)}`,
];

const UNICODE_KEYS = [
  "books/Le Petit Prince — été/chapitre 1 (final).md",
  "日本語/ファイル 名.txt",
  "emoji 📚/a+b&c=d,e;f'g.txt",
];

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

async function expectStorageError(promise: Promise<unknown>, code: StorageError["code"], mentions?: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a StorageError ${code}`).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
  if (mentions !== undefined) expect((error as StorageError).message).toContain(mentions);
}

/** Alters the signature parameter of a signed URL so the backend must refuse it. */
function tamperSignature(url: string): string {
  const parsed = new URL(url);
  const name = [...parsed.searchParams.keys()].find((k) =>
    /^(x-amz-signature|x-goog-signature|sig|signature)$/i.test(k),
  );
  if (!name) throw new Error(`No signature parameter in ${url}`);
  const value = parsed.searchParams.get(name)!;
  const last = value.at(-1) === "a" ? "b" : "a";
  parsed.searchParams.set(name, value.slice(0, -1) + last);
  return parsed.toString();
}

/** Registers the storage contract for one provider; `harness` is called inside each test (after setup). */
export function runStorageContract(name: string, harness: () => StorageContractHarness): void {
  describe(`storage contract: ${name}`, () => {
    const run = randomBytes(4).toString("hex");
    let counter = 0;
    const freshKey = (label: string) => `contract-${run}/${++counter}-${label}`;
    const fetchable = (url: string) => harness().toFetchableUrl?.(url) ?? url;

    it("round-trips bytes, content type, size and a sha256 checksum", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("book.md");
      const bytes = text("# Chapter 1\n\nIt was a dark and stormy night.\n");
      const stored = await storage.put(key, bytes, "text/markdown; charset=utf-8");
      expect(stored).toEqual({ key, size: bytes.byteLength, checksum: sha256(bytes) });
      expect(stored.checksum).toMatch(/^[0-9a-f]{64}$/);
      const object = await storage.get(key);
      expect(Buffer.from(object.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(object.contentType).toBe("text/markdown; charset=utf-8");
      expect(object.size).toBe(bytes.byteLength);
    });

    it("stores empty objects and defaults a missing content type", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("empty.bin");
      const stored = await storage.put(key, new Uint8Array(), "");
      expect(stored.size).toBe(0);
      expect(stored.checksum).toBe(sha256(new Uint8Array()));
      const object = await storage.get(key);
      expect(object.size).toBe(0);
      expect(object.bytes.byteLength).toBe(0);
      expect(object.contentType).toBe("application/octet-stream");
    });

    it("overwrites an existing key with new bytes and content type", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("overwrite");
      await storage.put(key, text("first version, longer than the second"), "text/plain");
      const second = text("<p>second</p>");
      const stored = await storage.put(key, second, "text/html");
      expect(stored.checksum).toBe(sha256(second));
      const object = await storage.get(key);
      expect(Buffer.from(object.bytes).toString("utf8")).toBe("<p>second</p>");
      expect(object.contentType).toBe("text/html");
      expect(object.size).toBe(second.byteLength);
    });

    it("reports existence before, after put and after delete", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("exists.txt");
      expect(await storage.exists(key)).toBe(false);
      await storage.put(key, text("here"), "text/plain");
      expect(await storage.exists(key)).toBe(true);
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
    });

    it("deletes: a later get is NOT_FOUND naming the key", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("deleted.txt");
      await storage.put(key, text("soon gone"), "text/plain");
      await storage.delete(key);
      await expectStorageError(storage.get(key), "NOT_FOUND", key);
    });

    it("treats deleting a missing key as a no-op", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("never-written.txt");
      await expect(storage.delete(key)).resolves.toBeUndefined();
      expect(await storage.exists(key)).toBe(false);
    });

    it("throws NOT_FOUND naming the key for a missing object", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("missing.epub");
      await expectStorageError(storage.get(key), "NOT_FOUND", `"${key}"`);
    });

    it("rejects invalid keys with INVALID_KEY on every operation", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      for (const key of INVALID_KEYS) {
        await expectStorageError(storage.put(key, text("x"), "text/plain"), "INVALID_KEY");
        await expectStorageError(storage.get(key), "INVALID_KEY");
        await expectStorageError(storage.exists(key), "INVALID_KEY");
        await expectStorageError(storage.delete(key), "INVALID_KEY");
        await expectStorageError(storage.url(key, { expiresIn: 60 }), "INVALID_KEY");
      }
    });

    it("refuses URL expiries outside 1 s – 7 days", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("expiry.txt");
      await expect(storage.url(key, { expiresIn: 0 })).rejects.toThrow(RangeError);
      await expect(storage.url(key, { expiresIn: 8 * 24 * 3600 })).rejects.toThrow(RangeError);
      await expect(storage.url(key, { expiresIn: 1.5 })).rejects.toThrow(RangeError);
    });

    it("gives a signed URL that downloads the bytes over loopback", { timeout: TEST_TIMEOUT }, async () => {
      const h = harness();
      const storage = h.makeProvider();
      const key = freshKey("signed.pdf");
      const bytes = new Uint8Array(randomBytes(4096));
      await storage.put(key, bytes, "application/pdf");
      const options = { expiresIn: 300 };
      const url = await storage.url(key, options);
      h.checkSignedUrl?.(url, options);
      const response = await fetch(fetchable(url));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    });

    it("offers the download name in Content-Disposition", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("named.epub");
      await storage.put(key, text("epub bytes"), "application/epub+zip");
      const url = await storage.url(key, { expiresIn: 120, downloadName: 'Le "Livre" — été.epub' });
      const response = await fetch(fetchable(url));
      expect(response.status).toBe(200);
      const disposition = response.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain("filename*=UTF-8''Le%20%22Livre%22%20%E2%80%94%20%C3%A9t%C3%A9.epub");
      expect(await response.text()).toBe("epub bytes");
    });

    it("refuses a signed URL whose signature was altered", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("tamper.txt");
      await storage.put(key, text("secret manuscript"), "text/plain");
      const url = fetchable(await storage.url(key, { expiresIn: 60 }));
      const response = await fetch(tamperSignature(url));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain("secret manuscript");
    });

    it("round-trips 1 MB of random binary", { timeout: TEST_TIMEOUT }, async () => {
      const storage = harness().makeProvider();
      const key = freshKey("random.bin");
      const bytes = new Uint8Array(randomBytes(1024 * 1024));
      const stored = await storage.put(key, bytes, "application/octet-stream");
      expect(stored.size).toBe(1024 * 1024);
      expect(stored.checksum).toBe(sha256(bytes));
      const object = await storage.get(key);
      expect(object.size).toBe(bytes.byteLength);
      expect(sha256(object.bytes)).toBe(stored.checksum);
    });

    it("handles keys with unicode, spaces and punctuation", { timeout: TEST_TIMEOUT }, async () => {
      const h = harness();
      const storage = h.makeProvider();
      for (const [index, unicodeKey] of UNICODE_KEYS.entries()) {
        const key = `contract-${run}/unicode-${index}/${unicodeKey}`;
        const body = text(`content of ${unicodeKey}`);
        await storage.put(key, body, "text/plain; charset=utf-8");
        expect(await storage.exists(key)).toBe(true);
        const object = await storage.get(key);
        expect(Buffer.from(object.bytes).toString("utf8")).toBe(`content of ${unicodeKey}`);
        const response = await fetch(fetchable(await storage.url(key, { expiresIn: 60 })));
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(`content of ${unicodeKey}`);
        await storage.delete(key);
        expect(await storage.exists(key)).toBe(false);
      }
    });

    it("keeps keys under the configured prefix", { timeout: TEST_TIMEOUT }, async () => {
      const h = harness();
      const prefixed = h.makeProvider({ prefix: `tenant-${run}` });
      const plain = h.makeProvider();
      const key = freshKey("prefixed.txt");
      await prefixed.put(key, text("in the tenant folder"), "text/plain");
      expect(await prefixed.exists(key)).toBe(true);
      expect(await plain.exists(key)).toBe(false);
      expect(await plain.exists(`tenant-${run}/${key}`)).toBe(true);
      const viaPlain = await plain.get(`tenant-${run}/${key}`);
      expect(Buffer.from(viaPlain.bytes).toString("utf8")).toBe("in the tenant folder");
      await prefixed.delete(key);
      expect(await plain.exists(`tenant-${run}/${key}`)).toBe(false);
    });

    it("returns the CDN URL (base + prefix + encoded key) when a CDN is configured", {
      timeout: TEST_TIMEOUT,
    }, async () => {
      const h = harness();
      const cdn = h.makeProvider({ cdnBaseUrl: "https://cdn.example.test/assets/" });
      expect(await cdn.url("books/Mon livre.epub", { expiresIn: 60 })).toBe(
        "https://cdn.example.test/assets/books/Mon%20livre.epub",
      );
      const cdnWithPrefix = h.makeProvider({ cdnBaseUrl: "https://cdn.example.test", prefix: "org-1" });
      expect(await cdnWithPrefix.url("a/b.pdf", { expiresIn: 60 })).toBe("https://cdn.example.test/org-1/a/b.pdf");
    });
  });
}
