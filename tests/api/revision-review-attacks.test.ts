import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as restoreRevision from "@/app/api/books/[bookId]/revisions/[revisionId]/restore/route";
import * as restoreChapter from "@/app/api/books/[bookId]/revisions/[revisionId]/restore-chapter/route";
import * as revision from "@/app/api/books/[bookId]/revisions/[revisionId]/route";
import * as compare from "@/app/api/books/[bookId]/revisions/compare/route";
import * as revisions from "@/app/api/books/[bookId]/revisions/route";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { createRouteFixtures, everythingSnapshot, type RouteFixtures } from "./mutating-routes";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// The revision routes of issue 16 §4 under attack: another organization (404), a GUEST writing (403), a
// foreign Origin (CSRF), oversized, malformed and wrong-shaped bodies, control characters, forged queries, a
// collaborator whose "may see the history" is off or who may not edit — each checking the status AND that
// nothing in the database changed.

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

interface Write {
  name: string;
  handler: RouteHandler;
  method: "POST" | "PATCH";
  body: unknown;
}

const writes: Write[] = [
  { name: "name", handler: revision.PATCH as RouteHandler, method: "PATCH", body: { name: "Sent", note: "n" } },
  { name: "restore-chapter", handler: restoreChapter.POST as RouteHandler, method: "POST", body: { chapter: 1 } },
];

describe("revision routes under attack", () => {
  let f: RouteFixtures;
  let attacker: TestUser;
  const params = () => ({ bookId: f.bookId, revisionId: f.params.revisionId! });
  /** Each route answers this person 403 FORBIDDEN (the caller checks the database did not change). */
  const expectForbidden = async (user: TestUser, routesToTry: Write[]) => {
    for (const route of routesToTry) {
      const res = await callRoute(route.handler, { user, method: route.method, params: params(), body: route.body });
      expect({ route: route.name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        route: route.name,
        status: 403,
        code: "FORBIDDEN",
      });
    }
  };
  const compareAs = (user: TestUser, query: string) =>
    callRoute(compare.GET as RouteHandler, {
      user,
      params: { bookId: f.bookId },
      path: `/api/books/${f.bookId}/revisions/compare?${query}`,
    });

  beforeAll(async () => {
    f = await createRouteFixtures("revision-review");
    attacker = await signUpAndSignIn("revision-attacker");
    await callRoute(routes.organizations.POST, { user: attacker, body: { name: "Raider Revisions" } });
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  it("another organization's member gets 404 on every route (reads too), and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await callRoute(route.handler, {
        user: attacker,
        method: route.method,
        params: params(),
        body: route.body,
      });
      expect({ route: route.name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        route: route.name,
        status: 404,
        code: "NOT_FOUND",
      });
    }
    const read = await compareAs(attacker, `from=${f.params.revisionId}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.json)).not.toContain("runs");
    // Their own organization's revision id against this book, or this revision against their book: 404 too.
    const ownBook = await db().book.create({
      data: {
        organizationId: (await db().organizationMember.findFirstOrThrow({ where: { userId: attacker.id } }))
          .organizationId,
        createdById: attacker.id,
        title: "Raid",
        topic: "raid",
        goal: "raid",
        status: "COMPLETED",
      },
    });
    const crossed = await callRoute(compare.GET as RouteHandler, {
      user: attacker,
      params: { bookId: ownBook.id },
      path: `/api/books/${ownBook.id}/revisions/compare?from=${f.params.revisionId}`,
    });
    expect(crossed.status).toBe(404);
    expect((crossed.json as Json).error.field).toBe("from");
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a GUEST compares but naming a version and restoring a chapter are 403, and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    await expectForbidden(f.guest, writes);
    const read = await compareAs(f.guest, `from=${f.params.revisionId}&to=current`);
    expect(read.status, JSON.stringify(read.json)).toBe(200);
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a write from a foreign Origin is refused (CSRF), and nothing changes", async () => {
    const before = await everythingSnapshot(f);
    for (const route of writes) {
      const res = await callRoute(route.handler, {
        user: f.owner,
        method: route.method,
        params: params(),
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

  it("oversized, malformed, wrong-shaped bodies, control characters and forged queries are 4xx; nothing changes", async () => {
    const before = await everythingSnapshot(f);
    const call = (route: Write, rawBody: string) =>
      callRoute(route.handler, { user: f.owner, method: route.method, params: params(), rawBody });
    for (const route of writes) {
      const big = await call(route, JSON.stringify({ name: "x".repeat(300 * 1024) }));
      expect({ route: route.name, status: big.status }).toEqual({ route: route.name, status: 413 });
      const malformed = await call(route, '{"name": ');
      expect({ route: route.name, code: (malformed.json as Json).error?.code }).toEqual({
        route: route.name,
        code: "INVALID_JSON",
      });
    }
    const wrong: [Write["name"], unknown, string][] = [
      ["name", { name: "x".repeat(121) }, "name"],
      ["name", { name: 42 }, "name"],
      ["name", { name: "Sent\u0000" }, "name"],
      ["name", { name: "Sent", note: "a\u0007bell" }, "note"],
      ["name", { name: "Sent", note: "n".repeat(2001) }, "note"],
      ["restore-chapter", { chapter: 0 }, "chapter"],
      ["restore-chapter", { chapter: "two" }, "chapter"],
      ["restore-chapter", {}, "chapter"],
      ["restore-chapter", { chapter: 1, expectedUpdatedAt: "yesterday" }, "expectedUpdatedAt"],
    ];
    for (const [name, body, field] of wrong) {
      const route = writes.find((w) => w.name === name)!;
      const res = await call(route, JSON.stringify(body));
      expect({
        name,
        body,
        status: res.status,
        code: (res.json as Json).error?.code,
        field: (res.json as Json).error?.field,
      }).toEqual({
        name,
        body,
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
    for (const [query, status, field] of [
      ["", 400, "from"],
      ["from=../../etc", 400, "from"],
      [`from=${f.params.revisionId}&to=latest!`, 400, "to"],
      [`from=${f.params.revisionId}&chapter=0`, 400, "chapter"],
      [`from=${f.params.revisionId}&chapter=x`, 400, "chapter"],
      [`from=a%00b`, 400, "from"],
      [`from=${f.params.revisionId}&to=nosuchrevision`, 404, "to"],
      [`from=${f.params.revisionId}&chapter=99`, 404, "chapter"],
    ] as const) {
      const res = await compareAs(f.owner, query);
      expect({ query, status: res.status, field: (res.json as Json).error?.field }).toEqual({ query, status, field });
    }
    expect(await everythingSnapshot(f)).toBe(before);
  });

  /** Someone outside the organization holding `role` on the book, with these per-person permissions. */
  async function collaborator(label: string, role: "COMMENTER" | "EDITOR", permissions?: Json): Promise<TestUser> {
    const person = await signUpAndSignIn(label);
    await db().bookCollaborator.create({
      data: {
        bookId: f.bookId,
        userId: person.id,
        email: person.email.toLowerCase(),
        role,
        permissions,
        status: "ACTIVE",
        acceptedAt: new Date(),
      },
    });
    return person;
  }

  it("a collaborator without the history reads no revision and restores nothing, even as an EDITOR; nothing changes", async () => {
    const editor = await collaborator("revision-editor-no-history", "EDITOR", { history: false });
    const before = await everythingSnapshot(f);
    const reads = [
      {
        name: "list",
        res: await callRoute(revisions.GET as RouteHandler, { user: editor, params: { bookId: f.bookId } }),
      },
      { name: "read", res: await callRoute(revision.GET as RouteHandler, { user: editor, params: params() }) },
      { name: "compare", res: await compareAs(editor, `from=${f.params.revisionId}&to=current`) },
    ];
    for (const { name, res } of reads) {
      expect({ name, status: res.status, code: (res.json as Json).error?.code }).toEqual({
        name,
        status: 403,
        code: "FORBIDDEN",
      });
      // Not even the version's id or number leaks through the refusal.
      expect(JSON.stringify(res.json)).not.toContain(f.params.revisionId!);
    }
    const restores: Write[] = [
      ...writes,
      { name: "restore", handler: restoreRevision.POST as RouteHandler, method: "POST", body: {} },
    ];
    await expectForbidden(editor, restores);
    // The same person may still edit the book: the refusal is about the history only.
    const book = await callRoute(bookRoutes.book.GET, { user: editor, params: { bookId: f.bookId } });
    expect((book.json as Json).access).toMatchObject({ edit: true, history: false });
    expect(await everythingSnapshot(f)).toBe(before);
  });

  it("a COMMENTER who may see the history compares but restores neither a version nor a chapter; nothing changes", async () => {
    const commenter = await collaborator("revision-commenter", "COMMENTER");
    const before = await everythingSnapshot(f);
    const read = await compareAs(commenter, `from=${f.params.revisionId}&to=current`);
    expect(read.status, JSON.stringify(read.json)).toBe(200);
    await expectForbidden(commenter, [
      ...writes,
      { name: "restore", handler: restoreRevision.POST as RouteHandler, method: "POST" as const, body: {} },
    ]);
    expect(await everythingSnapshot(f)).toBe(before);
  });
});
