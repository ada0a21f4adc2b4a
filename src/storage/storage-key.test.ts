import { describe, expect, it } from "vitest";
import {
  assertStorageKey,
  attachmentDisposition,
  encodeKeyPath,
  MAX_KEY_BYTES,
  normalizePrefix,
  sha256Hex,
  storageKeyProblem,
} from "./storage-key";
import { StorageError } from "./storage-provider";

describe("storage keys", () => {
  it("accepts ordinary, unicode and punctuated keys", () => {
    for (const key of [
      "orgs/clx1/books/clx2/book.epub",
      "a",
      "Le Petit Prince — été/chapitre 1.md",
      "日本語/ファイル.txt",
      "emoji 📚/a+b&c=d.txt",
      ".hidden/file",
      "x".repeat(255),
    ]) {
      expect(storageKeyProblem(key), key).toBeNull();
      expect(assertStorageKey(key)).toBe(key);
    }
  });

  it("names the reason a key is refused", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["/abs", /starts with \//],
      ["dir/", /ends with \//],
      ["a\\b", /backslash/],
      ["a/../b", /"\.\." path segment/],
      ["./a", /"\." path segment/],
      ["a//b", /empty path segment/],
      ["a/ /b", /blank path segment/],
      ["a\u0007b", /control character/],
      ["a\u007fb", /control character/],
      ["bad\udc00", /not valid Unicode/],
      ["ends.", /ends with a dot/],
      [`${"y".repeat(256)}/z`, /longer than 255 bytes/],
      ["é".repeat(MAX_KEY_BYTES / 2 + 1), /bytes long/],
    ];
    for (const [key, reason] of cases) {
      expect(storageKeyProblem(key), JSON.stringify(key)).toMatch(reason);
      try {
        assertStorageKey(key);
        expect.unreachable(`accepted ${JSON.stringify(key)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).code).toBe("INVALID_KEY");
        expect((error as StorageError).message).toMatch(reason);
      }
    }
    expect(storageKeyProblem(undefined)).toBe("it is empty");
  });

  it("normalizes prefixes and refuses unsafe ones as MISCONFIGURED", () => {
    expect(normalizePrefix(undefined)).toBe("");
    expect(normalizePrefix("")).toBe("");
    expect(normalizePrefix("/")).toBe("");
    expect(normalizePrefix("tenant-a")).toBe("tenant-a/");
    expect(normalizePrefix("/org/a/")).toBe("org/a/");
    expect(() => normalizePrefix("../up")).toThrow(/Invalid storage prefix/);
    try {
      normalizePrefix("a//b");
    } catch (error) {
      expect((error as StorageError).code).toBe("MISCONFIGURED");
    }
  });

  it("encodes path segments but keeps slashes", () => {
    expect(encodeKeyPath("a b/c?d#e/é.txt")).toBe("a%20b/c%3Fd%23e/%C3%A9.txt");
  });

  it("hashes with sha256 hex", () => {
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("builds a header-safe attachment disposition", () => {
    expect(attachmentDisposition("Book.epub")).toBe(`attachment; filename="Book.epub"; filename*=UTF-8''Book.epub`);
    const unicode = attachmentDisposition('Le "Livre" — été.pdf');
    expect(unicode).toBe(
      `attachment; filename="Le _Livre_ _ _t_.pdf"; filename*=UTF-8''Le%20%22Livre%22%20%E2%80%94%20%C3%A9t%C3%A9.pdf`,
    );
    const injected = attachmentDisposition("evil\r\nSet-Cookie: x=1.txt");
    expect(injected).not.toMatch(/[\r\n]/);
    expect(attachmentDisposition("\u0000\u0001")).toContain('filename="download"');
  });
});
