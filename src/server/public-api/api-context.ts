import "server-only";
import type { OrgRole, Plan } from "@/generated/prisma/enums";
import { looksLikeApiKey, hashApiKey } from "@/server/api-keys/api-key-secret";
import { orgContext } from "@/server/auth/org-context";
import { activeGrantPlanSql, billingOff } from "@/server/billing/effective-plan";
import { planIncludes, plans, upgradeFor } from "@/server/billing/plans";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { requestMeta } from "@/server/http/request-meta";
import { apiSql } from "./api-sql";
import { createKeyHitBatcher } from "./key-hit-batcher";
import { COUNTING_CTES, countingParams } from "./postgres-rate-limiter";
import { type RateLimiter, type RateLimitResult, rateLimitResult, rateLimitWindow } from "./rate-limit-window";
import { rateLimiter } from "./rate-limiter";

/** Requests per minute allowed to a browser session calling /api/v1 (API keys carry their own limit). */
export const SESSION_RATE_LIMIT = 300;
/** lastUsedAt is written at most once per this interval per key (a write per request would be wasteful). */
const LAST_USED_THROTTLE_MS = 60_000;

/** A v1 request's context: the usual Ctx plus whom to rate-limit, and how much. */
export interface ApiCtx extends Ctx {
  rateLimit: { subject: string; limit: number };
}

// Dates as epoch milliseconds: timestamps are stored as UTC without a zone, and this sidesteps how
// each driver would interpret them. The plan is the effective one (billing/effective-plan.ts) bar
// BILLING=off: the higher of the paid plan and the active grant's (PostgreSQL orders enums as declared).
const KEY_COLUMNS = `
  k.id, k."organizationId", k."createdById", k.scopes, k."rateLimit",
  (extract(epoch FROM k."expiresAt") * 1000)::float8 AS "expiresAt",
  (extract(epoch FROM k."lastUsedAt") * 1000)::float8 AS "lastUsedAt",
  (k."revokedAt" IS NOT NULL) AS revoked, m.role::text AS role,
  GREATEST(o.plan, ${activeGrantPlanSql("o.id")})::text AS plan
  FROM "ApiKey" k
  JOIN "Organization" o ON o.id = k."organizationId"
  LEFT JOIN "OrganizationMember" m ON m."organizationId" = k."organizationId" AND m."userId" = k."createdById"`;

const KEY_SQL = `SELECT ${KEY_COLUMNS} WHERE k."keyHash" = $1`;

// The key, its organization's plan and its creator's current role, and — only when the key can be used
// (the same conditions usableKey() checks below) — $9 requests counted in the rate-limit window and the
// allowed ones metered: one round trip for what v1 calls need before they can run (see keyHits below).
const KEY_HIT_SQL = `
  WITH key AS (SELECT ${KEY_COLUMNS} WHERE k."keyHash" = $5),
  subject AS (
    SELECT 'key:' || key.id || ':' || $6::text AS bucket, key."rateLimit" AS "limit",
           key."organizationId" AS meter, $9::int AS n
    FROM key
    WHERE NOT key.revoked AND (key."expiresAt" IS NULL OR key."expiresAt" > $7::float8)
      AND key."createdById" IS NOT NULL AND key.role IS NOT NULL AND key.plan = ANY($8::text[])
  ),
  ${COUNTING_CTES}
  SELECT key.*, (SELECT "count" FROM hit) AS "count" FROM key`;

/** The plans whose organizations may call the API (what `key.plan = ANY(…)` above checks). */
const API_PLANS = (Object.keys(plans) as Plan[]).filter((plan) => planIncludes(plan, "apiAccess"));
/** Every plan may call the API while BILLING=off. */
const apiPlans = () => (billingOff() ? (Object.keys(plans) as Plan[]) : API_PLANS);

// The process's key statements, batched per key under concurrency (group commit, see key-hit-batcher.ts).
const keyHits = createKeyHitBatcher<KeyRow>(async (keyHash, n, now) => {
  const rows = await apiSql()<KeyRow & { count: number | null }>(
    KEY_HIT_SQL,
    [...countingParams(now), keyHash, String(rateLimitWindow("", now).start.getTime()), now.getTime(), apiPlans(), n],
    "scriptorium_api_key_hit",
  );
  const row = rows[0];
  if (row && row.count !== null) await touchKey(row, now); // counted means usable: once for the batch
  return { row, count: row?.count ?? null };
});

interface KeyRow {
  id: string;
  organizationId: string;
  createdById: string | null;
  scopes: string[];
  rateLimit: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revoked: boolean;
  role: OrgRole | null;
  plan: Plan;
}

const missingKey = () =>
  new AppError("INVALID_API_KEY", "Send an API key as `Authorization: Bearer sk_live_…` (or sign in)", {
    details: { hint: "Create keys in Settings → API keys" },
  });

/** The secret of an `Authorization: Bearer` header; null without the header (a browser session then). */
function bearerSecret(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AppError("INVALID_API_KEY", "The Authorization header must be `Bearer <API key>`");
  return match[1]!;
}

/**
 * Authenticates a v1 request — a Bearer API key (acting with its creator's current role in the key's
 * organization, limited to its scopes) or, without an Authorization header, the browser session — and
 * counts it against its rate limit (metering it as API_CALLS when it is allowed). With an API key on the
 * PostgreSQL limiter both take one statement (KEY_HIT_SQL), shared by the calls of the same key that
 * arrive while one is in flight; sessions and the Redis limiter authenticate first, then count.
 */
export async function apiAccess(
  request: Request,
  limiter: RateLimiter = rateLimiter(),
  now = new Date(),
): Promise<{ ctx: ApiCtx; limit: RateLimitResult }> {
  const secret = bearerSecret(request);
  if (secret !== null && limiter.kind === "postgres") {
    if (!looksLikeApiKey(secret)) throw new AppError("INVALID_API_KEY", "This API key is not valid");
    const hit = await keyHits.hit(hashApiKey(secret), now);
    const key = usableKey(hit.row, hit.now);
    // The statement counts exactly the keys usableKey() accepts; anything else is a bug, never a free call.
    if (hit.count === null) throw new Error(`API key ${key.id} passed the checks but was not counted`);
    const window = rateLimitWindow("", hit.now);
    return { ctx: keyContext(key, request), limit: rateLimitResult(hit.count, key.rateLimit, window.resetAt) };
  }
  const ctx = secret === null ? await sessionContext(request) : await apiKeyContext(secret, request, now);
  const limit = await limiter.hit(ctx.rateLimit.subject, ctx.rateLimit.limit, {
    meter: ctx.actor.organizationId,
    now,
  });
  return { ctx, limit };
}

async function sessionContext(request: Request): Promise<ApiCtx> {
  if (!request.headers.get("cookie")) throw missingKey();
  let ctx: Awaited<ReturnType<typeof orgContext>>;
  try {
    ctx = await orgContext(request);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") throw missingKey();
    throw error;
  }
  return {
    db: ctx.db,
    meta: ctx.meta,
    actor: ctx.actor,
    rateLimit: { subject: `session:${ctx.actor.organizationId}:${ctx.actor.userId}`, limit: SESSION_RATE_LIMIT },
  };
}

/** Builds the context of an API key secret, or throws the 401 that says why it cannot be used. */
export async function apiKeyContext(secret: string, request: Request, now = new Date()): Promise<ApiCtx> {
  if (!looksLikeApiKey(secret)) throw new AppError("INVALID_API_KEY", "This API key is not valid");
  // One round trip: the key, its organization's plan and its creator's current membership there.
  const rows = await apiSql()<KeyRow>(KEY_SQL, [hashApiKey(secret)], "scriptorium_api_key");
  const key = usableKey(rows[0], now);
  await touchKey(key, now);
  return keyContext(key, request);
}

type UsableKey<Row extends KeyRow> = Row & { createdById: string; role: OrgRole };

/** The key row when the key can be used now, or the error that says why not (in this order). */
function usableKey<Row extends KeyRow>(key: Row | undefined, now: Date): UsableKey<Row> {
  if (!key) throw new AppError("INVALID_API_KEY", "This API key is not valid");
  if (key.revoked) throw new AppError("API_KEY_REVOKED", "This API key was revoked");
  if (key.expiresAt !== null && key.expiresAt <= now.getTime())
    throw new AppError("API_KEY_EXPIRED", "This API key has expired");
  // A key never outlives its creator's membership: it acts with their current role, or not at all.
  if (!key.createdById || !key.role) {
    throw new AppError("INVALID_API_KEY", "The member who created this API key has left the organization");
  }
  // The API is a plan feature: a key of an organization that moved to a plan without it stops working.
  if (!billingOff() && !planIncludes(key.plan, "apiAccess")) {
    throw new AppError("PLAN_LIMIT_REACHED", `The ${plans[key.plan].name} plan does not include API access`, {
      details: {
        feature: "apiAccess",
        plan: key.plan,
        upgradeTo: upgradeFor(key.plan, (p) => p.features.includes("apiAccess")),
      },
    });
  }
  return key as UsableKey<Row>;
}

/** Records when the key was last used, at most once per LAST_USED_THROTTLE_MS. */
async function touchKey(key: KeyRow, now: Date): Promise<void> {
  if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt >= LAST_USED_THROTTLE_MS) {
    // Raw on purpose: Prisma's @updatedAt would bump updatedAt, which means "settings changed".
    await apiSql()(`UPDATE "ApiKey" SET "lastUsedAt" = $1::timestamp WHERE "id" = $2`, [now.toISOString(), key.id]);
  }
}

function keyContext(key: UsableKey<KeyRow>, request: Request): ApiCtx {
  return {
    db: db(),
    meta: requestMeta(request),
    actor: {
      userId: key.createdById,
      organizationId: key.organizationId,
      orgRole: key.role,
      // Platform roles (super admin) never travel with a key: it only acts inside its organization.
      userRole: "USER",
      via: "apiKey",
      scopes: key.scopes,
      apiKeyId: key.id,
    },
    rateLimit: { subject: `key:${key.id}`, limit: key.rateLimit },
  };
}
