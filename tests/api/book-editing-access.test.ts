// Who may read and edit a book's chapters and revisions: roles, tenancy, sessions, API-key scopes, and
// malformed bodies (400 naming the field); a refused request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateChapter } from "@/server/books/update-chapter";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db/client";
import { bookRoutes } from "./book-routes";
import { callRoute, type TestUser } from "../helpers/session-client";
import {
  editingOrganization,
  editingRoutes,
  type Json,
  type Handler,
  editingSnapshot,
  chaptersOf,
  generatedBook,
  patchChapter,
  stopEditingWork,
} from "./book-editing-kit";

const { bookChapter, bookChapterOrder, bookChapters, bookRevisionRestore, bookRevision, bookRevisions } = editingRoutes;

describe("book editing: access", () => {
  let owner: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;

  beforeAll(async () => {
    ({ owner, guest, outsider, orgId } = await editingOrganization("guardian", "Guarded Press"));
  });
  afterAll(stopEditingWork);

  it("enforces roles, tenancy, sessions and scopes; malformed bodies are 400 with the field; nothing changes", async () => {
    const { bookId } = await generatedBook(owner, "Guarded Bread");
    const [chapter] = await chaptersOf(bookId);
    const revision = await db().bookRevision.findFirstOrThrow({ where: { bookId } });
    const chapterId = chapter!.id;
    const writes: [Handler, string, Record<string, string>, unknown][] = [
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { title: "Hijacked" }],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, { content: "Hijacked" }],
      [bookChapterOrder.PUT, "PUT", { bookId }, { chapterIds: [chapterId] }],
      [bookRevisionRestore.POST, "POST", { bookId, revisionId: revision.id }, {}],
    ];
    const reads: [Handler, Record<string, string>][] = [
      [bookChapters.GET, { bookId }],
      [bookChapter.GET, { bookId, chapterId }],
      [bookRevisions.GET, { bookId }],
      [bookRevision.GET, { bookId, revisionId: revision.id }],
    ];

    // GUEST: reads everything, writes nothing.
    const guestBefore = await editingSnapshot(orgId, [guest.id]);
    for (const [handler, params] of reads) {
      expect((await callRoute(handler, { user: guest, params })).status).toBe(200);
    }
    for (const [handler, method, params, body] of writes) {
      const res = await callRoute(handler, { user: guest, method, params, body });
      expect(res.status, method).toBe(403);
      expect((res.json as Json).error.code).toBe("FORBIDDEN");
    }
    expect(await editingSnapshot(orgId, [guest.id])).toBe(guestBefore);

    // Another organization: 404 on everything, nothing leaked.
    const outsiderBefore = await editingSnapshot(orgId, [outsider.id]);
    for (const [handler, method, params, body] of [
      ...writes,
      ...reads.map(([h, p]) => [h, "GET", p, undefined] as const),
    ]) {
      const res = await callRoute(handler, { user: outsider, method, params, body });
      expect(res.status, method).toBe(404);
      expect((res.json as Json).error.code).toBe("NOT_FOUND");
      expect(JSON.stringify(res.json)).not.toContain("Guarded");
    }
    expect(await editingSnapshot(orgId, [outsider.id])).toBe(outsiderBefore);

    // A chapter or revision id of this organization under another of its books is not found either.
    const otherBook = await generatedBook(owner, "Sibling Bread");
    const crossedBefore = await editingSnapshot(orgId);
    const crossed = await patchChapter(owner, otherBook.bookId, chapterId, { content: "x" });
    expect(crossed.status).toBe(404);
    const crossedRevision = await callRoute(bookRevision.GET, {
      user: owner,
      params: { bookId: otherBook.bookId, revisionId: revision.id },
    });
    expect(crossedRevision.status).toBe(404);
    expect(await editingSnapshot(orgId)).toBe(crossedBefore);

    // No session: 401.
    const anonymousBefore = await editingSnapshot(orgId);
    for (const [handler, method, params, body] of [
      ...writes,
      ...reads.map(([h, p]) => [h, "GET", p, undefined] as const),
    ]) {
      const res = await callRoute(handler, { user: null, method, params, body });
      expect(res.status, method).toBe(401);
      expect((res.json as Json).error.code).toBe("UNAUTHENTICATED");
    }
    expect(await editingSnapshot(orgId)).toBe(anonymousBefore);

    // Malformed bodies: 400 naming the field.
    const malformedBefore = await editingSnapshot(orgId, [owner.id]);
    const cases: [Handler, string, Record<string, string>, unknown, string | null][] = [
      [bookRoutes.book.PATCH, "PATCH", { bookId }, "{not json", null],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, {}, null],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { title: "" }, "title"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { title: "Two\nlines" }, "title"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { title: "x".repeat(201) }, "title"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { topic: "ab" }, "topic"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { goal: 42 }, "goal"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { audience: "a".repeat(501) }, "audience"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { language: "de" }, "language"],
      [bookRoutes.book.PATCH, "PATCH", { bookId }, { tone: "calm", expectedUpdatedAt: "soon" }, "expectedUpdatedAt"],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, "{not json", null],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, {}, null],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, { content: 12 }, "content"],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, { content: "x".repeat(200_001) }, "content"],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, { title: "   " }, "title"],
      [bookChapter.PATCH, "PATCH", { bookId, chapterId }, { content: "ok", expectedUpdatedAt: 5 }, "expectedUpdatedAt"],
      [bookChapterOrder.PUT, "PUT", { bookId }, "[", null],
      [bookChapterOrder.PUT, "PUT", { bookId }, { chapterIds: null }, "chapterIds"],
      [
        bookRevisionRestore.POST,
        "POST",
        { bookId, revisionId: revision.id },
        { expectedUpdatedAt: "x" },
        "expectedUpdatedAt",
      ],
    ];
    for (const [handler, method, params, body, field] of cases) {
      const res = await callRoute(handler, {
        user: owner,
        method,
        params,
        ...(typeof body === "string" ? { rawBody: body } : { body }),
      });
      expect(res.status, `${method} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect((res.json as Json).error.field).toBe(field);
    }
    const badQuery = await callRoute(bookRevisions.GET, {
      user: owner,
      params: { bookId },
      path: `/api/books/${bookId}/revisions?cursor=latest`,
    });
    expect(badQuery.status).toBe(400);
    expect((badQuery.json as Json).error.field).toBe("cursor");
    expect(await editingSnapshot(orgId, [owner.id])).toBe(malformedBefore);

    // The use case serves API keys too: books:read alone cannot edit.
    const readOnlyKey: Ctx = {
      db: db(),
      meta: { ipAddress: null, userAgent: null },
      actor: {
        userId: owner.id,
        organizationId: orgId,
        orgRole: "OWNER",
        userRole: "USER",
        via: "apiKey",
        scopes: ["books:read"],
      },
    };
    await expect(updateChapter(readOnlyKey, { bookId, chapterId }, { content: "via key" })).rejects.toMatchObject({
      code: "INSUFFICIENT_SCOPE",
    });
    const writeKey: Ctx = { ...readOnlyKey, actor: { ...readOnlyKey.actor, scopes: ["books:write"] } };
    const viaKey = await updateChapter(writeKey, { bookId, chapterId }, { content: "via key" });
    expect(viaKey.revision?.version).toBe("1.1");
  });
});
