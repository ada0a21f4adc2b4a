import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/organization/api-keys/[keyId]/route";
import * as keysRoute from "@/app/api/organization/api-keys/route";
import * as activeRoute from "@/app/api/organizations/active/route";
import { db } from "@/server/db/client";
import { callRoute, signUpAndSignIn, type TestUser } from "../../../tests/helpers/session-client";
import { createTestOrg, type TestOrg, v1Snapshot } from "../../../tests/support/public-api/v1-test-kit";
import { hashApiKey } from "./api-key-secret";

async function memberOf(org: TestOrg, label: string, role: "ADMIN" | "MEMBER" | "GUEST"): Promise<TestUser> {
  const user = await signUpAndSignIn(label);
  await db().organizationMember.create({ data: { organizationId: org.organizationId, userId: user.id, role } });
  const res = await callRoute(activeRoute.POST, { user, body: { organizationId: org.organizationId } });
  expect(res.status).toBe(200);
  return user;
}

describe("API key management (session routes)", () => {
  let org: TestOrg;
  let other: TestOrg;
  let admin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    org = await createTestOrg("keys-owner");
    other = await createTestOrg("keys-other");
    admin = await memberOf(org, "keys-admin", "ADMIN");
    member = await memberOf(org, "keys-member", "MEMBER");
  });

  it("creates a key shown once, stores only its hash, lists it without the secret, and logs it", async () => {
    const res = await callRoute(keysRoute.POST, {
      user: admin,
      body: { name: "  CI pipeline ", scopes: ["books:write", "books:read", "books:read"], rateLimit: 120 },
    });
    expect(res.status).toBe(201);
    const { apiKey, secret } = res.json as { apiKey: Record<string, unknown>; secret: string };
    expect(secret).toMatch(/^sk_live_[0-9A-Za-z]{40}$/);
    expect(apiKey).toMatchObject({
      name: "CI pipeline",
      scopes: ["books:read", "books:write"],
      rateLimit: 120,
      status: "active",
      prefix: secret.slice(0, 12),
      expiresAt: null,
      createdBy: { id: admin.id },
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id as string } });
    expect(row.keyHash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const list = await callRoute(keysRoute.GET, { user: org.owner });
    expect(list.status).toBe(200);
    const listed = (list.json as { apiKeys: Record<string, unknown>[] }).apiKeys;
    expect(listed.map((k) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(list.json)).not.toContain(secret.slice(12));
    expect(JSON.stringify(list.json)).not.toContain(row.keyHash);

    const log = await db().activityLog.findFirstOrThrow({ where: { action: "apikey.created", resourceId: row.id } });
    expect(log).toMatchObject({ organizationId: org.organizationId, actorId: admin.id });
  });

  it("updates name, scopes and rate limit, then revokes; each change is logged and a revoked key is frozen", async () => {
    const created = await callRoute(keysRoute.POST, {
      user: org.owner,
      body: { name: "temp", scopes: ["books:read"] },
    });
    const id = (created.json as { apiKey: { id: string } }).apiKey.id;
    const patched = await callRoute(keyRoute.PATCH, {
      user: org.owner,
      method: "PATCH",
      params: { keyId: id },
      body: { name: "renamed", scopes: ["books:read", "books:write"], rateLimit: 5 },
    });
    expect(patched.status).toBe(200);
    expect((patched.json as { apiKey: object }).apiKey).toMatchObject({
      name: "renamed",
      scopes: ["books:read", "books:write"],
      rateLimit: 5,
    });
    const updateLog = await db().activityLog.findFirstOrThrow({ where: { action: "apikey.updated", resourceId: id } });
    expect(updateLog.metadata).toMatchObject({
      changes: { name: { from: "temp", to: "renamed" }, rateLimit: { to: 5 } },
    });

    const revoked = await callRoute(keyRoute.DELETE, { user: org.owner, method: "DELETE", params: { keyId: id } });
    expect(revoked.status).toBe(204);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    const again = await callRoute(keyRoute.DELETE, { user: org.owner, method: "DELETE", params: { keyId: id } });
    expect(again.status).toBe(204);
    expect(await db().activityLog.count({ where: { action: "apikey.revoked", resourceId: id } })).toBe(1);

    const frozen = await callRoute(keyRoute.PATCH, {
      user: org.owner,
      method: "PATCH",
      params: { keyId: id },
      body: { name: "again" },
    });
    expect(frozen.status).toBe(409);
  });

  it("refuses members, other organizations, bad input and plans without API access — changing nothing", async () => {
    const created = await callRoute(keysRoute.POST, {
      user: org.owner,
      body: { name: "target", scopes: ["books:read"] },
    });
    const id = (created.json as { apiKey: { id: string } }).apiKey.id;
    const before = await v1Snapshot(org.organizationId);
    const otherBefore = await v1Snapshot(other.organizationId);

    const attempts: [Promise<{ status: number; json: unknown }>, number, string][] = [
      [callRoute(keysRoute.GET, { user: member }), 403, "FORBIDDEN"],
      [callRoute(keysRoute.POST, { user: member, body: { name: "x", scopes: ["books:read"] } }), 403, "FORBIDDEN"],
      [callRoute(keyRoute.DELETE, { user: member, method: "DELETE", params: { keyId: id } }), 403, "FORBIDDEN"],
      [
        callRoute(keyRoute.PATCH, { user: other.owner, method: "PATCH", params: { keyId: id }, body: { name: "x" } }),
        404,
        "NOT_FOUND",
      ],
      [callRoute(keyRoute.DELETE, { user: other.owner, method: "DELETE", params: { keyId: id } }), 404, "NOT_FOUND"],
      [callRoute(keysRoute.POST, { user: org.owner, body: { name: "x", scopes: [] } }), 400, "VALIDATION_FAILED"],
      [
        callRoute(keysRoute.POST, { user: org.owner, body: { name: "x", scopes: ["admin:everything"] } }),
        400,
        "VALIDATION_FAILED",
      ],
      [
        callRoute(keysRoute.POST, {
          user: org.owner,
          body: { name: "x", scopes: ["books:read"], expiresAt: "2001-01-01T00:00:00Z" },
        }),
        400,
        "VALIDATION_FAILED",
      ],
      [callRoute(keysRoute.GET, { user: null }), 401, "UNAUTHENTICATED"],
    ];
    for (const [attempt, status, code] of attempts) {
      const res = await attempt;
      expect(res.status).toBe(status);
      expect((res.json as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await v1Snapshot(org.organizationId)).toBe(before);
    expect(await v1Snapshot(other.organizationId)).toBe(otherBefore);

    const free = await createTestOrg("keys-free", "FREE");
    const freeBefore = await v1Snapshot(free.organizationId);
    const refused = await callRoute(keysRoute.POST, { user: free.owner, body: { name: "x", scopes: ["books:read"] } });
    expect(refused.status).toBe(402);
    expect((refused.json as { error: { code: string; feature: string } }).error).toMatchObject({
      code: "PLAN_LIMIT_REACHED",
      feature: "apiAccess",
    });
    expect(await v1Snapshot(free.organizationId)).toBe(freeBefore);
  });
});
