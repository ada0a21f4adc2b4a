import "server-only";
import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Every secret starts with this, so leaked keys are recognisable by secret scanners. */
export const API_KEY_MARKER = "sk_live_";
/** Random characters after the marker: 40 base62 characters ≈ 238 bits. */
const SECRET_LENGTH = 40;
/** Characters of the secret shown in lists (marker + 4) so owners can tell their keys apart. */
const PREFIX_LENGTH = API_KEY_MARKER.length + 4;

/** The stored form of a secret: only its SHA-256 hash is kept, so a database leak reveals no usable key. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Draws uniform base62 characters (rejection sampling: bytes ≥ 248 would bias the alphabet). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new API key: the secret (shown once), its hash (stored) and the visible prefix (stored, listed). */
export function generateApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = `${API_KEY_MARKER}${randomBase62(SECRET_LENGTH)}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, PREFIX_LENGTH) };
}

/** True when a string has the shape of one of our secrets (cheap check before touching the database). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_MARKER) && /^[0-9A-Za-z]+$/.test(value.slice(API_KEY_MARKER.length));
}
