import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Fixed salt/info so the same app secret always yields the same key, and a key derived for this purpose
// is never the one that signs sessions.
const HKDF_SALT = "scriptorium/secret-box";
const HKDF_INFO = "aes-256-gcm v1";

/** Thrown when a ciphertext is malformed, from another version, tampered with, or sealed with another secret. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

function deriveKey(appSecret: string): Buffer {
  if (typeof appSecret !== "string" || appSecret.length < 16) {
    throw new SecretBoxError("The application secret used for encryption must be at least 16 characters");
  }
  return Buffer.from(hkdfSync("sha256", appSecret, HKDF_SALT, HKDF_INFO, 32));
}

/**
 * Encrypts a secret for storage (AES-256-GCM, key derived from the app secret with HKDF-SHA256) as
 * `v1:<iv>:<tag>:<data>` in base64url. `context` (e.g. the organization id) is bound as associated data,
 * so a ciphertext copied to another row fails to decrypt.
 */
export function encryptSecret(plaintext: string, appSecret: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(":");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decrypts what `encryptSecret` produced with the same secret and context; throws SecretBoxError otherwise. */
export function decryptSecret(ciphertext: string, appSecret: string, context = ""): string {
  const parts = typeof ciphertext === "string" ? ciphertext.split(":") : [];
  if (parts.length !== 4) throw new SecretBoxError("Encrypted secret is malformed (expected v1:<iv>:<tag>:<data>)");
  const [version, ivText, tagText, dataText] = parts as [string, string, string, string];
  if (version !== VERSION) throw new SecretBoxError(`Unsupported encrypted secret version "${version}"`);
  if (![ivText, tagText, dataText].every((p) => BASE64URL.test(p))) {
    throw new SecretBoxError("Encrypted secret is malformed (not base64url)");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError("Encrypted secret is malformed (bad IV or tag length)");
  }
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("Encrypted secret could not be decrypted: wrong secret, wrong context, or tampered data");
  }
}
