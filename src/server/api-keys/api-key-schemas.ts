import { z } from "zod";
import { type ApiScope, scopePermissions } from "@/server/auth/permissions";

export const apiScopes = Object.keys(scopePermissions) as [ApiScope, ...ApiScope[]];
export const apiScopeSchema = z.enum(apiScopes);
export const apiKeyName = z.string().trim().min(1, "Name the key").max(80, "Use at most 80 characters");
/** Requests per minute; one bucket per key and minute. */
export const apiKeyRateLimit = z.number().int().min(1).max(100_000);
export const apiKeyScopes = z
  .array(apiScopeSchema)
  .min(1, "Choose at least one scope")
  .transform((scopes) => [...new Set(scopes)].sort());

/** Public shape of a key in lists and responses: never the secret nor its hash. */
export const apiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  rateLimit: z.number().int(),
  status: z.enum(["active", "revoked", "expired"]),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummary>;

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
