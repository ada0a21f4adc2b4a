import "server-only";
import { AppError } from "@/server/errors";

const KIB = 1024;

/**
 * The body cap of every JSON route that does not name its own. The largest ordinary input is a chapter
 * reorder (500 ids of up to 64 characters) or a book's details (≈5,000 characters): even with every
 * character sent as a 6-byte `\uXXXX` escape that stays under 200 KiB, and 256 KiB per request keeps a burst
 * of concurrent requests from holding more than a few megabytes.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * KIB;

/** Cap of better-auth's endpoints: unauthenticated, and their fields (name, email, password, URLs) are short. */
export const AUTH_BODY_LIMIT_BYTES = 64 * KIB;

/** Paystack's events are a few kilobytes of JSON: the default cap leaves ample room. */
export const PAYSTACK_WEBHOOK_LIMIT_BYTES = DEFAULT_BODY_LIMIT_BYTES;

/**
 * CrewAI's final delivery carries the whole book: at most 200,000 words (≈1.3 MB of text), 8 MiB even if
 * every character came `\uXXXX`-escaped.
 */
export const CREWAI_WEBHOOK_LIMIT_BYTES = 8 * 1024 * KIB;

/**
 * The body cap of a JSON route whose largest field holds `maxCharacters` characters: 6 bytes each (the
 * longest JSON encoding of one UTF-16 unit, `\uXXXX`) plus the default allowance for the other fields.
 */
export function jsonBodyLimitFor(maxCharacters: number): number {
  return maxCharacters * 6 + DEFAULT_BODY_LIMIT_BYTES;
}

/** "256 KiB", "1.4 MiB": the limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * KIB) return `${Math.floor(bytes / KIB)} KiB`;
  return `${(bytes / (1024 * KIB)).toFixed(1).replace(/\.0$/, "")} MiB`;
}

export function payloadTooLarge(limitBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than the ${formatBytes(limitBytes)} limit`);
}

/**
 * Reads a request body of at most `limitBytes`, or throws 413 PAYLOAD_TOO_LARGE: at once when the declared
 * Content-Length is over the limit (nothing is read), otherwise as soon as the streamed bytes pass it
 * (chunked bodies declare no length), cancelling the rest of the upload.
 */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > limitBytes) {
    throw payloadTooLarge(limitBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** `readBodyBytes` decoded as UTF-8 (like `request.text()`, but capped). */
export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limitBytes));
}
