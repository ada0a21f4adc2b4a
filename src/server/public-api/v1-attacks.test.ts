import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { ApiOperation } from "./api-operation";
import { scopesFor } from "./openapi-document";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";
import {
  callV1,
  createTestKey,
  createTestOrg,
  type TestOrg,
  v1Snapshot,
} from "../../../tests/support/public-api/v1-test-kit";

type Handler = Parameters<typeof callV1>[0] & { operation: ApiOperation };

/** A book with a failed job, a chapter and a rendered-format row, written directly (no generation run). */
async function seedBook(organizationId: string, createdById: string, title: string) {
  const book = await db().book.create({
    data: { organizationId, createdById, title, topic: "Seeds", goal: "Test fixtures", status: "FAILED" },
  });
  const chapter = await db().chapter.create({
    data: { bookId: book.id, order: 1, title: "One", content: "Text", status: "DONE" },
  });
  await db().bookJob.create({
    data: { bookId: book.id, organizationId, status: "FAILED", error: "boom", errorCode: "ENGINE_FAILED" },
  });
  const correction = await db().chapterCorrection.create({
    data: {
      chapterId: chapter.id,
      bookId: book.id,
      organizationId,
      type: "SPELLING",
      message: "Seeded finding",
      original: "Text",
      suggestions: ["Texts"],
      startOffset: 0,
      endOffset: 4,
    },
  });
  return { bookId: book.id, chapterId: chapter.id, correctionId: correction.id };
}
type Target = Awaited<ReturnType<typeof seedBook>>;

const createBody = { title: "Attack book", topic: "Attacks on APIs", goal: "Nothing must be created" };
/** Valid bodies of the operations that do not take a book brief. */
const bodies: Record<string, unknown> = {
  checkBook: { full: true },
  applyCorrection: { suggestionIndex: 0 },
  dismissCorrection: { reason: "attack" },
  updateBook: createBody,
};

describe("every v1 endpoint refuses bad credentials, missing scopes and other tenants — changing nothing", () => {
  let orgA: TestOrg;
  let orgB: TestOrg;
  let bookA: Target;
  let bookB: Target;
  let full: string;
  let readOnly: string;
  let writeOnly: string;
  let revoked: string;
  let expired: string;

  beforeAll(async () => {
    orgA = await createTestOrg("v1-attacker");
    orgB = await createTestOrg("v1-victim");
    bookA = await seedBook(orgA.organizationId, orgA.owner.id, "Mine");
    bookB = await seedBook(orgB.organizationId, orgB.owner.id, "Theirs");
    full = (await createTestKey(orgA.owner, { scopes: ["books:read", "books:write"] })).secret;
    readOnly = (await createTestKey(orgA.owner, { scopes: ["books:read"] })).secret;
    writeOnly = (await createTestKey(orgA.owner, { scopes: ["books:write"] })).secret;
    const toRevoke = await createTestKey(orgA.owner);
    await db().apiKey.update({ where: { id: toRevoke.id }, data: { revokedAt: new Date() } });
    revoked = toRevoke.secret;
    const toExpire = await createTestKey(orgA.owner, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    await db().apiKey.update({ where: { id: toExpire.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expired = toExpire.secret;
  });

  // Every route method, with the input a legitimate call would send (the resource is filled in per case).
  const endpoints = () =>
    Object.values(v1Routes).flatMap((module) =>
      Object.entries(module)
        .filter(([name]) => ["GET", "POST", "PATCH", "DELETE"].includes(name))
        .map(([method, handler]) => {
          const operation = (handler as Handler).operation;
          const needsBook = operation.path.includes("{bookId}") || operation.path.includes("{correctionId}");
          const paramsOf = (target: Target) => {
            const params: Record<string, string> = {};
            if (needsBook) params.bookId = target.bookId;
            if (operation.path.includes("{chapterId}")) params.chapterId = target.chapterId;
            if (operation.path.includes("{format}")) params.format = "epub";
            if (operation.path.includes("{correctionId}")) params.correctionId = target.correctionId;
            return params;
          };
          return {
            name: `${method} ${operation.path}`,
            handler: handler as Handler,
            operation,
            method,
            needsBook,
            call: (key: string | null, target: Target, extra: { authorization?: string } = {}) =>
              callV1(handler as Handler, {
                key,
                ...extra,
                method,
                path: Object.entries(paramsOf(target)).reduce((p, [k, v]) => p.replace(`{${k}}`, v), operation.path),
                params: paramsOf(target),
                body: operation.body ? (bodies[operation.operationId] ?? createBody) : undefined,
              }),
          };
        }),
    );

  it("covers every route method", () => {
    expect(endpoints().length).toBeGreaterThanOrEqual(12);
  });

  it("answers 401/403/404 with the right code and leaves both organizations unchanged", async () => {
    for (const endpoint of endpoints()) {
      const wrongScopeKey = scopesFor(endpoint.operation.action).includes("books:read") ? writeOnly : readOnly;
      const cases: [string, () => ReturnType<typeof endpoint.call>, number, string][] = [
        ["missing key", () => endpoint.call(null, bookA), 401, "INVALID_API_KEY"],
        ["malformed header", () => endpoint.call(null, bookA, { authorization: "Basic abc" }), 401, "INVALID_API_KEY"],
        ["unknown key", () => endpoint.call(`sk_live_${"x".repeat(40)}`, bookA), 401, "INVALID_API_KEY"],
        ["revoked key", () => endpoint.call(revoked, bookA), 401, "API_KEY_REVOKED"],
        ["expired key", () => endpoint.call(expired, bookA), 401, "API_KEY_EXPIRED"],
        ["wrong scope", () => endpoint.call(wrongScopeKey, bookA), 403, "INSUFFICIENT_SCOPE"],
      ];
      if (endpoint.needsBook) cases.push(["other organization", () => endpoint.call(full, bookB), 404, "NOT_FOUND"]);
      for (const [label, attempt, status, code] of cases) {
        const beforeA = await v1Snapshot(orgA.organizationId);
        const beforeB = await v1Snapshot(orgB.organizationId);
        const res = await attempt();
        const where = `${endpoint.name} with ${label}`;
        expect(res.status, where).toBe(status);
        expect((res.json as { error: { code: string } } | null)?.error.code, where).toBe(code);
        expect(await v1Snapshot(orgA.organizationId), where).toBe(beforeA);
        expect(await v1Snapshot(orgB.organizationId), where).toBe(beforeB);
        if (status === 401) expect(res.headers.get("x-ratelimit-limit"), where).toBeNull();
        else expect(res.headers.get("x-ratelimit-limit"), where).not.toBeNull();
      }
    }
    // Seven cases and four snapshots per endpoint, one after the other: on a loaded machine the walk of every
    // endpoint takes longer than the default 30 s, and grows with each new endpoint.
  }, 180_000);

  it("never lists another organization's books", async () => {
    const res = await callV1(v1Routes.books.GET, { key: full, path: "/books" });
    expect(res.status).toBe(200);
    const ids = (res.json as { items: { id: string }[] }).items.map((b) => b.id);
    expect(ids).toContain(bookA.bookId);
    expect(ids).not.toContain(bookB.bookId);
  });

  it("never finds another organization's books by searching, and refuses a bad search changing nothing", async () => {
    // "Mine" and "Theirs" share the topic "Seeds": only the caller's book may come back.
    const res = await callV1(v1Routes.books.GET, { key: full, path: "/books?q=seeds" });
    expect(res.status).toBe(200);
    expect((res.json as { items: { id: string }[] }).items.map((b) => b.id)).toEqual([bookA.bookId]);
    const byTitle = await callV1(v1Routes.books.GET, { key: full, path: "/books?q=Theirs" });
    expect((byTitle.json as { items: unknown[] }).items).toEqual([]);
    const theirCursor = await callV1(v1Routes.books.GET, { key: full, path: `/books?q=s&cursor=${bookB.bookId}` });
    expect(theirCursor.json).toEqual({ items: [], nextCursor: null });

    const beforeA = await v1Snapshot(orgA.organizationId);
    const bad = await callV1(v1Routes.books.GET, { key: full, path: `/books?q=${"%25".repeat(201)}` });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { code: string; field: string } }).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "q",
    });
    expect(await v1Snapshot(orgA.organizationId)).toBe(beforeA);
    // Without books:read, a search is refused before anything is read.
    const noScope = await callV1(v1Routes.books.GET, { key: writeOnly, path: "/books?q=Theirs" });
    expect(noScope.status).toBe(403);
  });

  it("acts with the creator's current role: a demoted creator's key loses write, a departed one's stops", async () => {
    const writer = await createTestOrg("v1-demoted");
    const key = (await createTestKey(writer.owner, { scopes: ["books:read", "books:write"] })).secret;
    const book = (await seedBook(writer.organizationId, writer.owner.id, "Keep me")).bookId;
    // A second owner, so the first can be demoted to GUEST.
    const coOwner = await createTestOrg("v1-co-owner");
    await db().organizationMember.create({
      data: { organizationId: writer.organizationId, userId: coOwner.owner.id, role: "OWNER" },
    });
    await db().organizationMember.update({
      where: { organizationId_userId: { organizationId: writer.organizationId, userId: writer.owner.id } },
      data: { role: "GUEST" },
    });
    const before = await v1Snapshot(writer.organizationId);
    const del = await callV1(v1Routes.book.DELETE, { key, method: "DELETE", params: { bookId: book } });
    expect(del.status).toBe(403);
    expect((del.json as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    expect(await v1Snapshot(writer.organizationId)).toBe(before);
    const read = await callV1(v1Routes.book.GET, { key, params: { bookId: book } });
    expect(read.status).toBe(200);

    await db().organizationMember.delete({
      where: { organizationId_userId: { organizationId: writer.organizationId, userId: writer.owner.id } },
    });
    const gone = await callV1(v1Routes.book.GET, { key, params: { bookId: book } });
    expect(gone.status).toBe(401);
    expect((gone.json as { error: { code: string } }).error.code).toBe("INVALID_API_KEY");
  });

  it("stops a key whose organization moved to a plan without API access", async () => {
    const org = await createTestOrg("v1-downgraded");
    const key = (await createTestKey(org.owner)).secret;
    await db().organization.update({ where: { id: org.organizationId }, data: { plan: "FREE" } });
    const res = await callV1(v1Routes.books.GET, { key });
    expect(res.status).toBe(402);
    expect((res.json as { error: { code: string } }).error.code).toBe("PLAN_LIMIT_REACHED");
  });
});
