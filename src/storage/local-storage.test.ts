import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalStorage, verifyLocalFileSignature } from "./local-storage";
import { StorageError } from "./storage-provider";

const SECRET = "local-storage-test-secret-0123456789";
const ORIGIN = "http://app.test";

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("LocalStorage", () => {
  let root: string;
  let storage: LocalStorage;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "local-storage-unit-"));
    storage = new LocalStorage({ root, signingSecret: SECRET });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("writes only hashed names inside the root and leaves no temp files behind", async () => {
    await storage.put("orgs/o1/Livre été.md", new Uint8Array([1, 2]), "text/markdown");
    await storage.put("a", new Uint8Array([1]), "text/plain");
    await storage.put("a/b", new Uint8Array([2]), "text/plain");
    const files = await listFiles(root);
    expect(files.length).toBe(6);
    for (const file of files) expect(file).toMatch(/^objects\/[0-9a-f]{2}\/[0-9a-f]{64}(\.json)?$/);
    // "a" and "a/b" coexist, as they do in object stores.
    expect(Buffer.from((await storage.get("a")).bytes)).toEqual(Buffer.from([1]));
    expect(Buffer.from((await storage.get("a/b")).bytes)).toEqual(Buffer.from([2]));
    expect(await readdir(path.join(root, "tmp"))).toEqual([]);
  });

  it("refuses to start without a root or with a weak signing secret", () => {
    expect(() => new LocalStorage({ root: "", signingSecret: SECRET })).toThrow(StorageError);
    const weak = (() => {
      try {
        new LocalStorage({ root, signingSecret: "short" });
      } catch (error) {
        return error as StorageError;
      }
    })();
    expect(weak?.code).toBe("MISCONFIGURED");
    expect(weak?.message).toMatch(/signing secret/);
  });

  it("signs URLs that verify only with the same key, expiry, name and secret", async () => {
    const url = new URL(await storage.url("books/b1/book.epub", { expiresIn: 600, downloadName: "Book.epub" }), ORIGIN);
    expect(url.pathname).toBe("/api/files/books/b1/book.epub");
    const input = {
      key: "books/b1/book.epub",
      expires: Number(url.searchParams.get("expires")),
      signature: url.searchParams.get("signature") ?? "",
      downloadName: url.searchParams.get("name") ?? undefined,
    };
    expect(input.downloadName).toBe("Book.epub");
    expect(verifyLocalFileSignature(input, SECRET)).toBe(true);
    expect(verifyLocalFileSignature({ ...input, key: "books/b2/book.epub" }, SECRET)).toBe(false);
    expect(verifyLocalFileSignature({ ...input, expires: input.expires + 1 }, SECRET)).toBe(false);
    expect(verifyLocalFileSignature({ ...input, downloadName: "Other.epub" }, SECRET)).toBe(false);
    expect(verifyLocalFileSignature({ ...input, downloadName: undefined }, SECRET)).toBe(false);
    expect(verifyLocalFileSignature(input, `${SECRET}-other`)).toBe(false);
    expect(verifyLocalFileSignature({ ...input, signature: "" }, SECRET)).toBe(false);
    // Expired: checked against the clock passed in.
    expect(verifyLocalFileSignature(input, SECRET, (input.expires + 1) * 1000)).toBe(false);
    expect(verifyLocalFileSignature(input, SECRET, (input.expires - 1) * 1000)).toBe(true);
  });

  it("serves a signed request and refuses bad, expired, missing and malformed ones", async () => {
    await storage.put("serve/ok.txt", new TextEncoder().encode("served"), "text/plain; charset=utf-8");
    const good = new URL(await storage.url("serve/ok.txt", { expiresIn: 60 }), ORIGIN);

    const ok = await storage.serveSignedRequest(good);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(ok.headers.get("content-length")).toBe("6");
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    expect(ok.headers.get("content-disposition")).toBeNull();
    expect(await ok.text()).toBe("served");

    const expired = await storage.serveSignedRequest(good, Date.now() + 120_000);
    expect(expired.status).toBe(403);

    const otherKey = new URL(good);
    otherKey.pathname = "/api/files/serve/other.txt";
    expect((await storage.serveSignedRequest(otherKey)).status).toBe(403);

    await storage.delete("serve/ok.txt");
    expect((await storage.serveSignedRequest(good)).status).toBe(404);

    const malformed = new URL(`${ORIGIN}/api/files/%E0%A4%A/x?expires=1&signature=x`);
    expect((await storage.serveSignedRequest(malformed)).status).toBe(400);
    const backslash = new URL(`${ORIGIN}/api/files/a/%5C..%5Cb?expires=1&signature=x`);
    expect((await storage.serveSignedRequest(backslash)).status).toBe(400);
    // URL parsing resolves encoded dot segments before we see them: this is plainly "serve/ok.txt" (deleted).
    const dots = new URL(`${ORIGIN}/api/files/a/%2E%2E/serve/ok.txt?${good.searchParams}`);
    expect((await storage.serveSignedRequest(dots)).status).toBe(404);
    expect((await storage.serveSignedRequest(new URL(`${ORIGIN}/elsewhere/x`))).status).toBe(404);
  });

  it("uses a custom route base", async () => {
    const custom = new LocalStorage({ root, signingSecret: SECRET, routeBase: "/files/" });
    await custom.put("r/x.txt", new TextEncoder().encode("x"), "text/plain");
    const url = await custom.url("r/x.txt", { expiresIn: 60 });
    expect(url.startsWith("/files/r/x.txt?")).toBe(true);
    expect((await custom.serveSignedRequest(new URL(url, ORIGIN))).status).toBe(200);
  });
});
