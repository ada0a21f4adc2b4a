import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bibleRoute from "@/app/api/books/[bookId]/bible/route";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;

const bible = {
  characters: [{ name: "Ada Lovelace", role: "the guide" }],
  terms: [{ term: "jig", meaning: "a guide for the saw" }],
  facts: ["The workshop opens at dawn."],
  voice: "warm",
  tense: "present",
  pointOfView: "second person",
};

/** The book row (its bible) and everything else the tenant stores, to prove a refused write changed nothing. */
async function snapshot(organizationId: string, bookId: string) {
  const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
  return JSON.stringify({ bible: book.bible, updatedAt: book.updatedAt, tenant: await tenantSnapshot(organizationId) });
}

describe("the book bible routes", () => {
  let owner: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;
  let bookId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("bible-owner");
    guest = await signUpAndSignIn("bible-guest");
    outsider = await signUpAndSignIn("bible-outsider");
    orgId = ((await callRoute(routes.organizations.POST, { user: owner, body: { name: "Bible Press" } })).json as Json)
      .organization.id;
    await callRoute(routes.organizations.POST, { user: outsider, body: { name: "Other Press" } });
    await db().organizationMember.create({ data: { organizationId: orgId, userId: guest.id, role: "GUEST" } });
    await callRoute(routes.organizations.POST, { user: guest, body: { name: "Guest Own" } });
    await callRoute(routes.activeOrganization.POST, { user: guest, body: { organizationId: orgId } });
    const created = await callRoute(bookRoutes.books.POST, {
      user: owner,
      body: { title: "Bible book", topic: "a topic", goal: "a goal", targetChapters: 2, targetWords: 600 },
    });
    bookId = (created.json as Json).book.id;
  });
  afterAll(async () => {
    await closeJobEvents();
  });

  const put = (user: TestUser, body: unknown, extra: { rawBody?: string; headers?: Record<string, string> } = {}) =>
    callRoute(bibleRoute.PUT, { user, method: "PUT", body, params: { bookId }, ...extra });

  it("reads null before any bible, then stores and returns the one a writer saves", async () => {
    const before = await callRoute(bibleRoute.GET, { user: guest, params: { bookId } });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ bible: null, additions: [] });
    const saved = await put(owner, { bible });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ bible, additions: [] });
    expect((await db().book.findUniqueOrThrow({ where: { id: bookId } })).bible).toEqual(bible);
    const read = await callRoute(bibleRoute.GET, { user: guest, params: { bookId } });
    expect(read.json).toEqual({ bible, additions: [] });
    const logged = await db().activityLog.findFirst({ where: { organizationId: orgId, action: "book.updated" } });
    expect(logged?.metadata).toEqual({ fields: ["bible"] });
  });

  it("answers 404 to another organization, reading or writing, and changes nothing", async () => {
    const before = await snapshot(orgId, bookId);
    expect((await callRoute(bibleRoute.GET, { user: outsider, params: { bookId } })).status).toBe(404);
    const res = await put(outsider, { bible: { ...bible, voice: "stolen" } });
    expect(res.status).toBe(404);
    expect(await snapshot(orgId, bookId)).toBe(before);
  });

  it("refuses a guest's write with 403 and changes nothing", async () => {
    const before = await snapshot(orgId, bookId);
    const res = await put(guest, { bible: { ...bible, voice: "guest" } });
    expect(res.status).toBe(403);
    expect(await snapshot(orgId, bookId)).toBe(before);
  });

  it("refuses a foreign Origin (CSRF) and changes nothing", async () => {
    const before = await snapshot(orgId, bookId);
    const res = await put(owner, { bible: { ...bible, voice: "csrf" } }, { headers: { origin: "https://evil.test" } });
    expect(res.status).toBe(403);
    expect(await snapshot(orgId, bookId)).toBe(before);
  });

  it("answers 400 naming the field for malformed, wrong-shaped, oversized or NUL-carrying bodies", async () => {
    const before = await snapshot(orgId, bookId);
    const malformed = await put(owner, undefined, { rawBody: '{"bible": ' });
    expect(malformed.status).toBe(400);
    const empty = await put(owner, { bible: { ...bible, characters: [{ name: "  " }] } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.json)).toContain("characters");
    const extra = await put(owner, { bible, admin: true });
    expect(extra.status).toBe(400);
    const tooMany = await put(owner, { bible: { ...bible, facts: Array.from({ length: 61 }, (_, i) => `Fact ${i}`) } });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.json)).toContain("facts");
    const nul = await put(owner, { bible: { ...bible, voice: "warm\u0000" } });
    expect(nul.status).toBe(400);
    const huge = await put(owner, { bible: { ...bible, voice: "x".repeat(2_000_000) } });
    expect([400, 413]).toContain(huge.status);
    expect(await snapshot(orgId, bookId)).toBe(before);
  });

  it("answers what chapters added while written, by chapter and read-only; a PUT neither takes nor changes them", async () => {
    const added = {
      characters: [{ name: "Nadia Quill", role: "" }],
      terms: [{ term: "dovetail", meaning: "a joint" }],
    };
    await db().chapter.createMany({
      data: [
        { bookId, order: 1, title: "Tools", status: "DONE", bibleAdditions: { characters: [], terms: [] } },
        { bookId, order: 3, title: "Joints", status: "DONE", bibleAdditions: added },
        { bookId, order: 2, title: "Wood", status: "DONE" },
        { bookId, order: 4, title: "Unreadable", status: "DONE", bibleAdditions: { characters: "none" } },
      ],
    });
    const read = await callRoute(bibleRoute.GET, { user: guest, params: { bookId } });
    expect(read.status).toBe(200);
    expect((read.json as Json).additions).toEqual([{ chapter: 3, title: "Joints", ...added }]);
    // Another organization reads nothing of them.
    const foreign = await callRoute(bibleRoute.GET, { user: outsider, params: { bookId } });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.json)).not.toContain("Nadia");

    // The additions are not part of the body: sending them is refused and changes nothing.
    const before = await snapshot(orgId, bookId);
    const chaptersBefore = JSON.stringify(
      await db().chapter.findMany({ where: { bookId }, orderBy: { order: "asc" } }),
    );
    const smuggled = await put(owner, {
      bible,
      additions: [{ chapter: 3, title: "Joints", characters: [], terms: [] }],
    });
    expect(smuggled.status).toBe(400);
    expect(await snapshot(orgId, bookId)).toBe(before);
    // A writer's PUT replaces the bible only, and answers the chapters' additions as stored.
    const saved = await put(owner, { bible: { ...bible, voice: "dry" } });
    expect(saved.status).toBe(200);
    expect((saved.json as Json).additions).toEqual([{ chapter: 3, title: "Joints", ...added }]);
    expect(JSON.stringify(await db().chapter.findMany({ where: { bookId }, orderBy: { order: "asc" } }))).toBe(
      chaptersBefore,
    );
  });
});
