import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as comment from "@/app/api/books/[bookId]/comments/[commentId]/route";
import * as replies from "@/app/api/books/[bookId]/comments/[commentId]/replies/route";
import * as status from "@/app/api/books/[bookId]/comments/[commentId]/status/route";
import * as mentionable from "@/app/api/books/[bookId]/comments/mentionable/route";
import * as comments from "@/app/api/books/[bookId]/comments/route";
import * as suggestions from "@/app/api/books/[bookId]/suggestions/route";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { createRouteFixtures, everythingSnapshot, type RouteFixtures } from "./mutating-routes";
import { routes } from "./routes";
import { callV1, createTestKey } from "../support/public-api/v1-test-kit";
import { v1Routes } from "../support/public-api/v1-routes";

// The review routes (comments, replies, resolve/reopen, delete, mentionable people, suggestions) under attack:
// another organization (404), a GUEST writing (403), a foreign Origin (CSRF), oversized, malformed and
// wrong-shaped bodies, control characters — each checking the status AND that nothing in the database
// changed. Then the happy path through the same routes.

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

interface Write {
  name: string;
  handler: RouteHandler;
  params: (f: RouteFixtures) => Record<string, string>;
  body: (f: RouteFixtures, quote: string) => unknown;
  /** DELETE takes no body. */
  noBody?: boolean;
}

const bookParams = (f: RouteFixtures) => ({ bookId: f.bookId });
const commentParams = (f: RouteFixtures) => ({ bookId: f.bookId, commentId: f.params.commentId! });
const anchored = (f: RouteFixtures, quote: string) => ({
  chapterId: f.params.chapterId!,
  startOffset: 0,
  endOffset: quote.length,
  quote,
});

const writes: Write[] = [
  {
    name: "comment",
    handler: comments.POST as RouteHandler,
    params: bookParams,
    body: (f, quote) => ({ ...anchored(f, quote), body: "A note" }),
  },
  { name: "reply", handler: replies.POST as RouteHandler, params: commentParams, body: () => ({ body: "Agreed" }) },
  { name: "status", handler: status.POST as RouteHandler, params: commentParams, body: () => ({ status: "RESOLVED" }) },
  {
    name: "suggestion",
    handler: suggestions.POST as RouteHandler,
    params: bookParams,
    body: (f, quote) => ({ ...anchored(f, quote), replacement: "Other words" }),
  },
  {
    name: "delete",
    handler: comment.DELETE as RouteHandler,
    params: commentParams,
    body: () => undefined,
    noBody: true,
  },
];
const reads = [
  { name: "list", handler: comments.GET as RouteHandler },
  { name: "mentionable", handler: mentionable.GET as RouteHandler },
];

describe("review routes under attack", () => {
  let f: RouteFixtures;
  let attacker: TestUser;
  let quote: string;

  beforeAll(async () => {
    f = await createRouteFixtures("comments");
    attacker = await signUpAndSignIn("comments-attacker");
    await callRoute(routes.organizations.POST, { user: attacker, body: { name: "Raider Review" } });
    quote = (await db().chapter.findUniqueOrThrow({ where: { id: f.params.chapterId } })).content.slice(0, 4);
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  const call = (route: Write, user: TestUser, extra: { headers?: Record<string, string> } = {}) =>
    callRoute(route.handler, {
      user,
      params: route.params(f),
      method: route.noBody ? "DELETE" : undefined,
      ...(route.noBody ? {} : { body: route.body(f, quote) }),
      ...extra,
    });

  it("another organization's member gets 404 on every route, and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await call(route, attacker);
      expect({ route: route.name, status: res.status, code: (res.json as Json)?.error?.code }).toEqual({
        route: route.name,
        status: 404,
        code: "NOT_FOUND",
      });
    }
    for (const route of reads) {
      const res = await callRoute(route.handler, { user: attacker, params: bookParams(f) });
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 404 });
      expect(JSON.stringify(res.json)).not.toContain("Fixture comment");
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a GUEST reads the comments but every write (and the mention list) is 403, and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await call(route, f.guest);
      expect({ route: route.name, status: res.status, code: (res.json as Json)?.error?.code }).toEqual({
        route: route.name,
        status: 403,
        code: "FORBIDDEN",
      });
    }
    const listed = await callRoute(comments.GET as RouteHandler, { user: f.guest, params: bookParams(f) });
    expect(listed.status).toBe(200);
    expect((listed.json as Json).items).toEqual([
      expect.objectContaining({ id: f.params.commentId, body: "Fixture comment", author: expect.any(Object) }),
    ]);
    const people = await callRoute(mentionable.GET as RouteHandler, { user: f.guest, params: bookParams(f) });
    expect(people.status).toBe(403);
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a write from a foreign Origin is refused (CSRF), and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await call(route, f.owner, { headers: { origin: "https://evil.example" } });
      expect({ route: route.name, status: res.status, code: (res.json as Json)?.error?.code }).toEqual({
        route: route.name,
        status: 403,
        code: "FORBIDDEN_ORIGIN",
      });
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("oversized, malformed, wrong-shaped bodies and control characters are 4xx naming the field; nothing changes", async () => {
    const before = await everythingSnapshot(f);
    const raw = (route: Write, rawBody: string) =>
      callRoute(route.handler, { user: f.owner, params: route.params(f), rawBody });
    for (const route of writes.filter((w) => !w.noBody)) {
      const big = await raw(route, JSON.stringify({ body: "x".repeat(300 * 1024) }));
      expect({ route: route.name, status: big.status }).toEqual({ route: route.name, status: 413 });
      const malformed = await raw(route, '{"body": ');
      expect({ route: route.name, code: (malformed.json as Json).error?.code }).toEqual({
        route: route.name,
        code: "INVALID_JSON",
      });
    }
    const passage = anchored(f, quote);
    const wrong: [Write["name"], unknown, string][] = [
      ["comment", { ...passage, body: "" }, "body"],
      ["comment", { ...passage, body: "x".repeat(5001) }, "body"],
      ["comment", { ...passage, body: "n\u0000ul" }, "body"],
      ["comment", { ...passage, body: "bell\u0007" }, "body"],
      ["comment", { ...passage, quote: "q\u0000", body: "ok" }, "quote"],
      ["comment", { ...passage, startOffset: -1, body: "ok" }, "startOffset"],
      ["comment", { ...passage, endOffset: 0, body: "ok" }, "endOffset"],
      ["comment", { ...passage, body: "ok", mentionIds: "everyone" }, "mentionIds"],
      ["comment", { ...passage, body: "ok", mentionIds: [f.owner.id, "not-a-person"] }, "mentionIds"],
      ["comment", { ...passage, body: "ok", extra: true }, ""],
      ["reply", { body: "   " }, "body"],
      ["reply", { body: "ok", mentionIds: Array.from({ length: 21 }, (_, i) => `u${i}`) }, "mentionIds"],
      ["status", { status: "DONE" }, "status"],
      ["suggestion", { ...passage, replacement: quote }, "replacement"],
      ["suggestion", { ...passage, replacement: "x".repeat(5001) }, "replacement"],
      ["suggestion", { ...passage, replacement: "ok", note: "n".repeat(501) }, "note"],
    ];
    for (const [name, body, field] of wrong) {
      const route = writes.find((w) => w.name === name)!;
      const res = await raw(route, JSON.stringify(body));
      expect(res.status, `${name} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect((res.json as Json).error.code).toBe("VALIDATION_FAILED");
      if (field) expect((res.json as Json).error.field).toBe(field);
    }
    // A passage that no longer reads its quote is 409 on `quote`; a chapter of no book of theirs is 404.
    const stale = await raw(writes[0]!, JSON.stringify({ ...passage, quote: "zzzz", body: "ok" }));
    expect([stale.status, (stale.json as Json).error.field]).toEqual([409, "quote"]);
    const foreign = await raw(writes[0]!, JSON.stringify({ ...passage, chapterId: "nope", body: "ok" }));
    expect(foreign.status).toBe(404);
    const badQuery = await callRoute(comments.GET as RouteHandler, {
      user: f.owner,
      params: bookParams(f),
      path: `/api/books/${f.bookId}/comments?status=MAYBE`,
    });
    expect([badQuery.status, (badQuery.json as Json).error?.field]).toEqual([400, "status"]);
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("API v1 lists the comments with books:read and refuses a key without it; the comments are unchanged", async () => {
    const comments = () => db().bookComment.findMany({ where: { bookId: f.bookId }, orderBy: { id: "asc" } });
    const before = JSON.stringify(await comments());
    const reader = await createTestKey(f.owner, { name: "comments reader", scopes: ["books:read"] });
    const writer = await createTestKey(f.owner, { name: "comments writer", scopes: ["books:write"] });
    const path = `/books/${f.bookId}/comments`;
    const listed = await callV1(v1Routes.comments.GET, { key: reader.secret, path, params: bookParams(f) });
    expect(listed.status).toBe(200);
    expect((listed.json as Json).items).toEqual([
      expect.objectContaining({ id: f.params.commentId, quote, detached: false, replies: [] }),
    ]);
    const refused = await callV1(v1Routes.comments.GET, { key: writer.secret, path, params: bookParams(f) });
    expect([refused.status, (refused.json as Json).error.code]).toEqual([403, "INSUFFICIENT_SCOPE"]);
    expect(JSON.stringify(await comments())).toBe(before);
  });

  it("the happy path: a writer comments, replies, resolves, suggests; the author deletes", async () => {
    const created = await callRoute(comments.POST as RouteHandler, {
      user: f.member,
      params: bookParams(f),
      body: { ...anchored(f, quote), body: "Hello @owner", mentionIds: [f.owner.id] },
    });
    expect(created.status).toBe(201);
    const id = (created.json as Json).comment.id as string;
    expect((created.json as Json).comment.mentions).toEqual([expect.objectContaining({ id: f.owner.id })]);
    const replied = await callRoute(replies.POST as RouteHandler, {
      user: f.owner,
      params: { bookId: f.bookId, commentId: id },
      body: { body: "Seen" },
    });
    expect(replied.status).toBe(201);
    expect((replied.json as Json).comment.replies).toHaveLength(1);
    const resolved = await callRoute(status.POST as RouteHandler, {
      user: f.owner,
      params: { bookId: f.bookId, commentId: id },
      body: { status: "RESOLVED" },
    });
    expect((resolved.json as Json).comment.status).toBe("RESOLVED");
    const people = await callRoute(mentionable.GET as RouteHandler, { user: f.member, params: bookParams(f) });
    expect((people.json as Json).items.map((p: Json) => p.id)).toEqual(
      expect.arrayContaining([f.owner.id, f.member.id, f.guest.id]),
    );
    const suggested = await callRoute(suggestions.POST as RouteHandler, {
      user: f.member,
      params: bookParams(f),
      body: { ...anchored(f, quote), replacement: "Once" },
    });
    expect(suggested.status).toBe(201);
    expect((suggested.json as Json).correction).toMatchObject({ source: "PERSON", author: { id: f.member.id } });
    const deleted = await callRoute(comment.DELETE as RouteHandler, {
      user: f.member,
      params: { bookId: f.bookId, commentId: id },
      method: "DELETE",
    });
    expect(deleted.status).toBe(204);
    expect(await db().bookComment.count({ where: { id } })).toBe(0);
  });
});
