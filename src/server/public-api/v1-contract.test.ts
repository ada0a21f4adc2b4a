import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { getQueue } from "@/server/queue/queue";
import type { ApiOperation } from "./api-operation";
import { purgeApiRecords } from "./purge-api-records";
import { v1Routes } from "../../../tests/support/public-api/v1-routes";
import { callV1, createTestKey, createTestOrg, type TestOrg } from "../../../tests/support/public-api/v1-test-kit";

/** Parses a response with the operation's documented schema: the OpenAPI document must tell the truth. */
function expectDocumented(handler: { operation: ApiOperation }, res: { status: number; json: unknown }) {
  expect(res.status, JSON.stringify(res.json)).toBe(handler.operation.success.status);
  const schema = handler.operation.success.schema;
  if (schema) {
    const parsed = schema.safeParse(res.json);
    expect(parsed.success, `${handler.operation.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
}

describe("v1 contract: every endpoint answers what the OpenAPI document says", () => {
  let org: TestOrg;
  let key: string;

  beforeAll(async () => {
    org = await createTestOrg("v1-contract");
    key = (await createTestKey(org.owner, { rateLimit: 1000 })).secret;
  });
  afterAll(async () => {
    await (await getQueue()).stop({ graceful: false, wait: false }).catch(() => {});
  });

  it("creates, reads, pages, tracks, cancels, retries and deletes a book through the API", async () => {
    const created = await callV1(v1Routes.books.POST, {
      key,
      path: "/books",
      body: { title: "API book", topic: "Public APIs", goal: "Learn the v1 API", targetChapters: 2, targetWords: 1000 },
    });
    expectDocumented(v1Routes.books.POST, created);
    expect(created.headers.get("x-ratelimit-limit")).toBe("1000");
    const { book, job } = created.json as { book: { id: string; createdById: string }; job: { id: string } };
    expect(book.createdById).toBe(org.owner.id);
    const log = await db().activityLog.findFirstOrThrow({ where: { action: "book.created", resourceId: book.id } });
    expect(log.actorId).toBe(org.owner.id);

    for (const title of ["Second", "Third"]) {
      const res = await callV1(v1Routes.books.POST, {
        key,
        path: "/books",
        body: { title, topic: "Paging", goal: "More rows" },
      });
      expect(res.status).toBe(201);
    }
    const page1 = await callV1(v1Routes.books.GET, { key, path: "/books?limit=2" });
    expectDocumented(v1Routes.books.GET, page1);
    const p1 = page1.json as { items: { id: string; title: string }[]; nextCursor: string | null };
    expect(p1.items.map((b) => b.title)).toEqual(["Third", "Second"]);
    expect(p1.nextCursor).not.toBeNull();
    const page2 = await callV1(v1Routes.books.GET, { key, path: `/books?limit=2&cursor=${p1.nextCursor}` });
    const p2 = page2.json as { items: { id: string }[]; nextCursor: string | null };
    expect(p2.items.map((b) => b.id)).toEqual([book.id]);
    expect(p2.nextCursor).toBeNull();
    const filtered = await callV1(v1Routes.books.GET, { key, path: "/books?status=COMPLETED" });
    expect((filtered.json as { items: unknown[] }).items).toEqual([]);
    const badQuery = await callV1(v1Routes.books.GET, { key, path: "/books?limit=1000" });
    expect(badQuery.status).toBe(400);
    expect((badQuery.json as { error: { field: string } }).error.field).toBe("limit");

    const params = { bookId: book.id };
    expectDocumented(v1Routes.book.GET, await callV1(v1Routes.book.GET, { key, params }));
    const chapter = await db().chapter.create({
      data: { bookId: book.id, order: 1, title: "Intro", content: "Hello" },
    });
    const chapters = await callV1(v1Routes.chapters.GET, { key, params });
    expectDocumented(v1Routes.chapters.GET, chapters);
    expect((chapters.json as { chapters: { id: string }[] }).chapters.map((c) => c.id)).toEqual([chapter.id]);
    const one = await callV1(v1Routes.chapter.GET, { key, params: { ...params, chapterId: chapter.id } });
    expectDocumented(v1Routes.chapter.GET, one);
    expect((one.json as { chapter: { content: string } }).chapter.content).toBe("Hello");
    const status = await callV1(v1Routes.job.GET, { key, params });
    expectDocumented(v1Routes.job.GET, status);
    expect((status.json as { id: string }).id).toBe(job.id);

    const events = await callV1(v1Routes.jobEvents.GET, { key, params });
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    expect(events.headers.get("x-ratelimit-remaining")).not.toBeNull();
    const reader = events.response.body!.getReader();
    let text = "";
    while (!text.includes("event: progress")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = text.split("event: progress\ndata: ")[1]!.split("\n")[0]!;
    expect((JSON.parse(data) as { job: { id: string } }).job.id).toBe(job.id);

    const formats = await callV1(v1Routes.formats.GET, { key, params });
    expectDocumented(v1Routes.formats.GET, formats);
    expect((formats.json as { formats: unknown[] }).formats).toHaveLength(5);
    const notRendered = await callV1(v1Routes.formatDownload.GET, { key, params: { ...params, format: "epub" } });
    expect(notRendered.status).toBe(404);
    const badFormat = await callV1(v1Routes.formatDownload.GET, { key, params: { ...params, format: "rtf" } });
    expect(badFormat.status).toBe(400);
    expectDocumented(v1Routes.downloads.GET, await callV1(v1Routes.downloads.GET, { key, params }));

    const cancelled = await callV1(v1Routes.jobCancel.POST, { key, method: "POST", params });
    expectDocumented(v1Routes.jobCancel.POST, cancelled);
    const again = await callV1(v1Routes.jobCancel.POST, { key, method: "POST", params });
    expect(again.status).toBe(409);
    expect((again.json as { error: { code: string } }).error.code).toBe("JOB_FINISHED");
    const retried = await callV1(v1Routes.jobRetry.POST, { key, method: "POST", params });
    expectDocumented(v1Routes.jobRetry.POST, retried);
    expect((retried.json as { status: string }).status).toBe("PENDING");

    const usage = await callV1(v1Routes.usage.GET, { key, path: "/usage" });
    expectDocumented(v1Routes.usage.GET, usage);
    const metrics = (usage.json as { metrics: { BOOKS_CREATED: number; API_CALLS: number } }).metrics;
    expect(metrics.BOOKS_CREATED).toBe(3);
    // Every call above was metered, this one included (its count is taken before the handler runs).
    const calls = await db().usageMetric.findFirstOrThrow({
      where: { organizationId: org.organizationId, metric: "API_CALLS" },
    });
    expect(Number(calls.value)).toBe(metrics.API_CALLS);
    expect(metrics.API_CALLS).toBe(20); // 3 creates, 4 lists, 12 book/chapter/job/format calls, this one

    const deleted = await callV1(v1Routes.book.DELETE, { key, method: "DELETE", params });
    expect(deleted.status).toBe(204);
    expect(await db().book.count({ where: { id: book.id } })).toBe(0);
    const gone = await callV1(v1Routes.book.GET, { key, params });
    expect(gone.status).toBe(404);
  });

  it("edits a book's metadata and a chapter's text, refusing stale copies and books being generated", async () => {
    const book = await db().book.create({
      data: {
        organizationId: org.organizationId,
        createdById: org.owner.id,
        title: "Editable",
        topic: "Editing",
        goal: "Edit over the API",
        status: "COMPLETED",
        content: "# Editable\n\n## One\n\nFirst.\n",
      },
    });
    const chapter = await db().chapter.create({
      data: { bookId: book.id, order: 1, title: "One", content: "First.", wordCount: 1, status: "DONE" },
    });
    await db().bookJob.create({ data: { bookId: book.id, organizationId: org.organizationId, status: "COMPLETED" } });
    const params = { bookId: book.id, chapterId: chapter.id };

    const renamed = await callV1(v1Routes.book.PATCH, { key, method: "PATCH", params, body: { tone: "Playful" } });
    expectDocumented(v1Routes.book.PATCH, renamed);
    expect((renamed.json as { book: { tone: string } }).book.tone).toBe("Playful");

    const edited = await callV1(v1Routes.chapter.PATCH, {
      key,
      method: "PATCH",
      params,
      body: { content: "First, and better.", expectedUpdatedAt: chapter.updatedAt.toISOString() },
    });
    expectDocumented(v1Routes.chapter.PATCH, edited);
    expect((edited.json as { chapter: { wordCount: number } }).chapter.wordCount).toBe(3);
    expect((edited.json as { revision: { version: string } | null }).revision).not.toBeNull();

    const stale = await callV1(v1Routes.chapter.PATCH, {
      key,
      method: "PATCH",
      params,
      body: { content: "Overwrite", expectedUpdatedAt: chapter.updatedAt.toISOString() },
    });
    expect(stale.status).toBe(409);
    expect((stale.json as { error: { code: string } }).error.code).toBe("EDIT_CONFLICT");
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapter.id } })).content).toBe("First, and better.");

    const invalid = await callV1(v1Routes.book.PATCH, { key, method: "PATCH", params, body: {} });
    expect(invalid.status).toBe(400);
  });

  it("searches titles and topics with q, combined with status and the cursor; a bad q is a 400 on q", async () => {
    const t0 = Date.now() - 60_000;
    const seed = [
      { title: "Searchable 100% Oats", topic: "Porridge", status: "COMPLETED" },
      { title: "Searchable 1000 Oats", topic: "Porridge", status: "COMPLETED" },
      { title: "Plain", topic: "SEARCHABLE topics", status: "COMPLETED" },
      { title: "Searchable draft", topic: "Drafts", status: "DRAFT" },
    ] as const;
    for (const [i, book] of seed.entries()) {
      await db().book.create({
        data: { organizationId: org.organizationId, ...book, goal: "Be found", createdAt: new Date(t0 + i * 1000) },
      });
    }
    const list = async (query: string) => {
      const res = await callV1(v1Routes.books.GET, { key, path: `/books?${query}` });
      expectDocumented(v1Routes.books.GET, res);
      return res.json as { items: { title: string }[]; nextCursor: string | null };
    };
    const all = await list("q=searchable");
    expect(all.items.map((b) => b.title)).toEqual([
      "Searchable draft",
      "Plain",
      "Searchable 1000 Oats",
      "Searchable 100% Oats",
    ]);
    expect((await list(`q=${encodeURIComponent("100%")}`)).items.map((b) => b.title)).toEqual(["Searchable 100% Oats"]);
    const page1 = await list("q=SEARCHABLE&status=COMPLETED&limit=2");
    expect(page1.items.map((b) => b.title)).toEqual(["Plain", "Searchable 1000 Oats"]);
    const page2 = await list(`q=SEARCHABLE&status=COMPLETED&limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((b) => b.title)).toEqual(["Searchable 100% Oats"]);
    expect(page2.nextCursor).toBeNull();

    const tooLong = await callV1(v1Routes.books.GET, { key, path: `/books?q=${"x".repeat(201)}` });
    expect(tooLong.status).toBe(400);
    expect((tooLong.json as { error: { code: string; field: string } }).error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "q",
    });
  });

  it("lists a book's versions newest first with the name and note people gave them, paging by version", async () => {
    const book = await db().book.create({
      data: {
        organizationId: org.organizationId,
        createdById: org.owner.id,
        title: "Versioned",
        topic: "History",
        goal: "Be named",
        status: "COMPLETED",
      },
    });
    const named = new Date("2026-03-01T10:00:00.000Z");
    for (const version of ["1.0", "1.1", "1.2", "1.10"]) {
      await db().bookRevision.create({
        data: {
          bookId: book.id,
          version,
          content: `# Versioned\n\nText of ${version}.`,
          authorId: org.owner.id,
          changes: { kind: version === "1.0" ? "generated" : "chapter.updated" },
          ...(version === "1.1"
            ? { name: "Sent to the publisher", note: "First full draft", namedById: org.owner.id, namedAt: named }
            : {}),
        },
      });
    }
    const params = { bookId: book.id };
    const list = async (query: string) => {
      const res = await callV1(v1Routes.revisions.GET, { key, params, path: `/books/${book.id}/revisions?${query}` });
      expectDocumented(v1Routes.revisions.GET, res);
      return res.json as {
        items: { version: string; name: string | null; note: string | null; namedBy: { id: string } | null }[];
        nextCursor: string | null;
      };
    };
    const page1 = await list("limit=3");
    // 1.10 is newer than 1.9 and 1.2: versions compare as numbers.
    expect(page1.items.map((r) => r.version)).toEqual(["1.10", "1.2", "1.1"]);
    expect(page1.items[2]).toMatchObject({
      name: "Sent to the publisher",
      note: "First full draft",
      namedBy: { id: org.owner.id },
      namedAt: named.toISOString(),
    });
    expect(page1.items[0]).toMatchObject({ name: null, note: null, namedBy: null });
    expect(page1.nextCursor).toBe("1.1");
    const page2 = await list(`limit=3&cursor=${page1.nextCursor}`);
    expect(page2.items.map((r) => r.version)).toEqual(["1.0"]);
    expect(page2.nextCursor).toBeNull();
    // The list carries no text (the versions' content stays behind the history).
    expect(JSON.stringify(page1)).not.toContain("Text of");

    const badCursor = await callV1(v1Routes.revisions.GET, {
      key,
      params,
      path: `/books/${book.id}/revisions?cursor=latest`,
    });
    expect(badCursor.status).toBe(400);
    expect((badCursor.json as { error: { field: string } }).error.field).toBe("cursor");
  });

  it("replays an idempotent POST without creating anything, and refuses the key with another body", async () => {
    const body = { title: "Once only", topic: "Idempotency", goal: "One book per key" };
    const headers = { "idempotency-key": `create-${Date.now()}` };
    const count = () => db().book.count({ where: { organizationId: org.organizationId, title: "Once only" } });
    const first = await callV1(v1Routes.books.POST, { key, path: "/books", body, headers });
    expect(first.status).toBe(201);
    const jobsBefore = await db().bookJob.count({ where: { organizationId: org.organizationId } });
    const replay = await callV1(v1Routes.books.POST, { key, path: "/books", body, headers });
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(1);
    expect(await db().bookJob.count({ where: { organizationId: org.organizationId } })).toBe(jobsBefore);

    const reused = await callV1(v1Routes.books.POST, {
      key,
      path: "/books",
      body: { ...body, title: "Other" },
      headers,
    });
    expect(reused.status).toBe(422);
    expect((reused.json as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await count()).toBe(1);

    // Concurrent duplicates: exactly one runs; the others wait for it and replay its response.
    const raceHeaders = { "idempotency-key": `race-${Date.now()}` };
    const raceBody = { title: "Raced", topic: "Idempotency", goal: "One book for five calls" };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        callV1(v1Routes.books.POST, { key, path: "/books", body: raceBody, headers: raceHeaders }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(results.map((r) => (r.json as { book: { id: string } }).book.id));
    expect(ids.size).toBe(1);
    expect(await db().book.count({ where: { organizationId: org.organizationId, title: "Raced" } })).toBe(1);

    // A failed first attempt releases the key: the corrected retry runs.
    const failing = { "idempotency-key": `fail-${Date.now()}` };
    const bad = await callV1(v1Routes.books.POST, { key, path: "/books", body: { title: "" }, headers: failing });
    expect(bad.status).toBe(400);
    expect(await db().idempotencyKey.count({ where: { key: failing["idempotency-key"] } })).toBe(0);
  });

  it("also serves a signed-in browser session (its role, no scopes needed, a per-user limit)", async () => {
    const res = await callV1(v1Routes.books.GET, { cookie: org.owner.cookie, path: "/books" });
    expectDocumented(v1Routes.books.GET, res);
    expect(res.headers.get("x-ratelimit-limit")).toBe("300");
    const signedOut = await callV1(v1Routes.books.GET, { cookie: "scriptorium.session_token=nope", path: "/books" });
    expect(signedOut.status).toBe(401);
    expect((signedOut.json as { error: { code: string } }).error.code).toBe("INVALID_API_KEY");
  });

  it("purges finished rate-limit windows and expired idempotency records", async () => {
    await db().rateLimitBucket.create({
      data: { key: `old-${Date.now()}`, windowStart: new Date(Date.now() - 3600_000), count: 3 },
    });
    await db().idempotencyKey.create({
      data: {
        organizationId: org.organizationId,
        caller: "key:expired",
        key: `expired-${Date.now()}`,
        method: "POST",
        path: "/api/v1/books",
        requestHash: "x",
        expiresAt: new Date(Date.now() - 1000),
      },
    });
    const purged = await purgeApiRecords(db());
    expect(purged.buckets).toBeGreaterThanOrEqual(1);
    expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await db().rateLimitBucket.count({ where: { windowStart: { lt: new Date(Date.now() - 120_000) } } })).toBe(
      0,
    );
  });
});
