import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** How long a book invitation link stays valid. */
export const BOOK_INVITATION_TTL_DAYS = 14;

/** The stored form of a link's token: only its SHA-256, so a database leak opens no book. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new single-use link token (256 random bits, URL-safe), its hash, and when it expires. */
export function newInvitationToken(now: Date = new Date()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashInvitationToken(token),
    expiresAt: new Date(now.getTime() + BOOK_INVITATION_TTL_DAYS * 24 * 3600_000),
  };
}
