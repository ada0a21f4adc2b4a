// A loopback fake of the Google Cloud Storage JSON API (the subset @google-cloud/storage uses for objects)
// plus v4 signed-URL downloads on the XML path, so the real client library runs against it in tests.
import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GcsFakeObject {
  name: string;
  bucket: string;
  bytes: Buffer;
  contentType: string;
  generation: number;
  metadata: Record<string, string>;
  updated: Date;
}

export interface GcsFakeOptions {
  buckets: string[];
  /** Service accounts allowed to sign URLs: client_email → public key (PEM). */
  serviceAccounts?: Record<string, string>;
}

export interface GcsFailure {
  status: number;
  /** Raw body to send instead of the JSON error (e.g. "not json" to test parsing). */
  rawBody?: string;
  /** How many requests fail before the fake behaves again (default 1). */
  count?: number;
}

export interface GcsFake {
  /** Base URL to pass as `apiEndpoint` (http://127.0.0.1:PORT). */
  url: string;
  objects: Map<string, GcsFakeObject>;
  /** Requests seen, as "METHOD path?query", for assertions on what the client did. */
  requests: string[];
  failNext(failure: GcsFailure): void;
  close(): Promise<void>;
}

// ── checksums GCS reports (crc32c and md5, base64) ──
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}

function md5(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("base64");
}

/** RFC 3986 encoding the v4 signer uses (encodeURIComponent plus !'()*). */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Splits a multipart/related body into parts with their headers. */
function parseMultipart(body: Buffer, boundary: string): { headers: Record<string, string>; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    // Part = CRLF headers CRLF CRLF body CRLF
    const part = body.subarray(afterDelimiter + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headerText = split === -1 ? "" : part.subarray(0, split).toString("utf8");
    const headers: Record<string, string> = {};
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split === -1 ? part : part.subarray(split + 4) });
    start = next;
  }
  return parts;
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startGcsFake(options: GcsFakeOptions): Promise<GcsFake> {
  const buckets = new Set(options.buckets);
  const objects = new Map<string, GcsFakeObject>();
  const requests: string[] = [];
  const publicKeys = new Map<string, KeyObject>(
    Object.entries(options.serviceAccounts ?? {}).map(([email, pem]) => [email, createPublicKey(pem)]),
  );
  const resumable = new Map<string, { bucket: string; name: string; contentType: string; received: Buffer }>();
  const failures: GcsFailure[] = [];
  let generationCounter = 1_700_000_000_000_000;
  let uploadCounter = 0;
  let baseUrl = "";

  const objectId = (bucket: string, name: string) => `${bucket}/${name}`;

  function jsonError(res: ServerResponse, status: number, message: string, reason: string): void {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify({ error: { code: status, message, errors: [{ message, domain: "global", reason }] } }));
  }

  function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { "content-type": "application/xml; charset=UTF-8" });
    res.end(`<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  }

  function resource(obj: GcsFakeObject): Record<string, unknown> {
    const encoded = encodeURIComponent(obj.name);
    return {
      kind: "storage#object",
      id: `${obj.bucket}/${obj.name}/${obj.generation}`,
      selfLink: `${baseUrl}/storage/v1/b/${obj.bucket}/o/${encoded}`,
      mediaLink: `${baseUrl}/download/storage/v1/b/${obj.bucket}/o/${encoded}?generation=${obj.generation}&alt=media`,
      name: obj.name,
      bucket: obj.bucket,
      generation: String(obj.generation),
      metageneration: "1",
      contentType: obj.contentType,
      storageClass: "STANDARD",
      size: String(obj.bytes.length),
      md5Hash: md5(obj.bytes),
      crc32c: crc32c(obj.bytes),
      etag: `C${obj.generation}`,
      timeCreated: obj.updated.toISOString(),
      updated: obj.updated.toISOString(),
      metadata: Object.keys(obj.metadata).length ? obj.metadata : undefined,
    };
  }

  function store(bucket: string, name: string, bytes: Buffer, contentType: string, metadata = {}): GcsFakeObject {
    const obj: GcsFakeObject = {
      name,
      bucket,
      bytes,
      contentType: contentType || "application/octet-stream",
      generation: ++generationCounter,
      metadata,
      updated: new Date(),
    };
    objects.set(objectId(bucket, name), obj);
    return obj;
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify(body));
  }

  function sendMedia(res: ServerResponse, obj: GcsFakeObject, extraHeaders: Record<string, string> = {}): void {
    res.writeHead(200, {
      "content-type": obj.contentType,
      "content-length": String(obj.bytes.length),
      "x-goog-hash": `crc32c=${crc32c(obj.bytes)},md5=${md5(obj.bytes)}`,
      "x-goog-generation": String(obj.generation),
      "x-goog-stored-content-length": String(obj.bytes.length),
      "x-goog-stored-content-encoding": "identity",
      ...extraHeaders,
    });
    res.end(obj.bytes);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, bucket: string): Promise<void> {
    if (!buckets.has(bucket)) return jsonError(res, 404, "The specified bucket does not exist.", "notFound");
    const uploadType = url.searchParams.get("uploadType");
    const body = await readBody(req);
    if (uploadType === "media") {
      const name = url.searchParams.get("name");
      if (!name) return jsonError(res, 400, "Required parameter: name", "required");
      return sendJson(res, 200, resource(store(bucket, name, body, req.headers["content-type"] ?? "")));
    }
    if (uploadType === "multipart") {
      const boundary = /boundary="?([^";]+)"?/i.exec(req.headers["content-type"] ?? "")?.[1];
      if (!boundary) return jsonError(res, 400, "Missing multipart boundary", "invalid");
      const parts = parseMultipart(body, boundary);
      if (parts.length !== 2) return jsonError(res, 400, `Expected 2 multipart parts, got ${parts.length}`, "invalid");
      const meta = JSON.parse(parts[0]!.body.toString("utf8")) as {
        name?: string;
        contentType?: string;
        metadata?: Record<string, string>;
      };
      const name = meta.name ?? url.searchParams.get("name");
      if (!name) return jsonError(res, 400, "Required parameter: name", "required");
      const contentType = meta.contentType ?? parts[1]!.headers["content-type"] ?? "";
      return sendJson(res, 200, resource(store(bucket, name, parts[1]!.body, contentType, meta.metadata)));
    }
    if (uploadType === "resumable") {
      const uploadId = url.searchParams.get("upload_id");
      if (!uploadId && req.method === "POST") {
        const meta = body.length ? (JSON.parse(body.toString("utf8")) as { name?: string; contentType?: string }) : {};
        const name = meta.name ?? url.searchParams.get("name");
        if (!name) return jsonError(res, 400, "Required parameter: name", "required");
        const id = `upload-${++uploadCounter}`;
        const contentType = meta.contentType ?? String(req.headers["x-upload-content-type"] ?? "");
        resumable.set(id, { bucket, name, contentType, received: Buffer.alloc(0) });
        res.writeHead(200, {
          location: `${baseUrl}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}`,
          "content-length": "0",
        });
        return void res.end();
      }
      const session = uploadId ? resumable.get(uploadId) : undefined;
      if (!session) return jsonError(res, 404, "No such upload session", "notFound");
      // Content-Range: "bytes a-b/total", "bytes a-b/*" (more to come) or "bytes */total" (status query).
      const range = /bytes (\*|(\d+)-(\d+))\/(\*|\d+)/.exec(String(req.headers["content-range"] ?? ""));
      if (range?.[2] !== undefined) session.received = Buffer.concat([session.received, body]);
      else if (!range && body.length) session.received = Buffer.concat([session.received, body]);
      const total = range?.[4] && range[4] !== "*" ? Number(range[4]) : range ? undefined : session.received.length;
      if (total !== undefined && session.received.length >= total) {
        resumable.delete(uploadId!);
        return sendJson(res, 200, resource(store(session.bucket, session.name, session.received, session.contentType)));
      }
      const headers: Record<string, string> = { "content-length": "0" };
      if (session.received.length > 0) headers.range = `bytes=0-${session.received.length - 1}`;
      res.writeHead(308, headers);
      return void res.end();
    }
    return jsonError(res, 400, `Unsupported uploadType "${uploadType}"`, "invalid");
  }

  function handleObject(req: IncomingMessage, res: ServerResponse, url: URL, bucket: string, name: string) {
    if (!buckets.has(bucket)) return jsonError(res, 404, "The specified bucket does not exist.", "notFound");
    const obj = objects.get(objectId(bucket, name));
    const generation = url.searchParams.get("generation");
    const missing = !obj || (generation !== null && String(obj.generation) !== generation);
    if (req.method === "DELETE") {
      if (missing) return jsonError(res, 404, `No such object: ${bucket}/${name}`, "notFound");
      objects.delete(objectId(bucket, name));
      res.writeHead(204);
      return void res.end();
    }
    if (req.method !== "GET") return jsonError(res, 405, "Method not allowed", "methodNotAllowed");
    if (missing) return jsonError(res, 404, `No such object: ${bucket}/${name}`, "notFound");
    if (url.searchParams.get("alt") === "media") return sendMedia(res, obj);
    return sendJson(res, 200, resource(obj));
  }

  /** Verifies a v4 signed URL (GOOG4-RSA-SHA256) the way GCS does, then serves the object. */
  function handleSignedGet(req: IncomingMessage, res: ServerResponse, url: URL) {
    const q = url.searchParams;
    if (q.get("X-Goog-Algorithm") !== "GOOG4-RSA-SHA256") {
      return xmlError(res, 400, "InvalidArgument", "Unsupported or missing X-Goog-Algorithm");
    }
    const credential = q.get("X-Goog-Credential") ?? "";
    const slash = credential.indexOf("/");
    const email = credential.slice(0, slash);
    const scope = credential.slice(slash + 1);
    const key = publicKeys.get(email);
    if (slash < 0 || !key) return xmlError(res, 403, "AccessDenied", `Unknown service account ${email}`);
    const date = q.get("X-Goog-Date") ?? "";
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
    const expiresIn = Number(q.get("X-Goog-Expires"));
    if (!match || !Number.isInteger(expiresIn)) return xmlError(res, 400, "InvalidArgument", "Bad X-Goog-Date/Expires");
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    const signedAt = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    if (signedAt + expiresIn * 1000 < Date.now())
      return xmlError(res, 400, "ExpiredToken", "The provided token has expired.");

    const signedHeaders = (q.get("X-Goog-SignedHeaders") ?? "").split(";");
    const canonicalHeaders = signedHeaders
      .map((header) => {
        // The client library signs the host name without the port.
        const value =
          header === "host" ? (req.headers.host ?? "").replace(/:\d+$/, "") : String(req.headers[header] ?? "");
        return `${header}:${value.trim()}\n`;
      })
      .join("");
    const canonicalQuery = [...q.entries()]
      .filter(([k]) => k !== "X-Goog-Signature")
      .map(([k, v]) => [strictEncode(k), strictEncode(v)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const canonicalPath = url.pathname
      .split("/")
      .map((seg) => strictEncode(decodeURIComponent(seg)))
      .join("/");
    const canonicalRequest = [
      req.method,
      canonicalPath,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders.join(";"),
      "UNSIGNED-PAYLOAD",
    ].join("\n");
    const stringToSign = [
      "GOOG4-RSA-SHA256",
      date,
      scope,
      createHash("sha256").update(canonicalRequest).digest("hex"),
    ].join("\n");
    const signature = Buffer.from(q.get("X-Goog-Signature") ?? "", "hex");
    if (!verify("RSA-SHA256", Buffer.from(stringToSign), key, signature)) {
      return xmlError(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
    }
    const [, bucket, ...rest] = url.pathname.split("/").map(decodeURIComponent);
    const obj = bucket ? objects.get(objectId(bucket, rest.join("/"))) : undefined;
    if (!obj) return xmlError(res, 404, "NoSuchKey", "The specified key does not exist.");
    const disposition = q.get("response-content-disposition");
    sendMedia(res, obj, disposition ? { "content-disposition": disposition } : {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const failure = failures[0];
    if (failure) {
      failure.count = (failure.count ?? 1) - 1;
      if (failure.count <= 0) failures.shift();
      await readBody(req);
      if (failure.rawBody !== undefined) {
        res.writeHead(failure.status, { "content-type": "application/json" });
        return void res.end(failure.rawBody);
      }
      return jsonError(res, failure.status, `Injected failure ${failure.status}`, "backendError");
    }
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (upload && (req.method === "POST" || req.method === "PUT")) {
      return handleUpload(req, res, url, decodeURIComponent(upload[1]!));
    }
    const object = /^\/(?:download\/)?storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (object) {
      await readBody(req);
      return handleObject(req, res, url, decodeURIComponent(object[1]!), decodeURIComponent(object[2]!));
    }
    if (req.method === "GET" && url.searchParams.has("X-Goog-Signature")) return handleSignedGet(req, res, url);
    await readBody(req);
    jsonError(res, 404, `Not found: ${req.method} ${url.pathname}`, "notFound");
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) jsonError(res, 500, String(error), "backendError");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    objects,
    requests,
    failNext: (failure) => failures.push({ ...failure }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
