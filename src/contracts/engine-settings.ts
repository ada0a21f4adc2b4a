import { z } from "zod";

// /api/organization/engine: which AI engine new books use and the settings of each engine. Secrets are
// write-only: answers carry only whether one is stored.

/** The writing engines the server knows (src/engines/registry.ts builds one of each). */
export const engineIds = ["demo", "openai-compatible", "crewai"] as const;
export const engineIdSchema = z.enum(engineIds);
export type EngineId = z.infer<typeof engineIdSchema>;

const httpUrl = z
  .string()
  .trim()
  .url("validation.url.full")
  .max(500)
  .refine((v) => /^https?:\/\//i.test(v), "validation.url.scheme");
/** A write-only secret: omitted keeps the stored one, null or "" removes it. */
const secret = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));

/**
 * What the organization pays its provider per 1,000 tokens, prompt and completion, in an ISO 4217 currency:
 * the book estimate (GET /api/books/estimate) turns its token counts into a cost with it.
 */
export const enginePricingSchema = z.object({
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, "validation.pricing.currency")),
  promptPer1k: z
    .number("validation.pricing.price")
    .finite()
    .min(0, "validation.pricing.price")
    .max(1000, "validation.pricing.price"),
  completionPer1k: z
    .number("validation.pricing.price")
    .finite()
    .min(0, "validation.pricing.price")
    .max(1000, "validation.pricing.price"),
});
export type EnginePricing = z.output<typeof enginePricingSchema>;

/** PUT /api/organization/engine: sections left out stay as they are, a null section is cleared. */
export const updateEngineSettingsInput = z.object({
  defaultEngine: engineIdSchema,
  openaiCompatible: z
    .object({
      baseUrl: httpUrl.nullable().optional(),
      model: z.string().trim().min(1).max(200).nullable().optional(),
      temperature: z.number().min(0).max(2).nullable().optional(),
      apiKey: secret,
      /** Omitted keeps the saved prices, null removes them. */
      pricing: enginePricingSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
  crewai: z
    .object({
      baseUrl: httpUrl.nullable().optional(),
      token: secret,
    })
    .nullable()
    .optional(),
});
export type UpdateEngineSettingsInput = z.input<typeof updateEngineSettingsInput>;

/** GET and PUT /api/organization/engine */
export const engineSettingsSchema = z.object({
  settings: z.object({
    defaultEngine: engineIdSchema,
    openaiCompatible: z.object({
      baseUrl: z.string().nullable(),
      model: z.string().nullable(),
      temperature: z.number().nullable(),
      hasApiKey: z.boolean(),
      pricing: z.object({ currency: z.string(), promptPer1k: z.number(), completionPer1k: z.number() }).nullable(),
      /** The server's environment configures this engine for organizations without their own settings. */
      environmentDefault: z.boolean(),
    }),
    crewai: z.object({
      baseUrl: z.string().nullable(),
      hasToken: z.boolean(),
      environmentDefault: z.boolean(),
    }),
  }),
  engines: z.array(
    z.object({
      id: engineIdSchema,
      label: z.string(),
      isDemo: z.boolean(),
      /** The engine can run for this organization now (its settings or the environment's are complete). */
      configured: z.boolean(),
    }),
  ),
});
export type EngineSettingsView = z.infer<typeof engineSettingsSchema>;
