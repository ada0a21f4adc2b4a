/** Client views of /api/organization/api-keys (the secret only ever arrives in the creation response). */
import type { MessageKey } from "@/i18n/translate";

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

/** The fields a key's form edits besides its expiry (the ones PATCH /api/organization/api-keys/:id accepts). */
export type ApiKeyFields = { name: string; scopes: ApiScope[]; rateLimit: string };

/**
 * What is wrong with a key's fields before anything is sent, as message keys per field (the same rules as
 * src/server/api-keys/api-key-schemas.ts; the server still decides).
 */
export function apiKeyFieldProblems(fields: ApiKeyFields): Partial<Record<keyof ApiKeyFields, MessageKey>> {
  const problems: Partial<Record<keyof ApiKeyFields, MessageKey>> = {};
  const name = fields.name.trim();
  if (!name) problems.name = "validation.required";
  else if (name.length > 80) problems.name = "settingsExtra.apiKeys.nameTooLong";
  if (fields.scopes.length === 0) problems.scopes = "settingsExtra.apiKeys.scopesRequired";
  const limit = Number(fields.rateLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    problems.rateLimit = "settingsExtra.apiKeys.rateLimitInvalid";
  return problems;
}
