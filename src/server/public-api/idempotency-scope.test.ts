import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { getQueue } from "@/server/queue/queue";
import { idempotencyCaller } from "./idempotency";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";
import { callV1, createTestKey, createTestOrg, type TestOrg } from "../../../tests/support/public-api/v1-test-kit";

// Issue 13 item 11: Idempotency-Keys belong to the caller (API key, or session user), not to the whole
// organization. Before, a second integration of the same organization that happened to pick the same key
// got the first one's response replayed (another key's book, and nothing created), or a 422.

type BookResponse = { book: { id: string; title: string } };

describe("Idempotency-Key scope", () => {
  let org: TestOrg;
  let first: { id: string; secret: string };
  let second: { id: string; secret: string };

  beforeAll(async () => {
    org = await createTestOrg("idem-scope");
    first = await createTestKey(org.owner, { name: "integration one", rateLimit: 1000 });
    second = await createTestKey(org.owner, { name: "integration two", rateLimit: 1000 });
  });
  afterAll(async () => {
    await (await getQueue()).stop({ graceful: false, wait: false }).catch(() => {});
  });

  const create = (caller: { key?: string; cookie?: string }, idempotencyKey: string, title: string) =>
    callV1(v1Routes.books.POST, {
      ...caller,
      path: "/books",
      body: { title, topic: "Idempotency scope", goal: "One book per caller and key" },
      headers: { "idempotency-key": idempotencyKey },
    });
  const booksTitled = (title: string) =>
    db().book.findMany({ where: { organizationId: org.organizationId, title }, select: { id: true } });

  it("gives two API keys of one organization their own result for the same key; each replays its own", async () => {
    const shared = `shared-${Date.now()}`;
    const title = `Scoped ${shared}`;

    const one = await create({ key: first.secret }, shared, title);
    expect(one.status, JSON.stringify(one.json)).toBe(201);
    const two = await create({ key: second.secret }, shared, title);
    expect(two.status, JSON.stringify(two.json)).toBe(201);
    // Not a replay of the other key's response: a book of its own, and none of the first one's data.
    expect(two.headers.get("idempotent-replayed")).toBeNull();
    const oneId = (one.json as BookResponse).book.id;
    const twoId = (two.json as BookResponse).book.id;
    expect(twoId).not.toBe(oneId);
    expect(JSON.stringify(two.json)).not.toContain(oneId);
    expect((await booksTitled(title)).map((b) => b.id).sort()).toEqual([oneId, twoId].sort());

    // Each key's retry replays its own response and creates nothing.
    const oneAgain = await create({ key: first.secret }, shared, title);
    const twoAgain = await create({ key: second.secret }, shared, title);
    expect([oneAgain.status, twoAgain.status]).toEqual([201, 201]);
    expect(oneAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(twoAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(oneAgain.json).toEqual(one.json);
    expect(twoAgain.json).toEqual(two.json);
    expect(await booksTitled(title)).toHaveLength(2);

    const records = await db().idempotencyKey.findMany({ where: { key: shared }, orderBy: { caller: "asc" } });
    expect(records.map((r) => [r.organizationId, r.caller, r.status])).toEqual(
      [
        [org.organizationId, `key:${first.id}`, 201],
        [org.organizationId, `key:${second.id}`, 201],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
  });

  it("lets another key use a key with a different request; the same key reusing it that way is still 422", async () => {
    const shared = `body-${Date.now()}`;
    const one = await create({ key: first.secret }, shared, `First body ${shared}`);
    expect(one.status).toBe(201);
    const two = await create({ key: second.secret }, shared, `Second body ${shared}`);
    expect(two.status, JSON.stringify(two.json)).toBe(201);
    expect(await booksTitled(`Second body ${shared}`)).toHaveLength(1);

    const reused = await create({ key: first.secret }, shared, `Third body ${shared}`);
    expect(reused.status).toBe(422);
    expect((reused.json as { error: { code: string; field: string } }).error).toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
      field: "Idempotency-Key",
    });
    expect(await booksTitled(`Third body ${shared}`)).toHaveLength(0);
  });

  it("keeps a signed-in user's keys apart from the organization's API keys", async () => {
    const shared = `session-${Date.now()}`;
    const title = `Session ${shared}`;
    const viaKey = await create({ key: first.secret }, shared, title);
    const viaSession = await create({ cookie: org.owner.cookie }, shared, title);
    expect([viaKey.status, viaSession.status]).toEqual([201, 201]);
    expect(viaSession.headers.get("idempotent-replayed")).toBeNull();
    expect((viaSession.json as BookResponse).book.id).not.toBe((viaKey.json as BookResponse).book.id);
    const replayed = await create({ cookie: org.owner.cookie }, shared, title);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.json).toEqual(viaSession.json);
    expect(await booksTitled(title)).toHaveLength(2);
  });

  it("names the caller by key id for API keys and by user id for sessions", () => {
    expect(idempotencyCaller({ via: "apiKey", apiKeyId: "k1", userId: "u1" })).toBe("key:k1");
    expect(idempotencyCaller({ via: "session", apiKeyId: null, userId: "u1" })).toBe("user:u1");
    expect(() => idempotencyCaller({ via: "apiKey", apiKeyId: null, userId: "u1" })).toThrow();
  });
});
