import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { cdnUrlFor } from "./storage-config";
import { assertStorageKey, attachmentDisposition, encodeKeyPath, normalizePrefix, sha256Hex } from "./storage-key";
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

export interface LocalStorageOptions {
  /** Directory holding the objects (the app passes `dataPath("storage")`). */
  root: string;
  /** Secret for the HMAC on download URLs (the app secret). */
  signingSecret: string;
  prefix?: string;
  cdnBaseUrl?: string;
  /** Path of the authenticated route that serves files; `url()` points there. */
  routeBase?: string;
}

interface LocalMeta {
  key: string;
  contentType: string;
  size: number;
  checksum: string;
}

export const DEFAULT_LOCAL_ROUTE_BASE = "/api/files";

/** Fields a signed local download URL carries. */
export interface LocalFileSignatureInput {
  key: string;
  /** Unix time in seconds after which the URL is refused. */
  expires: number;
  signature: string;
  downloadName?: string;
}

function signLocalFile(key: string, expires: number, downloadName: string | undefined, secret: string): string {
  return createHmac("sha256", secret)
    .update(["scriptorium-local-file-v1", key, String(expires), downloadName ?? ""].join("\n"))
    .digest("base64url");
}

/** True when a local download URL's signature matches and it has not expired (constant-time compare). */
export function verifyLocalFileSignature(input: LocalFileSignatureInput, secret: string, nowMs = Date.now()): boolean {
  if (!Number.isInteger(input.expires) || input.expires * 1000 < nowMs) return false;
  const expected = Buffer.from(signLocalFile(input.key, input.expires, input.downloadName, secret));
  const given = Buffer.from(String(input.signature));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Files under a root directory. Each object is stored under the sha256 of its full key, with a JSON
 * sidecar holding the key and content type: object-store keys like "a" and "a/b" can coexist, unicode
 * and long keys never hit file-system limits, and no key can name a path outside the root.
 * Writes go to a temp file then rename, so readers never see a half-written object.
 */
export class LocalStorage implements StorageProvider {
  readonly type = "LOCAL" as const;
  private readonly root: string;
  private readonly prefix: string;
  private readonly routeBase: string;

  constructor(private readonly options: LocalStorageOptions) {
    if (!options.root) throw new StorageError("MISCONFIGURED", "LOCAL storage needs a root directory");
    if (!options.signingSecret || options.signingSecret.length < 16) {
      throw new StorageError("MISCONFIGURED", "LOCAL storage needs a signing secret of at least 16 characters");
    }
    this.root = path.resolve(options.root);
    this.prefix = normalizePrefix(options.prefix);
    this.routeBase = (options.routeBase ?? DEFAULT_LOCAL_ROUTE_BASE).replace(/\/+$/, "");
  }

  private paths(key: string): { data: string; meta: string } {
    const digest = createHash("sha256")
      .update(this.prefix + key)
      .digest("hex");
    const dir = path.join(this.root, "objects", digest.slice(0, 2));
    return { data: path.join(dir, digest), meta: path.join(dir, `${digest}.json`) };
  }

  /** Stores the bytes atomically (temp file + rename) and returns size and sha256. */
  async put(key: string, bytes: Uint8Array, contentType: string): Promise<StoredObject> {
    assertStorageKey(key);
    const checksum = sha256Hex(bytes);
    const meta: LocalMeta = {
      key: this.prefix + key,
      contentType: normalizeContentType(contentType),
      size: bytes.byteLength,
      checksum,
    };
    const target = this.paths(key);
    const tmpDir = path.join(this.root, "tmp");
    const token = randomBytes(8).toString("hex");
    const tmpData = path.join(tmpDir, `${token}.data`);
    const tmpMeta = path.join(tmpDir, `${token}.json`);
    try {
      await mkdir(tmpDir, { recursive: true });
      await mkdir(path.dirname(target.data), { recursive: true });
      await writeFile(tmpData, bytes);
      await writeFile(tmpMeta, JSON.stringify(meta));
      await rename(tmpData, target.data);
      await rename(tmpMeta, target.meta);
    } catch (error) {
      await Promise.all([rm(tmpData, { force: true }), rm(tmpMeta, { force: true })]);
      throw providerError(this.type, "write", key, error);
    }
    return { key, size: bytes.byteLength, checksum };
  }

  /** Reads the bytes and the content type from the sidecar; NOT_FOUND when absent. */
  async get(key: string): Promise<StorageObject> {
    assertStorageKey(key);
    const target = this.paths(key);
    try {
      const meta = JSON.parse(await readFile(target.meta, "utf8")) as LocalMeta;
      const bytes = new Uint8Array(await readFile(target.data));
      return { bytes, contentType: meta.contentType, size: bytes.byteLength };
    } catch (error) {
      if (isMissing(error)) throw objectNotFound(key, error);
      throw providerError(this.type, "read", key, error);
    }
  }

  /** Removes the sidecar first (so `exists` turns false at once), then the bytes; missing is a no-op. */
  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    const target = this.paths(key);
    try {
      await rm(target.meta, { force: true });
      await rm(target.data, { force: true });
    } catch (error) {
      throw providerError(this.type, "delete", key, error);
    }
  }

  /** True when the object's sidecar exists. */
  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await stat(this.paths(key).meta);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw providerError(this.type, "check", key, error);
    }
  }

  /** A route path (`/api/files/<key>?expires=&signature=`) the authenticated file route verifies and serves. */
  async url(key: string, options: StorageUrlOptions): Promise<string> {
    assertStorageKey(key);
    assertUrlOptions(options);
    const cdn = cdnUrlFor(this.options, key);
    if (cdn) return cdn;
    const expires = Math.floor(Date.now() / 1000) + options.expiresIn;
    const params = new URLSearchParams({ expires: String(expires) });
    if (options.downloadName) params.set("name", options.downloadName);
    params.set("signature", signLocalFile(key, expires, options.downloadName, this.options.signingSecret));
    return `${this.routeBase}/${encodeKeyPath(key)}?${params.toString()}`;
  }

  /**
   * Serves a request for a URL made by `url()`: 403 for a bad or expired signature, 404 for a missing
   * object, 400 for a malformed key, else the bytes. The route authenticates the user before calling this.
   */
  async serveSignedRequest(requestUrl: URL, nowMs = Date.now()): Promise<Response> {
    const base = `${this.routeBase}/`;
    if (!requestUrl.pathname.startsWith(base)) return plainResponse(404, "Not found");
    let key: string;
    try {
      key = requestUrl.pathname.slice(base.length).split("/").map(decodeURIComponent).join("/");
      assertStorageKey(key);
    } catch {
      return plainResponse(400, "Invalid file key");
    }
    const expires = Number(requestUrl.searchParams.get("expires"));
    const signature = requestUrl.searchParams.get("signature") ?? "";
    const downloadName = requestUrl.searchParams.get("name") ?? undefined;
    if (!verifyLocalFileSignature({ key, expires, signature, downloadName }, this.options.signingSecret, nowMs)) {
      return plainResponse(403, "This download link is invalid or has expired");
    }
    try {
      const object = await this.get(key);
      const headers = new Headers({
        "content-type": object.contentType,
        "content-length": String(object.size),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
      if (downloadName) headers.set("content-disposition", attachmentDisposition(downloadName));
      // readFile returns bytes on a plain (never shared) ArrayBuffer, which is what BodyInit wants.
      return new Response(object.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
    } catch (error) {
      if (error instanceof StorageError && error.code === "NOT_FOUND") return plainResponse(404, "File not found");
      throw error;
    }
  }
}

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
