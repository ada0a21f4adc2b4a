import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { closeJobEvents } from "@/server/generation/job-events";
import { getQueue } from "@/server/queue/queue";
import { runGeneration } from "@/server/generation/run-generation";
import { testDeps } from "../helpers/books";
import { callRoute, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { tenantSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: route handlers declare differently shaped params.
type Handler = (r: Request, c: { params: Promise<any> }) => Promise<Response>;

/** Everything the book feature stores for an organization, fingerprinted (with the Foundation's snapshot). */
async function bookSnapshot(organizationId: string, userIds: string[] = []): Promise<string> {
  const d = db();
  const books = await d.book.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const bookIds = books.map((b) => b.id);
  const rows = await Promise.all([
    d.chapter.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookJob.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    d.bookRevision.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.usageMetric.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    d.notification.findMany({
      where: { OR: [{ organizationId }, { userId: { in: userIds } }] },
      orderBy: { id: "asc" },
    }),
    tenantSnapshot(organizationId, userIds),
  ]);
  return createHash("sha256").update(JSON.stringify({ books, rows })).digest("hex");
}

const expectRefused = (status: number) => expect([403, 404]).toContain(status);
const validBook = { title: "Stolen", topic: "a topic", goal: "a goal", targetChapters: 2, targetWords: 600 };

describe("book routes under attack", () => {
  let victim: TestUser;
  let attacker: TestUser;
  let guest: TestUser;
  let orgB: string;
  let finishedBookId: string;
  let runningBookId: string;
  let failedBookId: string;

  beforeAll(async () => {
    victim = await signUpAndSignIn("book-victim");
    attacker = await signUpAndSignIn("book-attacker");
    guest = await signUpAndSignIn("book-guest");
    const b = await callRoute(routes.organizations.POST, { user: victim, body: { name: "Secret Books" } });
    orgB = (b.json as Json).organization.id;
    await callRoute(routes.organizations.POST, { user: attacker, body: { name: "Raider Books" } });
    await db().organizationMember.create({ data: { organizationId: orgB, userId: guest.id, role: "GUEST" } });
    await callRoute(routes.organizations.POST, { user: guest, body: { name: "Guest Own Org" } });
    expect(
      (await callRoute(routes.activeOrganization.POST, { user: guest, body: { organizationId: orgB } })).status,
    ).toBe(200);

    const make = async (title: string) =>
      (await callRoute(bookRoutes.books.POST, { user: victim, body: { ...validBook, title: `Secret ${title}` } }))
        .json as Json;
    const finished = await make("finished");
    finishedBookId = finished.book.id;
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: finished.job.id })).toBe("completed");
    runningBookId = (await make("running")).book.id;
    const failed = await make("failed");
    failedBookId = failed.book.id;
    await db().bookJob.update({
      where: { id: failed.job.id },
      data: { status: "FAILED", errorCode: "AUTH", error: "bad key" },
    });
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  const everyBookRoute = (bookId: string): [Handler, string][] =>
    [
      [bookRoutes.book.GET, "GET"],
      [bookRoutes.book.DELETE, "DELETE"],
      [bookRoutes.bookJob.GET, "GET"],
      [bookRoutes.bookJobCancel.POST, "POST"],
      [bookRoutes.bookJobRetry.POST, "POST"],
      [bookRoutes.bookEvents.GET, "GET"],
    ].map(([h, m]) => [h as Handler, `${m} ${bookId}`]);

  it("another organization's member cannot see or touch a book, its job, its events", async () => {
    const before = await bookSnapshot(orgB, [attacker.id, victim.id]);
    for (const bookId of [finishedBookId, runningBookId, failedBookId, "does-not-exist"]) {
      for (const [handler, label] of everyBookRoute(bookId)) {
        const res = await callRoute(handler, { user: attacker, method: label.split(" ")[0], params: { bookId } });
        expectRefused(res.status);
        expect((res.json as Json).error.code).toBe("NOT_FOUND");
        expect(JSON.stringify(res.json)).not.toContain("Secret");
      }
    }
    const lists = [
      await callRoute(bookRoutes.books.GET, { user: attacker }),
      await callRoute(bookRoutes.books.GET, { user: attacker, path: `/api/books?cursor=${finishedBookId}` }),
      await callRoute(bookRoutes.notifications.GET, { user: attacker }),
    ];
    for (const res of lists) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json)).not.toContain("Secret");
      expect(JSON.stringify(res.json)).not.toContain(orgB);
    }
    // Marking the victim's notifications read by id does nothing.
    const victimNote = await db().notification.findFirstOrThrow({ where: { userId: victim.id } });
    const mark = await callRoute(bookRoutes.notifications.POST, { user: attacker, body: { ids: [victimNote.id] } });
    expect(mark.json).toMatchObject({ marked: 0 });
    expect(await bookSnapshot(orgB, [attacker.id, victim.id])).toBe(before);
  });

  it("a forged active organization is refused on every route", async () => {
    const before = await bookSnapshot(orgB, [attacker.id]);
    const own = await db().session.findFirstOrThrow({ where: { userId: attacker.id } });
    await db().session.updateMany({ where: { userId: attacker.id }, data: { activeOrganizationId: orgB } });
    try {
      const calls: [Handler, string, unknown?][] = [
        [bookRoutes.books.GET, "GET"],
        [bookRoutes.books.POST, "POST", validBook],
        [bookRoutes.engine.GET, "GET"],
        [bookRoutes.engine.PUT, "PUT", { defaultEngine: "demo" }],
        ...everyBookRoute(finishedBookId),
      ];
      for (const [handler, method, body] of calls) {
        const res = await callRoute(handler, {
          user: attacker,
          method: method.split(" ")[0],
          body,
          params: { bookId: finishedBookId },
        });
        expect(res.status).toBe(403);
      }
    } finally {
      await db().session.updateMany({
        where: { userId: attacker.id },
        data: { activeOrganizationId: own.activeOrganizationId },
      });
    }
    expect(await bookSnapshot(orgB, [attacker.id])).toBe(before);
  });

  it("a GUEST reads books and progress but cannot create, delete, cancel, retry or configure", async () => {
    const read = await callRoute(bookRoutes.book.GET, { user: guest, params: { bookId: finishedBookId } });
    expect(read.status).toBe(200);
    expect((await callRoute(bookRoutes.bookJob.GET, { user: guest, params: { bookId: runningBookId } })).status).toBe(
      200,
    );
    const events = await bookRoutes.bookEvents.GET(
      new Request(`http://localhost:3000/api/books/${finishedBookId}/events`, { headers: { cookie: guest.cookie } }),
      { params: Promise.resolve({ bookId: finishedBookId }) },
    );
    expect(events.status).toBe(200);
    await events.body?.cancel();

    const before = await bookSnapshot(orgB, [guest.id]);
    const attempts: [Handler, string, string, unknown?][] = [
      [bookRoutes.books.POST, "POST", "", validBook],
      [bookRoutes.book.DELETE, "DELETE", finishedBookId],
      [bookRoutes.bookJobCancel.POST, "POST", runningBookId],
      [bookRoutes.bookJobRetry.POST, "POST", failedBookId],
      [bookRoutes.engine.GET, "GET", ""],
      [bookRoutes.engine.PUT, "PUT", "", { defaultEngine: "demo" }],
    ];
    for (const [handler, method, bookId, body] of attempts) {
      const res = await callRoute(handler, { user: guest, method, body, params: { bookId } });
      expect(res.status).toBe(403);
      expect((res.json as Json).error.code).toBe("FORBIDDEN");
    }
    expect(await bookSnapshot(orgB, [guest.id])).toBe(before);
  });

  it("answers 401 without a session, changing nothing", async () => {
    const before = await bookSnapshot(orgB);
    const calls: [Handler, string][] = [
      [bookRoutes.books.GET, "GET"],
      [bookRoutes.books.POST, "POST"],
      [bookRoutes.engine.GET, "GET"],
      [bookRoutes.engine.PUT, "PUT"],
      [bookRoutes.notifications.GET, "GET"],
      [bookRoutes.notifications.POST, "POST"],
      ...everyBookRoute(runningBookId),
    ];
    for (const [handler, label] of calls) {
      const method = label.split(" ")[0]!;
      const res = await callRoute(handler, {
        user: null,
        method,
        body: method === "GET" ? undefined : { ...validBook, defaultEngine: "demo", all: true },
        params: { bookId: runningBookId },
      });
      expect(res.status).toBe(401);
      expect((res.json as Json).error.code).toBe("UNAUTHENTICATED");
    }
    expect(await bookSnapshot(orgB)).toBe(before);
  });

  it("rejects malformed bodies with the field at fault, creating nothing", async () => {
    const before = await bookSnapshot(orgB, [victim.id]);
    const cases: [Handler, string, unknown, string | null][] = [
      [bookRoutes.books.POST, "POST", "{not json", null],
      [bookRoutes.books.POST, "POST", [], null],
      [bookRoutes.books.POST, "POST", { ...validBook, title: "" }, "title"],
      [bookRoutes.books.POST, "POST", { ...validBook, title: "x".repeat(201) }, "title"],
      [bookRoutes.books.POST, "POST", { ...validBook, topic: undefined }, "topic"],
      [bookRoutes.books.POST, "POST", { ...validBook, goal: 42 }, "goal"],
      [bookRoutes.books.POST, "POST", { ...validBook, language: "de" }, "language"],
      [bookRoutes.books.POST, "POST", { ...validBook, targetChapters: 0 }, "targetChapters"],
      [bookRoutes.books.POST, "POST", { ...validBook, targetChapters: 2.5 }, "targetChapters"],
      [bookRoutes.books.POST, "POST", { ...validBook, targetWords: "lots" }, "targetWords"],
      [bookRoutes.books.POST, "POST", { ...validBook, targetChapters: 20, targetWords: 1000 }, "targetWords"],
      [bookRoutes.books.POST, "POST", { ...validBook, engine: "gpt-7" }, "engine"],
      [bookRoutes.books.POST, "POST", { ...validBook, engine: "crewai" }, "engine"],
      [bookRoutes.engine.PUT, "PUT", {}, "defaultEngine"],
      [
        bookRoutes.engine.PUT,
        "PUT",
        { defaultEngine: "demo", openaiCompatible: { baseUrl: "ftp://x" } },
        "openaiCompatible.baseUrl",
      ],
      [bookRoutes.engine.PUT, "PUT", { defaultEngine: "demo", crewai: { baseUrl: "not a url" } }, "crewai.baseUrl"],
      [bookRoutes.notifications.POST, "POST", {}, "ids"],
      [bookRoutes.notifications.POST, "POST", { ids: [] }, "ids"],
      [bookRoutes.notifications.POST, "POST", { all: "yes" }, "all"],
    ];
    for (const [handler, method, body, field] of cases) {
      const res = await callRoute(handler, {
        user: victim,
        method,
        ...(typeof body === "string" ? { rawBody: body } : { body }),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as Json).error.field).toBe(field);
    }
    expect(await bookSnapshot(orgB, [victim.id])).toBe(before);
  });
});
