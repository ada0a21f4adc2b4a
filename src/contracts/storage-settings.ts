import { z } from "zod";

// /api/organization/storage: where an organization's rendered files are kept. Credentials are
// write-only: answers say only whether some are stored.

export const storageProviders = ["LOCAL", "AWS_S3", "GOOGLE_CLOUD", "AZURE_BLOB"] as const;
export const storageProviderSchema = z.enum(storageProviders);
export type StorageProviderId = z.infer<typeof storageProviderSchema>;

export const s3CredentialsSchema = z.object({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1).optional(),
});

/** A Google service-account key (the JSON file's own field names). */
export const gcsCredentialsSchema = z.object({
  client_email: z.string().min(3),
  private_key: z.string().includes("PRIVATE KEY"),
  project_id: z.string().optional(),
});

export const azureCredentialsSchema = z.union([
  z.object({ connectionString: z.string().min(1) }),
  z.object({ accountName: z.string().min(1), accountKey: z.string().min(1) }),
]);

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "validation.url.http");

const optionalHttpUrl = z.preprocess(blankToUndefined, httpUrl.optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** The prefix as the form sends it; the server adds the storage layer's key rules (segments, no ".."). */
export const storagePrefixText = z.string().trim().max(120);

const bucket = z
  .string({ error: "Required" })
  .trim()
  .min(1, "Required")
  .max(222)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "validation.identifier.characters");

/**
 * The storage settings form, one shape per provider, with `prefix` checked by `prefixRule` (the server
 * passes one that also applies its storage-key rules, which need the storage layer). Credentials are
 * optional only because a form that keeps the same provider may leave them blank to keep the stored ones
 * (they are never sent back).
 */
export function storageSettingsInputWith(prefixRule: z.ZodType<string>) {
  const shared = { prefix: z.preprocess(blankToUndefined, prefixRule.optional()), cdnBaseUrl: optionalHttpUrl };
  return z.discriminatedUnion("provider", [
    z.object({ provider: z.literal("LOCAL"), ...shared }),
    z.object({
      provider: z.literal("AWS_S3"),
      bucket,
      region: optionalText(64),
      endpoint: optionalHttpUrl,
      forcePathStyle: z.boolean().optional(),
      credentials: s3CredentialsSchema.optional(),
      ...shared,
    }),
    z.object({
      provider: z.literal("GOOGLE_CLOUD"),
      bucket,
      endpoint: optionalHttpUrl,
      credentials: gcsCredentialsSchema.optional(),
      ...shared,
    }),
    z.object({
      provider: z.literal("AZURE_BLOB"),
      bucket,
      endpoint: optionalHttpUrl,
      credentials: azureCredentialsSchema.optional(),
      ...shared,
    }),
  ]);
}

/** PUT /api/organization/storage (and the form POST /api/organization/storage/test may carry). */
export const storageSettingsInput = storageSettingsInputWith(storagePrefixText);
export type StorageSettingsInput = z.input<typeof storageSettingsInput>;

/** The storage settings as the settings form sees them: never the credentials, only whether some are stored. */
export const storageSettingsViewSchema = z.object({
  source: z.enum(["organization", "platform"]),
  provider: storageProviderSchema,
  bucket: z.string().nullable(),
  region: z.string().nullable(),
  endpoint: z.string().nullable(),
  prefix: z.string().nullable(),
  cdnBaseUrl: z.string().nullable(),
  /** S3 only; null for the other providers. */
  forcePathStyle: z.boolean().nullable(),
  hasCredentials: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type StorageSettingsView = z.infer<typeof storageSettingsViewSchema>;

/** How the platform's default storage is shown to an organization without its own: its provider, no details. */
export function platformStorageView(provider: StorageProviderId): StorageSettingsView {
  return {
    source: "platform",
    provider,
    bucket: null,
    region: null,
    endpoint: null,
    prefix: null,
    cdnBaseUrl: null,
    forcePathStyle: null,
    hasCredentials: false,
    updatedAt: null,
  };
}

/** GET /api/organization/storage */
export const storageSettingsSchema = z.object({ storage: storageSettingsViewSchema });
export type StorageSettings = z.infer<typeof storageSettingsSchema>;

/** PUT and DELETE /api/organization/storage: a move to another place marks the rendered formats stale. */
export const storageSettingsSavedSchema = z.object({
  storage: storageSettingsViewSchema,
  formatsMarkedStale: z.number().int(),
});
export type StorageSettingsSaved = z.infer<typeof storageSettingsSavedSchema>;

export const storageTestSteps = ["configure", "write", "read", "sign", "delete"] as const;
export type StorageTestStep = (typeof storageTestSteps)[number];

/** POST /api/organization/storage/test: a failing bucket is an answer (200), not an HTTP error. */
export const storageConnectionResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), provider: z.string(), latencyMs: z.number() }),
  z.object({
    ok: z.literal(false),
    provider: z.string(),
    step: z.enum(storageTestSteps),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type StorageConnectionResult = z.infer<typeof storageConnectionResultSchema>;
