import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * True when `signature` (the x-paystack-signature header) is the HMAC-SHA512 hex digest of the exact raw
 * body bytes under the secret key. Compared in constant time; anything malformed is simply false.
 */
export function verifyPaystackSignature(
  rawBody: Uint8Array | string,
  signature: string | null,
  secretKey: string,
): boolean {
  if (!signature || !/^[0-9a-fA-F]{128}$/.test(signature.trim())) return false;
  const expected = createHmac("sha512", secretKey).update(rawBody).digest();
  const given = Buffer.from(signature.trim(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
