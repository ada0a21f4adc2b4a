import "server-only";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/secret-box";
import { getEngine, isEngineId, listEngines } from "@/engines/registry";
import { EngineError, type EngineId, engineIds, type WritingEngine } from "@/engines/writing-engine";
import { authSecret, env } from "@/server/env";
import { AppError } from "@/server/errors";
import { privateEndpointsAllowed } from "@/server/private-endpoints";

/**
 * An organization's AI engine configuration: which engine new books use by default, and the non-secret
 * settings of each engine in Organization.engineSettings; the API key / crew token live encrypted in
 * Organization.engineSecretEncrypted (bound to the organization id) and are never returned to clients.
 * Without their own settings, organizations use the provider configured by the environment, if any.
 */

const positiveInt = z.number().int().min(0);

/** What Organization.engineSettings holds (read leniently: unknown keys are ignored). */
export const storedEngineSettingsSchema = z.object({
  defaultEngine: z.enum(engineIds).optional(),
  openaiCompatible: z
    .object({
      baseUrl: z.string().url().optional(),
      model: z.string().min(1).optional(),
      temperature: z.number().min(0).max(2).optional(),
      timeoutMs: z.number().int().min(100).optional(),
      maxRetries: z.number().int().min(0).max(10).optional(),
      retryBaseDelayMs: positiveInt.optional(),
      jsonMode: z.boolean().optional(),
      /** Prices per 1k tokens for the book estimate; never sent to the provider (the engine ignores it). */
      pricing: z
        .object({ currency: z.string().length(3), promptPer1k: z.number().min(0), completionPer1k: z.number().min(0) })
        .optional(),
    })
    .optional(),
  crewai: z
    .object({
      baseUrl: z.string().url().optional(),
      pollIntervalMs: z.number().int().min(1).optional(),
      runTimeoutMs: z.number().int().min(1).optional(),
      requestTimeoutMs: z.number().int().min(100).optional(),
      maxRetries: z.number().int().min(0).max(10).optional(),
      retryBaseDelayMs: positiveInt.optional(),
    })
    .optional(),
  demo: z
    .object({
      delayMsPerChapter: positiveInt.optional(),
      tokenDelayMs: positiveInt.optional(),
      outlineDelayMs: positiveInt.optional(),
    })
    .optional(),
});
export type StoredEngineSettings = z.infer<typeof storedEngineSettingsSchema>;

/** The secrets, encrypted as one JSON document. */
export const engineSecretsSchema = z.object({
  openaiApiKey: z.string().min(1).optional(),
  crewaiToken: z.string().min(1).optional(),
});
export type EngineSecrets = z.infer<typeof engineSecretsSchema>;

const secretContext = (organizationId: string) => `engine-settings:${organizationId}`;

/** Encrypts the engine secrets for Organization.engineSecretEncrypted (null when there are none). */
export function encryptEngineSecrets(organizationId: string, secrets: EngineSecrets): string | null {
  if (!secrets.openaiApiKey && !secrets.crewaiToken) return null;
  return encryptSecret(JSON.stringify(secrets), authSecret(), secretContext(organizationId));
}

/** Decrypts the stored engine secrets; a value that cannot be decrypted reads as "no secrets". */
export function decryptEngineSecrets(organizationId: string, encrypted: string | null | undefined): EngineSecrets {
  if (!encrypted) return {};
  try {
    return engineSecretsSchema.parse(JSON.parse(decryptSecret(encrypted, authSecret(), secretContext(organizationId))));
  } catch {
    return {};
  }
}

/** Parses Organization.engineSettings, ignoring a malformed document rather than breaking every book. */
export function readStoredEngineSettings(raw: unknown): StoredEngineSettings {
  const parsed = storedEngineSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

export interface OrganizationEngineRow {
  id: string;
  engineSettings: unknown;
  engineSecretEncrypted: string | null;
}

/**
 * The settings object `getEngine(id, settings)` needs for this organization: its own settings, else the
 * environment's provider. The environment's key is only ever sent to the environment's URL, never to a
 * base URL an organization typed in.
 */
export function engineSettingsFor(org: OrganizationEngineRow, engineId: EngineId): Record<string, unknown> {
  const stored = readStoredEngineSettings(org.engineSettings);
  const secrets = decryptEngineSecrets(org.id, org.engineSecretEncrypted);
  const e = env();
  // An organization's own URL goes through the SSRF guard at connect time; the environment's is the operator's.
  const guard = (ownUrl: string | undefined) =>
    ownUrl && !privateEndpointsAllowed(e.ENGINE_ALLOW_PRIVATE_URLS) ? { refusePrivateAddresses: true } : {};
  switch (engineId) {
    case "demo": {
      const delay = stored.demo?.delayMsPerChapter ?? (e.DEMO_ENGINE_CHAPTER_DELAY_MS || undefined);
      return { ...stored.demo, ...(delay !== undefined ? { delayMsPerChapter: delay } : {}) };
    }
    case "openai-compatible": {
      // Prices are for the estimate only: the engine never sees them.
      const { pricing: _pricing, ...own } = stored.openaiCompatible ?? {};
      const baseUrl = own.baseUrl ?? e.OPENAI_BASE_URL;
      const apiKey = secrets.openaiApiKey ?? (own.baseUrl ? undefined : e.OPENAI_API_KEY);
      return {
        ...own,
        baseUrl,
        model: own.model ?? e.OPENAI_MODEL,
        ...(apiKey ? { apiKey } : {}),
        ...guard(own.baseUrl),
      };
    }
    case "crewai": {
      const own = stored.crewai ?? {};
      const baseUrl = own.baseUrl ?? e.CREWAI_BASE_URL;
      const token = secrets.crewaiToken ?? (own.baseUrl ? undefined : e.CREWAI_TOKEN);
      return { ...own, baseUrl, ...(token ? { token } : {}), ...guard(own.baseUrl) };
    }
  }
}

/** The organization's default engine for new books ("demo" unless it chose another). */
export function defaultEngineOf(org: OrganizationEngineRow): EngineId {
  return readStoredEngineSettings(org.engineSettings).defaultEngine ?? "demo";
}

/** Builds the engine for a book of this organization; throws ENGINE_NOT_CONFIGURED (400) naming the problem. */
export function resolveEngine(org: OrganizationEngineRow, engineId: string): WritingEngine {
  if (!isEngineId(engineId)) {
    throw new AppError("ENGINE_NOT_CONFIGURED", `Unknown AI engine "${engineId}"`, { field: "engine" });
  }
  try {
    return getEngine(engineId, engineSettingsFor(org, engineId));
  } catch (error) {
    if (error instanceof EngineError) throw new AppError("ENGINE_NOT_CONFIGURED", error.message, { field: "engine" });
    throw error;
  }
}

/** Label and demo flag of an engine id, for API responses. */
export function engineInfo(engineId: string): { id: string; label: string; isDemo: boolean } {
  const listing = listEngines().find((e) => e.id === engineId);
  return { id: engineId, label: listing?.label ?? engineId, isDemo: listing?.isDemo ?? false };
}
