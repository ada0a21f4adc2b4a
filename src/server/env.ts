import "server-only";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/client-ip";
import { parsePaystackWebhookIps } from "@/server/billing/paystack-webhook-ips";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

/** Every environment variable the app reads, validated once. `.env.example` documents each of them. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5499),
  /** Connections of each process's Prisma pool (default 10 on PostgreSQL, 4 on the embedded database). */
  DATABASE_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).optional()),
  /** How long a request waits for a free pool connection before failing (0 = wait forever). */
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** PostgreSQL cancels any statement running longer than this (0 = no limit; PGlite cannot enforce it). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  DATA_DIR: z.string().default(".data"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  REQUIRE_EMAIL_VERIFICATION: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  SMTP_URL: optionalString,
  /**
   * Where the local outbox exists: `auto` = development or the embedded database, `on` = also production with
   * DATABASE_URL, `off` = nowhere. Only a signed-in SUPER_ADMIN reads it (in development also a loopback client).
   */
  DEV_OUTBOX: z.enum(["auto", "on", "off"]).default("auto"),
  /** Address the web server listens on (`npm start`/`npm run dev` default to 127.0.0.1; 0.0.0.0 exposes it). */
  HOST: optionalString,
  EMAIL_FROM: z.string().default("Scriptorium <no-reply@scriptorium.local>"),
  GITHUB_CLIENT_ID: optionalString,
  GITHUB_CLIENT_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Proxies in front of the app whose X-Forwarded-For entries are believed: 0 (none), a hop count, or CIDRs. */
  TRUSTED_PROXIES: z
    .string()
    .default("0")
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Verification, reset, invitation and "account exists" emails, each, one address may receive per hour. */
  EMAIL_RECIPIENT_LIMIT: z.coerce.number().int().min(1).default(5),
  /** Public API rate limits live in Redis when set (redis://…); otherwise in PostgreSQL. */
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Chapters of one book written at the same time by the generation pipeline. */
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(3),
  /** Books one worker process generates at the same time. */
  GENERATION_PARALLEL_BOOKS: z.coerce.number().int().min(1).max(16).default(2),
  /** A running job whose worker has not checked in for this long is taken over by another worker. */
  GENERATION_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /**
   * How real engines control chapter length: "sections" plans each chapter into sections and writes them to
   * their budgets (continue short, trim long); "single" asks once per chapter (the baseline before sections).
   */
  GENERATION_LENGTH_CONTROL: z.enum(["single", "sections"]).default("sections"),
  /** Longest section, in words, a chapter is split into when writing with sections. */
  GENERATION_SECTION_WORDS: z.coerce.number().int().min(100).max(5000).default(800),
  /** Demo engine: simulated model latency per chapter (tests, benchmarks, demos of live progress). */
  DEMO_ENGINE_CHAPTER_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /** Default OpenAI-compatible provider for organizations without their own settings. */
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  /** Default CrewAI deployment (crew URL and bearer token) for organizations without their own settings. */
  CREWAI_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  CREWAI_TOKEN: optionalString,
  /** LanguageTool server (e.g. http://localhost:8081) for the optional grammar check; the operator's, so loopback is fine. */
  LANGUAGETOOL_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Platform default storage for organizations without their own settings (LOCAL = `<DATA_DIR>/storage`). */
  STORAGE_PROVIDER: z.enum(["LOCAL", "AWS_S3", "GOOGLE_CLOUD", "AZURE_BLOB"]).default("LOCAL"),
  STORAGE_BUCKET: optionalString,
  STORAGE_REGION: optionalString,
  STORAGE_ENDPOINT: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  STORAGE_PREFIX: optionalString,
  STORAGE_CDN_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  STORAGE_FORCE_PATH_STYLE: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).optional()),
  /** Provider credentials as JSON, e.g. {"accessKeyId":"…","secretAccessKey":"…"} (S3). */
  STORAGE_CREDENTIALS: optionalString,
  /** May organizations point storage at loopback/private addresses? `auto` = yes except in production. */
  STORAGE_ALLOW_PRIVATE_ENDPOINTS: z.enum(["auto", "true", "false"]).default("auto"),
  /** May organizations point an AI engine base URL at loopback/private addresses (self-hosted Ollama, vLLM)? */
  ENGINE_ALLOW_PRIVATE_URLS: z.enum(["auto", "true", "false"]).default("auto"),
  /** Lifetime of the signed download URLs handed out by the download route. */
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Paystack billing: secret key (also verifies webhook signatures). Unset = plans cannot be bought (checkout 503). */
  PAYSTACK_SECRET_KEY: optionalString,
  PAYSTACK_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().default("https://api.paystack.co")),
  /** Paystack plan codes (PLN_…) of the paid plans; a plan without a code cannot be bought. */
  PAYSTACK_PLAN_STARTER: optionalString,
  PAYSTACK_PLAN_PRO: optionalString,
  PAYSTACK_PLAN_ENTERPRISE: optionalString,
  /** Currency of the plans (must match the Paystack plans); amounts are in its subunit (kobo for NGN). */
  PAYSTACK_CURRENCY: z.string().length(3).default("NGN"),
  /**
   * Billing mode: "off" lifts every plan gate (self-hosted installations; usage is still measured), "on"
   * applies the plans. Unset: on (plans apply; without PAYSTACK_SECRET_KEY they can only be granted by a
   * platform admin). See docs/decisions/0016-plan-grants-and-billing-off.md.
   */
  BILLING: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).optional()),
  PAYSTACK_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /** Webhook sender allow-list: unset/false = off, true = Paystack's published IPs, or addresses/CIDRs. */
  PAYSTACK_WEBHOOK_IPS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parsePaystackWebhookIps(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: `PAYSTACK_WEBHOOK_IPS: ${(error as Error).message}` });
        }
      }),
  ),
  /** Extra font files or directories for the PDF export (":"-separated), searched besides the system fonts. */
  PDF_FONT_PATHS: optionalString,
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parsed environment; throws a readable error listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

/** Absolute path inside the data directory (embedded database, local storage, generated secret). */
export function dataPath(...parts: string[]): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env().DATA_DIR, ...parts);
}

/**
 * The secret that signs sessions and encrypts stored credentials. Production sets AUTH_SECRET; the
 * embedded default generates one once and keeps it under the data directory so sessions survive restarts.
 */
export function authSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  if (env().NODE_ENV === "production" && env().DATABASE_URL) {
    throw new Error("AUTH_SECRET must be set (32+ characters) when running in production with DATABASE_URL");
  }
  const file = dataPath("auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
