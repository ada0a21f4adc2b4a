// Editing a generated book's chapters: versions, re-assembly, stale formats, edit conflicts, concurrent
// edits and reordering. Book metadata and revisions: book-revisions.test.ts; who may edit: book-editing-access.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWords } from "@/engines/word-count";
import { nextMinorVersion } from "@/server/books/record-revision";
import { db } from "@/server/db/client";
import { bookRoutes } from "./book-routes";
import { callRoute, type TestUser } from "../helpers/session-client";
import {
  editingOrganization,
  editingRoutes,
  type Json,
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

const { bookChapter, bookChapters } = editingRoutes;

describe("book editing: chapters", () => {
  let owner: TestUser;
  let member: TestUser;
  let orgId: string;

  beforeAll(async () => {
    ({ owner, member, orgId } = await editingOrganization("editor", "Editing Press"));
  });
  afterAll(stopEditingWork);

  it("versions count up numerically", () => {
    expect(nextMinorVersion("1.0")).toBe("1.1");
    expect(nextMinorVersion("1.9")).toBe("1.10");
    expect(nextMinorVersion("2.14")).toBe("2.15");
    expect(nextMinorVersion(null)).toBe("1.1");
  });

  it("a chapter edit re-assembles the book, records revision 1.1, marks formats stale and logs it", async () => {
    const { bookId } = await generatedBook(owner, "Edited Bread");
    const [first, second] = await chaptersOf(bookId);
    const oldContent = (await db().book.findUniqueOrThrow({ where: { id: bookId } })).content;
    const usageBefore = await db().usageMetric.findFirst({ where: { organizationId: orgId, metric: "STORAGE_USED" } });

    const listed = await callRoute(bookChapters.GET, { user: member, params: { bookId } });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ version: "1.0", editing: { allowed: true, reason: null } });
    expect((listed.json as Json).chapters.map((c: Json) => c.id)).toEqual((await chaptersOf(bookId)).map((c) => c.id));
    expect((listed.json as Json).chapters[0]).not.toHaveProperty("content");

    const shown = await callRoute(bookChapter.GET, { user: member, params: { bookId, chapterId: first!.id } });
    expect(shown.status).toBe(200);
    const opened = (shown.json as Json).chapter;
    expect(opened.content).toBe(first!.content);

    const text = "# A heading the editor typed\n\nKnead the dough **gently** for ten minutes.\r\n\r\nThen let it rest.";
    const edit = await patchChapter(member, bookId, first!.id, {
      content: text,
      title: "Kneading, Revised",
      expectedUpdatedAt: opened.updatedAt,
    });
    expect(edit.status).toBe(200);
    const answer = edit.json as Json;
    const normalized = text.replace(/\r\n/g, "\n");
    expect(answer.chapter).toMatchObject({
      id: first!.id,
      title: "Kneading, Revised",
      content: normalized,
      wordCount: countWords(normalized),
    });
    expect(answer.book).toMatchObject({ id: bookId, formatsStale: true });
    expect(answer.revision).toMatchObject({ version: "1.1", authorId: member.id });

    const book = await expectAssembled(bookId);
    expect(book.content).not.toBe(oldContent);
    expect(book.content).toContain("## Kneading, Revised");
    // The editor's `#` heading cannot split the book: it is demoted inside the chapter.
    expect(book.content).toContain("### A heading the editor typed");
    expect(book.formatsStale).toBe(true);
    expect((await db().bookFormat.findMany({ where: { bookId } })).every((f) => f.stale)).toBe(true);
    const usageAfter = await db().usageMetric.findFirst({ where: { organizationId: orgId, metric: "STORAGE_USED" } });
    expect(usageAfter?.value).not.toBe(usageBefore?.value);

    const revisions = await revisionsOf(bookId);
    expect(revisions.map((r) => r.version)).toEqual(["1.0", "1.1"]);
    const revision = revisions[1]!;
    expect(revision.content).toBe(book.content);
    expect(revision.authorId).toBe(member.id);
    const wordsBefore = (first!.wordCount ?? 0) + (second!.wordCount ?? 0) + (await chaptersOf(bookId))[2]!.wordCount;
    expect(revision.changes).toMatchObject({
      kind: "chapter.updated",
      chapters: [
        {
          id: first!.id,
          order: 1,
          fields: ["title", "content"],
          wordsBefore: first!.wordCount,
          wordsAfter: countWords(normalized),
        },
      ],
      wordsBefore,
      wordsDelta: countWords(normalized) - first!.wordCount,
    });

    const activity = await db().activityLog.findFirstOrThrow({
      where: { organizationId: orgId, action: "chapter.updated", resourceId: bookId },
    });
    expect(activity).toMatchObject({ actorId: member.id, resource: "book" });
    expect(activity.metadata).toMatchObject({ chapterId: first!.id, version: "1.1", fields: ["title", "content"] });

    // A second edit is 1.2; sending the same text again records nothing.
    const again = await patchChapter(owner, bookId, second!.id, { content: "Shape the loaf." });
    expect((again.json as Json).revision.version).toBe("1.2");
    const before = await editingSnapshot(orgId);
    const same = await patchChapter(owner, bookId, second!.id, { content: "Shape the loaf." });
    expect(same.status).toBe(200);
    expect((same.json as Json).revision).toBeNull();
    expect(await editingSnapshot(orgId)).toBe(before);
    await expectAssembled(bookId);
  });

  it("refuses an edit made on a stale copy (409 EDIT_CONFLICT with the current chapter), changing nothing", async () => {
    const { bookId } = await generatedBook(owner, "Conflicted Bread");
    const [chapter] = await chaptersOf(bookId);
    const staleUpdatedAt = chapter!.updatedAt.toISOString();
    const first = await patchChapter(owner, bookId, chapter!.id, {
      content: "Owner's version.",
      expectedUpdatedAt: staleUpdatedAt,
    });
    expect(first.status).toBe(200);

    const before = await editingSnapshot(orgId, [member.id]);
    const late = await patchChapter(member, bookId, chapter!.id, {
      content: "Member's version, written on the old copy.",
      expectedUpdatedAt: staleUpdatedAt,
    });
    expect(late.status).toBe(409);
    const error = (late.json as Json).error;
    expect(error).toMatchObject({ code: "EDIT_CONFLICT", field: "expectedUpdatedAt" });
    expect(error.current.chapter).toMatchObject({ id: chapter!.id, content: "Owner's version." });
    expect(error.current.chapter.updatedAt).toBe((first.json as Json).chapter.updatedAt);
    expect(await editingSnapshot(orgId, [member.id])).toBe(before);

    // With the current updatedAt the member's edit goes through.
    const retried = await patchChapter(member, bookId, chapter!.id, {
      content: "Member's version.",
      expectedUpdatedAt: error.current.chapter.updatedAt,
    });
    expect(retried.status).toBe(200);
    expect((retried.json as Json).revision.version).toBe("1.2");

    // Book metadata has the same guard.
    const bookBefore = await editingSnapshot(orgId);
    const stale = await callRoute(bookRoutes.book.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId },
      body: { topic: "rye bread", expectedUpdatedAt: new Date(0).toISOString() },
    });
    expect(stale.status).toBe(409);
    expect((stale.json as Json).error.current.book).toMatchObject({ id: bookId, topic: brief.topic });
    expect(await editingSnapshot(orgId)).toBe(bookBefore);
  });

  it("concurrent edits of one book each get their own version and all land in the content", async () => {
    const { bookId } = await generatedBook(owner, "Busy Kitchen");
    const chapters = await chaptersOf(bookId);
    const edits = chapters.flatMap((chapter, i) =>
      [1, 2].map((n) => patchChapter(n === 1 ? owner : member, bookId, chapter.id, { title: `Chapter ${i + 1}.${n}` })),
    );
    const results = await Promise.all(edits);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const versions = (await revisionsOf(bookId)).map((r) => r.version).sort((a, b) => a.localeCompare(b, "en"));
    expect(versions).toEqual(["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]);
    const book = await expectAssembled(bookId);
    const latest = await db().bookRevision.findFirstOrThrow({ where: { bookId, version: "1.6" } });
    expect(latest.content).toBe(book.content);
  });

  it("an edit that loses its version to another writer retries with the next one", async () => {
    const { bookId } = await generatedBook(owner, "Raced Bread");
    const [chapter] = await chaptersOf(bookId);
    let edit: ReturnType<typeof patchChapter> | undefined;
    // Another transaction takes 1.1 and commits only after the edit has tried to insert 1.1 as well.
    await db().$transaction(async (tx) => {
      await tx.bookRevision.create({
        data: { bookId, version: "1.1", content: "elsewhere", changes: { kind: "other" } },
      });
      edit = patchChapter(owner, bookId, chapter!.id, { content: "Raced edit." });
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    const res = await edit!;
    expect(res.status).toBe(200);
    expect((res.json as Json).revision.version).toBe("1.2");
    expect((await revisionsOf(bookId)).map((r) => r.version).sort()).toEqual(["1.0", "1.1", "1.2"]);
    expect(await db().activityLog.count({ where: { action: "chapter.updated", resourceId: bookId } })).toBe(1);
    await expectAssembled(bookId);
  });

  it("reorders chapters to any permutation, keeping each chapter's updatedAt", async () => {
    const { bookId } = await generatedBook(owner, "Reordered Bread");
    const chapters = await chaptersOf(bookId);
    const ids = chapters.map((c) => c.id);
    const wanted = [ids[2]!, ids[0]!, ids[1]!];
    const res = await putChapterOrder(member, bookId, { chapterIds: wanted });
    expect(res.status).toBe(200);
    const answer = res.json as Json;
    expect(answer.chapters.map((c: Json) => [c.id, c.order])).toEqual(wanted.map((id, i) => [id, i + 1]));
    expect(answer.revision).toMatchObject({ version: "1.1" });
    const after = await chaptersOf(bookId);
    expect(after.map((c) => c.id)).toEqual(wanted);
    expect(after.map((c) => c.order)).toEqual([1, 2, 3]);
    for (const c of after) {
      expect(c.updatedAt.getTime()).toBe(chapters.find((o) => o.id === c.id)!.updatedAt.getTime());
    }
    const book = await expectAssembled(bookId);
    expect(book.content!.indexOf(`## ${chapters[2]!.title.trim()}`)).toBeLessThan(
      book.content!.indexOf(`## ${chapters[0]!.title.trim()}`),
    );
    expect(book.formatsStale).toBe(true);
    const revision = (await revisionsOf(bookId))[1]!;
    expect(revision.changes).toMatchObject({ kind: "chapters.reordered", chapterIds: wanted, wordsDelta: 0 });
    const activity = await db().activityLog.findFirstOrThrow({
      where: { organizationId: orgId, action: "chapters.reordered", resourceId: bookId },
    });
    expect((activity.metadata as Json).moved).toHaveLength(3);

    // Other books' ids, duplicates, missing or extra ids: 400 on chapterIds, nothing changed.
    const other = await generatedBook(owner, "Another Loaf");
    const foreignId = (await chaptersOf(other.bookId))[0]!.id;
    const before = await editingSnapshot(orgId);
    const invalid: [unknown, string][] = [
      [{ chapterIds: [wanted[0], wanted[1]] }, "chapterIds"],
      [{ chapterIds: [...wanted, foreignId] }, "chapterIds"],
      [{ chapterIds: [wanted[0], wanted[1], foreignId] }, "chapterIds"],
      [{ chapterIds: [wanted[0], wanted[0], wanted[1]] }, "chapterIds"],
      [{ chapterIds: [] }, "chapterIds"],
      [{ chapterIds: "all" }, "chapterIds"],
      [{}, "chapterIds"],
      [{ chapterIds: [1, 2, 3] }, "chapterIds.0"],
    ];
    for (const [body, field] of invalid) {
      const bad = await putChapterOrder(owner, bookId, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect((bad.json as Json).error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect(await editingSnapshot(orgId)).toBe(before);

    // The same order again records nothing.
    const same = await putChapterOrder(owner, bookId, { chapterIds: wanted });
    expect(same.status).toBe(200);
    expect((same.json as Json).revision).toBeNull();
    expect(await editingSnapshot(orgId)).toBe(before);
  });
});
