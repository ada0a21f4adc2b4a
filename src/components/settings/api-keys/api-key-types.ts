/** Client views of /api/organization/api-keys (the secret only ever arrives in the creation response). */
export type ApiKeyStatus = "active" | "revoked" | "expired";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimit: number;
  status: ApiKeyStatus;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  createdBy: { id: string; name: string; email: string } | null;
};

/** The scopes a key may be granted (src/server/auth/permissions.ts `scopePermissions`). */
export const apiScopes = ["books:read", "books:write"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const expiryOptions = ["never", "d30", "d90", "y1"] as const;
export type ExpiryOption = (typeof expiryOptions)[number];

const dayMs = 24 * 60 * 60 * 1000;

/** The expiry date a choice means, from `now`; null = never. */
export function expiryDate(option: ExpiryOption, now = new Date()): string | null {
  if (option === "never") return null;
  const days = option === "d30" ? 30 : option === "d90" ? 90 : 365;
  return new Date(now.getTime() + days * dayMs).toISOString();
}
