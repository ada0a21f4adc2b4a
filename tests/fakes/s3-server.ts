// An S3-compatible server for tests: s3rver (from npm) stores the objects, behind a loopback front that
// verifies AWS Signature V4 (header and presigned query) because s3rver itself accepts any V4 signature.
// Both listen on 127.0.0.1 with random ports; the temp directory is removed on close.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export interface LocalS3Server {
  /** The verifying front; give this to the S3 client as `endpoint`. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

// s3rver only knows this key pair; the front checks signatures against the same secret.
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Raw query pairs, decoded, in order (URLSearchParams would turn "+" into a space). */
function queryPairs(search: string): [string, string][] {
  if (!search) return [];
  return search.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const k = eq === -1 ? pair : pair.slice(0, eq);
    const v = eq === -1 ? "" : pair.slice(eq + 1);
    return [decodeURIComponent(k), decodeURIComponent(v)];
  });
}

interface SigV4Parts {
  accessKeyId: string;
  scope: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  query: [string, string][];
  expiresAt?: number;
}

/** Reads the SigV4 fields from the Authorization header or the presigned query; null if unsigned/malformed. */
function readSignature(req: IncomingMessage, pairs: [string, string][], body: Buffer): SigV4Parts | string {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
      auth,
    );
    if (!m) return "Unsupported Authorization header";
    const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
    if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256Hex(body)) {
      return "x-amz-content-sha256 does not match the body";
    }
    return {
      accessKeyId: m[1]!,
      scope: m[2]!,
      signedHeaders: m[3]!.split(";"),
      signature: m[4]!,
      amzDate: String(req.headers["x-amz-date"] ?? ""),
      payloadHash,
      query: pairs,
    };
  }
  const q = new Map(pairs);
  if (q.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return "Missing or unsupported X-Amz-Algorithm";
  const credential = q.get("X-Amz-Credential") ?? "";
  const slash = credential.indexOf("/");
  const amzDate = q.get("X-Amz-Date") ?? "";
  const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (slash < 0 || !d) return "Malformed X-Amz-Credential or X-Amz-Date";
  const [, y, mo, day, h, mi, s] = d.map(Number) as number[];
  return {
    accessKeyId: credential.slice(0, slash),
    scope: credential.slice(slash + 1),
    signedHeaders: (q.get("X-Amz-SignedHeaders") ?? "").split(";"),
    signature: q.get("X-Amz-Signature") ?? "",
    amzDate,
    payloadHash: q.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD",
    query: pairs.filter(([k]) => k !== "X-Amz-Signature"),
    expiresAt: Date.UTC(y!, mo! - 1, day!, h!, mi!, s!) + Number(q.get("X-Amz-Expires")) * 1000,
  };
}

function expectedSignature(req: IncomingMessage, pathname: string, parts: SigV4Parts): string {
  const canonicalPath = pathname
    .split("/")
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join("/");
  const canonicalQuery = parts.query
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = parts.signedHeaders
    .map((name) => {
      const raw = req.headers[name];
      const value = Array.isArray(raw) ? raw.join(",") : String(raw ?? "");
      return `${name}:${value.trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const canonicalRequest = [
    req.method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", parts.amzDate, parts.scope, sha256Hex(canonicalRequest)].join("\n");
  const [date, region, service] = parts.scope.split("/") as [string, string, string];
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET_ACCESS_KEY}`, date), region), service), "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

/** Runs s3rver with the given buckets behind a SigV4-verifying front. */
export async function startS3Server(buckets: string[]): Promise<LocalS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "s3rver-"));
  const backend = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    // Path-style only: virtual-host buckets would need DNS names for 127.0.0.1.
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const backendPort = (await backend.run()).port;

  const front = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const rawUrl = req.url ?? "/";
      const queryIndex = rawUrl.indexOf("?");
      const pathname = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
      const pairs = queryPairs(queryIndex === -1 ? "" : rawUrl.slice(queryIndex + 1));
      const parts = readSignature(req, pairs, body);
      if (typeof parts === "string") return s3Error(res, 403, "AccessDenied", parts);
      if (parts.accessKeyId !== ACCESS_KEY_ID) {
        return s3Error(
          res,
          403,
          "InvalidAccessKeyId",
          "The AWS Access Key Id you provided does not exist in our records.",
        );
      }
      const expected = Buffer.from(expectedSignature(req, pathname, parts));
      const given = Buffer.from(parts.signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return s3Error(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
      }
      if (parts.expiresAt !== undefined && parts.expiresAt < Date.now()) {
        return s3Error(res, 403, "AccessDenied", "Request has expired");
      }
      const upstream = request(
        { host: "127.0.0.1", port: backendPort, method: req.method, path: rawUrl, headers: req.headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      upstream.on("error", (error) => s3Error(res, 502, "BadGateway", String(error)));
      upstream.end(body);
    } catch (error) {
      if (!res.headersSent) s3Error(res, 500, "InternalError", String(error));
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));

  return {
    endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    close: async () => {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await backend.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
