// Test helpers of the public API (imported by tests only): organizations on a plan with API access, keys
// created through the real session routes, v1 calls with a Bearer key, and a fingerprint of tenant data.
import { createHash } from "node:crypto";
import * as apiKeysRoute from "@/app/api/organization/api-keys/route";
import * as organizationsRoute from "@/app/api/organizations/route";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import type { Plan } from "@/generated/prisma/enums";
import { callRoute, signUpAndSignIn, type TestUser } from "../../helpers/session-client";

export interface TestOrg {
  owner: TestUser;
  organizationId: string;
}

/** A signed-up owner and their new organization, on a plan that includes API access by default. */
export async function createTestOrg(label: string, plan: Plan = "ENTERPRISE"): Promise<TestOrg> {
  const owner = await signUpAndSignIn(label);
  const res = await callRoute(organizationsRoute.POST, { user: owner, body: { name: `${label} Books` } });
  if (res.status !== 201) throw new Error(`organization creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  const organizationId = (res.json as { organization: { id: string } }).organization.id;
  await db().organization.update({ where: { id: organizationId }, data: { plan } });
  return { owner, organizationId };
}

/** Creates a key through POST /api/organization/api-keys as `user`; returns its id and secret. */
export async function createTestKey(
  user: TestUser,
  input: { name?: string; scopes?: string[]; rateLimit?: number; expiresAt?: string | null } = {},
): Promise<{ id: string; secret: string }> {
  const res = await callRoute(apiKeysRoute.POST, {
    user,
    body: { name: input.name ?? "test key", scopes: input.scopes ?? ["books:read", "books:write"], ...input },
  });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  const json = res.json as { apiKey: { id: string }; secret: string };
  return { id: json.apiKey.id, secret: json.secret };
}

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Calls a v1 route handler the way a client would: Bearer key (or cookie), JSON body, route params. */
export async function callV1(
  handler: Handler,
  options: {
    key?: string | null;
    authorization?: string;
    cookie?: string;
    method?: string;
    path?: string;
    params?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  // A cookie caller is the app's own page (as callRoute does): it sends the app's Origin unless a test says otherwise.
  const headers: Record<string, string> = {
    "user-agent": "vitest-v1",
    ...(options.cookie ? { origin: env().APP_URL } : {}),
    ...options.headers,
  };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.cookie) headers.cookie = options.cookie;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body) headers["content-type"] = "application/json";
  const request = new Request(`${env().APP_URL}/api/v1${options.path ?? "/test"}`, {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) as Promise<never> });
  const type = response.headers.get("content-type") ?? "";
  const text = type.includes("event-stream") ? "" : await response.text();
  const json = text && type.includes("json") ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: response.status, json, headers: response.headers, response };
}

/**
 * A fingerprint of an organization's data (books, chapters, jobs, formats, downloads, keys, activity,
 * idempotency records, usage other than API_CALLS). Counters a refused call legitimately moves (its rate
 * bucket, API_CALLS, the key's lastUsedAt) are left out: they record the call, not a change it made.
 */
export async function v1Snapshot(organizationId: string): Promise<string> {
  const d = db();
  const where = { organizationId };
  const books = await d.book.findMany({ where, orderBy: { id: "asc" } });
  const bookIds = books.map((b) => b.id);
  const parts = await Promise.all([
    d.organization.findUnique({ where: { id: organizationId } }),
    d.chapter.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookJob.findMany({ where, orderBy: { id: "asc" } }),
    d.bookFormat.findMany({ where, orderBy: { id: "asc" } }),
    d.bookDownload.findMany({ where, orderBy: { id: "asc" } }),
    d.apiKey.findMany({ where, orderBy: { id: "asc" }, omit: { lastUsedAt: true } }),
    d.activityLog.findMany({ where, orderBy: { id: "asc" } }),
    d.idempotencyKey.findMany({ where, orderBy: { id: "asc" } }),
    d.usageMetric.findMany({ where: { ...where, metric: { not: "API_CALLS" } }, orderBy: { id: "asc" } }),
    d.organizationMember.findMany({ where, orderBy: { id: "asc" } }),
    d.chapterCorrection.findMany({ where, orderBy: { id: "asc" } }),
    d.bookCheckRun.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  const json = JSON.stringify([books, ...parts], (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return createHash("sha256").update(json).digest("hex");
}
