import "server-only";
import type { ApiKeySummary, apiScopes } from "@/contracts/api-keys";
import type { ApiScope } from "@/server/auth/permissions";

// The contract lists the scopes for the UI; the server's scopePermissions decide what each grants. This
// fails to compile when one side gains a scope the other lacks.
type SameScopes = [ApiScope] extends [(typeof apiScopes)[number]]
  ? [(typeof apiScopes)[number]] extends [ApiScope]
    ? true
    : false
  : false;
export const contractScopesMatchPermissions: SameScopes = true;

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimit: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy?: { id: string; name: string; email: string } | null;
}

/** Serialises a stored key for clients (ISO dates, derived status). */
export function toApiKeySummary(row: ApiKeyRow, now = new Date()): ApiKeySummary {
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    rateLimit: row.rateLimit,
    status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ?? null,
  };
}

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  rateLimit: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;
