/** The API key forms' plain logic: expiry choices and the client-side checks, from the contract's rules. */
import {
  type ApiScope,
  apiKeyNameSchema,
  apiKeyRateLimitSchema,
  apiKeyScopesSchema,
  apiScopes,
} from "@/contracts/api-keys";
import type { MessageKey, Translate } from "@/i18n/translate";

export const expiryOptions = ["never", "d30", "d90", "y1"] as const;
export type ExpiryOption = (typeof expiryOptions)[number];

export const isExpiryOption = (value: string): value is ExpiryOption =>
  (expiryOptions as readonly string[]).includes(value);

const dayMs = 24 * 60 * 60 * 1000;

/** The expiry date a choice means, from `now`; null = never. */
export function expiryDate(option: ExpiryOption, now = new Date()): string | null {
  if (option === "never") return null;
  const days = option === "d30" ? 30 : option === "d90" ? 90 : 365;
  return new Date(now.getTime() + days * dayMs).toISOString();
}

export const isApiScope = (scope: string): scope is ApiScope => (apiScopes as readonly string[]).includes(scope);

/** The fields a key's form edits besides its expiry (the ones PATCH /api/organization/api-keys/:id accepts). */
export type ApiKeyFields = { name: string; scopes: ApiScope[]; rateLimit: string };

/**
 * What is wrong with a key's fields before anything is sent, as message keys per field. The checks are
 * the contract's schemas (src/contracts/api-keys.ts), so the browser and the server apply the same rules.
 */
export function apiKeyFieldProblems(fields: ApiKeyFields): Partial<Record<keyof ApiKeyFields, MessageKey>> {
  const problems: Partial<Record<keyof ApiKeyFields, MessageKey>> = {};
  const name = apiKeyNameSchema.safeParse(fields.name);
  if (!name.success) {
    problems.name =
      name.error.issues[0]?.code === "too_big" ? "settingsExtra.apiKeys.nameTooLong" : "validation.required";
  }
  if (!apiKeyScopesSchema.safeParse(fields.scopes).success) problems.scopes = "settingsExtra.apiKeys.scopesRequired";
  // An empty input is 0 for Number(), which the contract's minimum refuses, as it refuses NaN and fractions.
  if (!apiKeyRateLimitSchema.safeParse(Number(fields.rateLimit)).success) {
    problems.rateLimit = "settingsExtra.apiKeys.rateLimitInvalid";
  }
  return problems;
}

/** The field errors to show, translated, or null when the fields may be sent. */
export function apiKeyFieldErrors(fields: ApiKeyFields, t: Translate): Record<string, string> | null {
  const problems = Object.entries(apiKeyFieldProblems(fields));
  return problems.length > 0 ? Object.fromEntries(problems.map(([field, key]) => [field, t(key)])) : null;
}
