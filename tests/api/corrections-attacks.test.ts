import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bulk from "@/app/api/books/[bookId]/corrections/bulk/route";
import * as checkCancel from "@/app/api/books/[bookId]/corrections/check/cancel/route";
import * as check from "@/app/api/books/[bookId]/corrections/check/route";
import * as list from "@/app/api/books/[bookId]/corrections/route";
import * as summary from "@/app/api/books/[bookId]/corrections/summary/route";
import * as words from "@/app/api/books/[bookId]/corrections/words/route";
import * as apply from "@/app/api/corrections/[correctionId]/apply/route";
import * as dismiss from "@/app/api/corrections/[correctionId]/dismiss/route";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { createRouteFixtures, everythingSnapshot, type RouteFixtures } from "./mutating-routes";
import { routes } from "./routes";

// The corrections routes under attack: another organization (404), a GUEST writing (403), a foreign Origin
// (CSRF), oversized, malformed and wrong-shaped bodies, control characters — each checking the status AND
// that nothing in the database changed. Then the happy path through the same routes.

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

interface Write {
  name: string;
  handler: RouteHandler;
  params: (f: RouteFixtures) => Record<string, string>;
  body: unknown;
}

const bookParams = (f: RouteFixtures) => ({ bookId: f.bookId });
const correctionParams = (f: RouteFixtures) => ({ correctionId: f.params.correctionId! });

const writes: Write[] = [
  { name: "check", handler: check.POST as RouteHandler, params: bookParams, body: { full: true } },
  { name: "check/cancel", handler: checkCancel.POST as RouteHandler, params: bookParams, body: {} },
  { name: "bulk", handler: bulk.POST as RouteHandler, params: bookParams, body: { action: "dismiss" } },
  {
    name: "words",
    handler: words.POST as RouteHandler,
    params: bookParams,
    body: { word: "Zorblax", scope: "ORGANIZATION" },
  },
  { name: "apply", handler: apply.POST as RouteHandler, params: correctionParams, body: { suggestionIndex: 0 } },
  { name: "dismiss", handler: dismiss.POST as RouteHandler, params: correctionParams, body: { reason: "no" } },
];
const reads = [
  { name: "list", handler: list.GET as RouteHandler },
  { name: "summary", handler: summary.GET as RouteHandler },
];

describe("corrections routes under attack", () => {
  let f: RouteFixtures;
  let attacker: TestUser;

  beforeAll(async () => {
    f = await createRouteFixtures("corrections");
    attacker = await signUpAndSignIn("corrections-attacker");
    await callRoute(routes.organizations.POST, { user: attacker, body: { name: "Raider Press" } });
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  it("another organization's member gets 404 on every route, and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await callRoute(route.handler, { user: attacker, params: route.params(f), body: route.body });
      expect({ route: route.name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        route: route.name,
        status: 404,
        code: "NOT_FOUND",
      });
    }
    for (const route of reads) {
      const res = await callRoute(route.handler, { user: attacker, params: { bookId: f.bookId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.json)).not.toContain("Fixture finding");
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a GUEST reads the findings but every write is 403, and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await callRoute(route.handler, { user: f.guest, params: route.params(f), body: route.body });
      expect({ route: route.name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        route: route.name,
        status: 403,
        code: "FORBIDDEN",
      });
    }
    const listed = await callRoute(list.GET as RouteHandler, { user: f.guest, params: { bookId: f.bookId } });
    expect(listed.status).toBe(200);
    expect((listed.json as Json).items).toEqual([
      expect.objectContaining({ id: f.params.correctionId, status: "OPEN" }),
    ]);
    expect((await callRoute(summary.GET as RouteHandler, { user: f.guest, params: { bookId: f.bookId } })).status).toBe(
      200,
    );
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a write from a foreign Origin is refused (CSRF), and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await callRoute(route.handler, {
        user: f.owner,
        params: route.params(f),
        body: route.body,
        headers: { origin: "https://evil.example" },
      });
      expect({ route: route.name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        route: route.name,
        status: 403,
        code: "FORBIDDEN_ORIGIN",
      });
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("oversized, malformed, wrong-shaped bodies and control characters are 4xx naming the field; nothing changes", async () => {
    const before = await everythingSnapshot(f);
    const call = (route: Write, rawBody: string) =>
      callRoute(route.handler, { user: f.owner, params: route.params(f), rawBody });
    // check/cancel takes no body (like the job's cancel): it never reads one.
    for (const route of writes.filter((w) => w.name !== "check/cancel")) {
      const big = await call(route, JSON.stringify({ reason: "x".repeat(300 * 1024) }));
      expect({ route: route.name, status: big.status }).toEqual({ route: route.name, status: 413 });
      const malformed = await call(route, '{"word": ');
      expect({ route: route.name, code: (malformed.json as Json).error?.code }).toEqual({
        route: route.name,
        code: "INVALID_JSON",
      });
    }
    const wrong: [Write["name"], unknown, string][] = [
      ["check", { full: "yes" }, "full"],
      ["bulk", { action: "burn" }, "action"],
      ["bulk", { action: "dismiss", type: "TYPO" }, "type"],
      ["words", { word: "", scope: "BOOK" }, "word"],
      ["words", { word: "ok", scope: "PLANET" }, "scope"],
      ["words", { word: "w\u0000rd", scope: "BOOK" }, "word"],
      ["apply", { suggestionIndex: -1 }, "suggestionIndex"],
      ["apply", { suggestionIndex: 0, extra: true }, ""],
      ["dismiss", { reason: "x".repeat(501) }, "reason"],
      ["dismiss", { reason: "bad\u0007bell" }, "reason"],
    ];
    for (const [name, body, field] of wrong) {
      const route = writes.find((w) => w.name === name)!;
      const res = await call(route, JSON.stringify(body));
      expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(400);
      expect((res.json as Json).error.code).toBe("VALIDATION_FAILED");
      if (field) expect((res.json as Json).error.field).toBe(field);
    }
    // Queries: an unknown filter value and a forged cursor are 400 with the field.
    for (const [query, field] of [
      ["type=TYPO", "type"],
      ["cursor=not-a-cursor", "cursor"],
      ["limit=5000", "limit"],
    ] as const) {
      const res = await callRoute(list.GET as RouteHandler, {
        user: f.owner,
        params: { bookId: f.bookId },
        path: `/api/books/${f.bookId}/corrections?${query}`,
      });
      expect({ query, status: res.status, field: (res.json as Json).error?.field }).toEqual({
        query,
        status: 400,
        field,
      });
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("the happy path: a writer checks, lists, applies and dismisses through the routes", async () => {
    const started = await callRoute(check.POST as RouteHandler, { user: f.member, params: bookParams(f), body: {} });
    expect(started.status).toBe(202);
    expect((started.json as Json).run).toMatchObject({ status: "PENDING", trigger: "MANUAL" });
    const again = await callRoute(check.POST as RouteHandler, {
      user: f.member,
      params: bookParams(f),
      body: { full: true },
    });
    expect((again.json as Json).run.id).toBe((started.json as Json).run.id);
    const overview = await callRoute(summary.GET as RouteHandler, { user: f.member, params: bookParams(f) });
    expect(overview.json).toMatchObject({ latestRun: { status: "PENDING" }, counts: { open: 1 }, variant: "en-US" });
    const cancelled = await callRoute(checkCancel.POST as RouteHandler, {
      user: f.member,
      params: bookParams(f),
      body: {},
    });
    expect(cancelled.status).toBe(200);
    expect((cancelled.json as Json).run.status).toBe("CANCELLED");

    const chapter = await db().chapter.findUniqueOrThrow({ where: { id: f.params.chapterId } });
    const applied = await callRoute(apply.POST as RouteHandler, {
      user: f.member,
      params: correctionParams(f),
      body: {},
    });
    expect(applied.status).toBe(200);
    expect((applied.json as Json).correction).toMatchObject({ status: "ACCEPTED", scope: "CHAPTER" });
    const after = await db().chapter.findUniqueOrThrow({ where: { id: f.params.chapterId } });
    expect(after.content).toBe(`Fixture${chapter.content.slice(4)}`);
    const stale = await callRoute(dismiss.POST as RouteHandler, {
      user: f.member,
      params: correctionParams(f),
      body: {},
    });
    expect(stale.status).toBe(409);
  });
});
