import { createHash } from "node:crypto";
import { StorageError } from "./storage-provider";

/** Longest logical key, in UTF-8 bytes: leaves room for a prefix under the 1024-byte S3/GCS/Azure limit. */
export const MAX_KEY_BYTES = 900;
/** Longest prefix, in UTF-8 bytes. */
export const MAX_PREFIX_BYTES = 120;
/** Longest path segment, in UTF-8 bytes (the common file-system name limit). */
export const MAX_SEGMENT_BYTES = 255;

/** C0 controls and DEL: never valid in a key, a header or an XML listing. */
function isControlChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a key is unusable, or null when it is fine; shared by every provider so they accept the same keys. */
export function storageKeyProblem(key: unknown, maxBytes = MAX_KEY_BYTES): string | null {
  if (typeof key !== "string" || key.length === 0) return "it is empty";
  if (LONE_SURROGATE.test(key)) return "it is not valid Unicode";
  const bytes = Buffer.byteLength(key, "utf8");
  if (bytes > maxBytes) return `it is ${bytes} bytes long (at most ${maxBytes})`;
  if ([...key].some(isControlChar)) return "it contains a control character";
  if (key.includes("\\")) return "it contains a backslash";
  if (key.startsWith("/")) return "it starts with /";
  if (key.endsWith("/")) return "it ends with /";
  if (key.endsWith(".")) return "it ends with a dot";
  for (const segment of key.split("/")) {
    if (segment === "") return "it contains an empty path segment (//)";
    if (segment === "." || segment === "..") return `it contains a "${segment}" path segment`;
    if (segment.trim() === "") return "it contains a blank path segment";
    if (Buffer.byteLength(segment, "utf8") > MAX_SEGMENT_BYTES) {
      return `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`;
    }
  }
  return null;
}

/** Throws INVALID_KEY (with the reason) unless the key is safe for every provider; returns it unchanged. */
export function assertStorageKey(key: string): string {
  const problem = storageKeyProblem(key);
  if (problem) {
    const shown =
      typeof key === "string" ? JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key) : String(key);
    throw new StorageError("INVALID_KEY", `Invalid storage key ${shown}: ${problem}`, {
      key: typeof key === "string" ? key : undefined,
    });
  }
  return key;
}

/** Normalizes a configured prefix to "" or "segment/…/" (no leading slash); throws MISCONFIGURED when unsafe. */
export function normalizePrefix(prefix: string | null | undefined): string {
  const trimmed = (prefix ?? "").trim().replace(/^\/+/, "").replace(/\/+$/, "");
  if (trimmed === "") return "";
  const problem = storageKeyProblem(trimmed, MAX_PREFIX_BYTES);
  if (problem) {
    throw new StorageError("MISCONFIGURED", `Invalid storage prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
  return `${trimmed}/`;
}

/** sha256 of the bytes as lowercase hex: the checksum every provider reports. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Percent-encodes each path segment of a key for use in a URL path, keeping the slashes. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/**
 * `attachment` Content-Disposition for a download name: an ASCII fallback plus RFC 5987 `filename*`, so
 * unicode names survive and quotes or newlines in the name cannot inject headers.
 */
export function attachmentDisposition(downloadName: string): string {
  const cleaned =
    [...downloadName]
      .filter((c) => !isControlChar(c))
      .join("")
      .trim() || "download";
  const fallback = cleaned.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
