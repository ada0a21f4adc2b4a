import { z } from "zod";
import { isoDate } from "./common";

// /api/organization/api-keys: an organization's keys for the public API (v1). The secret is in the
// creation answer only; lists carry the visible prefix.

/** The scopes a key may be granted (the server maps each to its actions: src/server/auth/permissions.ts). */
export const apiScopes = ["books:read", "books:write"] as const;
export const apiScopeSchema = z.enum(apiScopes);
export type ApiScope = z.infer<typeof apiScopeSchema>;

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, "validation.apiKey.nameRequired")
  .max(80, "validation.length.max80");
/** Requests per minute; one bucket per key and minute. */
export const apiKeyRateLimitSchema = z.number().int().min(1).max(100_000);
export const apiKeyScopesSchema = z
  .array(apiScopeSchema)
  .min(1, "validation.apiKey.scopeRequired")
  .transform((scopes) => [...new Set(scopes)].sort());

/** POST /api/organization/api-keys */
export const createApiKeyInput = z.object({
  name: apiKeyNameSchema,
  scopes: apiKeyScopesSchema,
  rateLimit: apiKeyRateLimitSchema.default(60),
  /** When the key stops working (ISO date-time); omitted or null = never. */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** PATCH /api/organization/api-keys/:keyId: only what changes. */
export const updateApiKeyInput = z
  .object({ name: apiKeyNameSchema, scopes: apiKeyScopesSchema, rateLimit: apiKeyRateLimitSchema })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "validation.update.empty" });
export type UpdateApiKeyInput = z.input<typeof updateApiKeyInput>;

export const apiKeyStatusSchema = z.enum(["active", "revoked", "expired"]);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

/** A key in lists and answers: never the secret nor its hash. */
export const apiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  rateLimit: z.number().int(),
  status: apiKeyStatusSchema,
  expiresAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  createdAt: isoDate,
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

/** GET /api/organization/api-keys: newest first, revoked and expired keys included. */
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySummarySchema) });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

/** POST /api/organization/api-keys (201): the secret, shown this once. */
export const createdApiKeySchema = z.object({ apiKey: apiKeySummarySchema, secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** PATCH /api/organization/api-keys/:keyId */
export const updatedApiKeySchema = z.object({ apiKey: apiKeySummarySchema });
export type UpdatedApiKey = z.infer<typeof updatedApiKeySchema>;
