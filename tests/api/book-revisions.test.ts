// Editing a book's metadata, its revision history (list, show, restore), and books that cannot be edited
// (being generated, failed without content).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitBookMarkdown } from "@/server/books/restore-revision";
import { db } from "@/server/db/client";
import { bookRoutes } from "./book-routes";
import { callRoute, type TestUser } from "../helpers/session-client";
import {
  editingOrganization,
  editingRoutes,
  type Json,
  type Handler,
  brief,
  editingSnapshot,
  chaptersOf,
  revisionsOf,
  generatedBook,
  expectAssembled,
  patchChapter,
  putChapterOrder,
  stopEditingWork,
} from "./book-editing-kit";

const { bookChapter, bookChapterOrder, bookChapters, bookRevisionRestore, bookRevision, bookRevisions } = editingRoutes;

describe("book editing: metadata and revisions", () => {
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let orgId: string;

  beforeAll(async () => {
    ({ owner, member, guest, orgId } = await editingOrganization("reviser", "Revision Press"));
  });
  afterAll(stopEditingWork);

  it("edits book metadata: a new title re-assembles and versions, a new language marks formats stale", async () => {
    const { bookId } = await generatedBook(owner, "Metadata Bread");
    const patch = (body: unknown, user = owner) =>
      callRoute(bookRoutes.book.PATCH, { user, method: "PATCH", params: { bookId }, body });

    const topic = await patch({ topic: "  rye and spelt  ", audience: "", tone: "warm" });
    expect(topic.status).toBe(200);
    expect(topic.json).toMatchObject({
      book: { topic: "rye and spelt", audience: null, tone: "warm", formatsStale: false },
      revision: null,
      changed: ["topic", "tone"],
    });
    expect((await revisionsOf(bookId)).length).toBe(1);

    const titled = await patch({ title: "Bread, Second Edition" }, member);
    expect(titled.status).toBe(200);
    expect(titled.json).toMatchObject({
      book: { title: "Bread, Second Edition", formatsStale: true },
      revision: { version: "1.1", changes: { kind: "book.updated", fields: ["title"] } },
    });
    const book = await expectAssembled(bookId);
    expect(book.content!.startsWith("# Bread, Second Edition\n")).toBe(true);

    await db().bookFormat.updateMany({ where: { bookId }, data: { stale: false } });
    await db().book.update({ where: { id: bookId }, data: { formatsStale: false } });
    const french = await patch({ language: "fr" });
    expect(french.json).toMatchObject({ book: { language: "fr", formatsStale: true }, revision: null });
    expect((await db().bookFormat.findMany({ where: { bookId } })).every((f) => f.stale)).toBe(true);

    const logged = await db().activityLog.findMany({
      where: { organizationId: orgId, action: "book.updated", resourceId: bookId },
      orderBy: { createdAt: "asc" },
    });
    expect(logged.map((a) => (a.metadata as Json).fields)).toEqual([["topic", "tone"], ["title"], ["language"]]);
    expect((logged[1]!.metadata as Json).before).toEqual({ title: "Metadata Bread" });
  });

  it("lists revisions newest version first (1.10 after 1.9), pages by version, shows one, restores one", async () => {
    const { bookId } = await generatedBook(owner, "Many Versions");
    const [chapter, second, third] = await chaptersOf(bookId);
    const original = (await db().book.findUniqueOrThrow({ where: { id: bookId } })).content!;
    // An order change and a code fence with a `## ` line inside: a restore must undo both exactly.
    await putChapterOrder(owner, bookId, { chapterIds: [third!.id, chapter!.id, second!.id] });
    for (let i = 1; i <= 10; i += 1) {
      const res = await patchChapter(owner, bookId, chapter!.id, {
        content: `Draft ${i}.\n\n\`\`\`md\n## not a chapter\n\`\`\``,
      });
      expect(res.status).toBe(200);
    }
    const page1 = await callRoute(bookRevisions.GET, {
      user: guest,
      params: { bookId },
      path: `/api/books/${bookId}/revisions?limit=5`,
    });
    expect(page1.status).toBe(200);
    const first = page1.json as Json;
    expect(first.items.map((r: Json) => r.version)).toEqual(["1.11", "1.10", "1.9", "1.8", "1.7"]);
    expect(first.items[0]).toMatchObject({ author: { id: owner.id }, changes: { kind: "chapter.updated" } });
    expect(first.items[0]).not.toHaveProperty("content");
    expect(first.nextCursor).toBe("1.7");
    const page3 = await callRoute(bookRevisions.GET, {
      user: guest,
      params: { bookId },
      path: `/api/books/${bookId}/revisions?limit=5&cursor=1.2`,
    });
    expect((page3.json as Json).items.map((r: Json) => r.version)).toEqual(["1.1", "1.0"]);
    expect((page3.json as Json).nextCursor).toBeNull();

    const v10 = await db().bookRevision.findFirstOrThrow({ where: { bookId, version: "1.0" } });
    const shown = await callRoute(bookRevision.GET, { user: guest, params: { bookId, revisionId: v10.id } });
    expect(shown.status).toBe(200);
    expect((shown.json as Json).revision).toMatchObject({ version: "1.0", content: original });
    expect(
      splitBookMarkdown((await db().book.findUniqueOrThrow({ where: { id: bookId } })).content!, 3),
    ).not.toBeNull();

    const restored = await callRoute(bookRevisionRestore.POST, {
      user: member,
      method: "POST",
      params: { bookId, revisionId: v10.id },
    });
    expect(restored.status).toBe(200);
    expect((restored.json as Json).revision).toMatchObject({
      version: "1.12",
      changes: { kind: "revision.restored", restoredFrom: "1.0" },
    });
    const book = await expectAssembled(bookId);
    expect(book.content).toBe(original);
    // 1.0 recorded no order; a later revision with one puts the chapters back where it had them.
    const v11 = await db().bookRevision.findFirstOrThrow({ where: { bookId, version: "1.1" } });
    expect(
      (await callRoute(bookRevisionRestore.POST, { user: owner, params: { bookId, revisionId: v11.id } })).status,
    ).toBe(200);
    expect((await chaptersOf(bookId)).map((c) => c.id)).toEqual([third!.id, chapter!.id, second!.id]);
    expect((await expectAssembled(bookId)).content).toBe(v11.content);
    const actions = await db().activityLog.count({
      where: { organizationId: orgId, action: "book.revision_restored", resourceId: bookId },
    });
    expect(actions).toBe(2);
  });

  it("refuses every edit while the book is being generated (409 BOOK_BUSY), changing nothing", async () => {
    const { bookId, jobId } = await generatedBook(owner, "Rising Bread");
    const [chapter] = await chaptersOf(bookId);
    const revision = await db().bookRevision.findFirstOrThrow({ where: { bookId } });
    await db().bookJob.update({ where: { id: jobId }, data: { status: "WRITING_CHAPTERS" } });
    try {
      const listed = await callRoute(bookChapters.GET, { user: owner, params: { bookId } });
      expect(listed.json).toMatchObject({ editing: { allowed: false, reason: "BOOK_BUSY" } });
      const before = await editingSnapshot(orgId);
      const attempts: [Handler, string, Record<string, string>, unknown][] = [
        [bookChapter.PATCH, "PATCH", { bookId, chapterId: chapter!.id }, { content: "Too early" }],
        [bookChapterOrder.PUT, "PUT", { bookId }, { chapterIds: [chapter!.id] }],
        [bookRoutes.book.PATCH, "PATCH", { bookId }, { title: "Too early" }],
        [bookRevisionRestore.POST, "POST", { bookId, revisionId: revision.id }, {}],
      ];
      for (const [handler, method, params, body] of attempts) {
        const res = await callRoute(handler, { user: owner, method, params, body });
        expect(res.status, method).toBe(409);
        expect((res.json as Json).error).toMatchObject({ code: "BOOK_BUSY", jobStatus: "WRITING_CHAPTERS" });
      }
      expect(await editingSnapshot(orgId)).toBe(before);
    } finally {
      await db().bookJob.update({ where: { id: jobId }, data: { status: "COMPLETED" } });
    }

    // A book whose generation has not started yet (PENDING) is busy too.
    const pending = (await callRoute(bookRoutes.books.POST, { user: owner, body: { ...brief, title: "Not Yet" } }))
      .json as Json;
    const before = await editingSnapshot(orgId);
    const res = await callRoute(bookRoutes.book.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId: pending.book.id },
      body: { title: "Renamed" },
    });
    expect(res.status).toBe(409);
    expect((res.json as Json).error.code).toBe("BOOK_BUSY");
    expect(await editingSnapshot(orgId)).toBe(before);
  });

  it("a failed book without content: chapter edits are refused, metadata can still be fixed", async () => {
    const created = (await callRoute(bookRoutes.books.POST, { user: owner, body: { ...brief, title: "Burnt Loaf" } }))
      .json as Json;
    const bookId = created.book.id as string;
    await db().chapter.create({ data: { bookId, order: 1, title: "Half written", status: "DONE", content: "Some" } });
    await db().bookJob.update({ where: { id: created.job.id }, data: { status: "FAILED", errorCode: "AUTH" } });
    await db().book.update({ where: { id: bookId }, data: { status: "FAILED" } });
    const [chapter] = await chaptersOf(bookId);
    const before = await editingSnapshot(orgId);
    const edit = await patchChapter(owner, bookId, chapter!.id, { content: "More" });
    expect(edit.status).toBe(409);
    expect((edit.json as Json).error.code).toBe("CONFLICT");
    expect(await editingSnapshot(orgId)).toBe(before);
    const renamed = await callRoute(bookRoutes.book.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId },
      body: { title: "Better Loaf" },
    });
    expect(renamed.json).toMatchObject({ book: { title: "Better Loaf", hasContent: false }, revision: null });
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(0);
  });
});
