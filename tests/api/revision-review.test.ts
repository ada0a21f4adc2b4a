// Revisions you can read (issue 16 §4): compare two versions chapter by chapter, words added and removed
// in each revision's summary, restore one chapter, name a version, and v2.0 when a book is regenerated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as compare from "@/app/api/books/[bookId]/revisions/compare/route";
import * as restoreChapter from "@/app/api/books/[bookId]/revisions/[revisionId]/restore-chapter/route";
import { revisionComparisonSchema } from "@/contracts/books";
import { db } from "@/server/db/client";
import { runGeneration } from "@/server/generation/run-generation";
import { testDeps } from "../helpers/books";
import { callRoute, type RouteHandler, type TestUser } from "../helpers/session-client";
import {
  chaptersOf,
  editingOrganization,
  editingRoutes,
  expectAssembled,
  generatedBook,
  type Json,
  patchChapter,
  putChapterOrder,
  revisionsOf,
  stopEditingWork,
} from "./book-editing-kit";

const { bookRevision, bookRevisions } = editingRoutes;

/** GET /revisions/compare with a query, its answer checked against the declared schema. */
async function compareAs(user: TestUser, bookId: string, query: string) {
  const res = await callRoute(compare.GET as RouteHandler, {
    user,
    params: { bookId },
    path: `/api/books/${bookId}/revisions/compare?${query}`,
  });
  if (res.status === 200) expect(revisionComparisonSchema.safeParse(res.json).success).toBe(true);
  return res;
}

const versionId = async (bookId: string, version: string) =>
  (await db().bookRevision.findFirstOrThrow({ where: { bookId, version } })).id;

describe("revisions you can read", () => {
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let orgId: string;

  beforeAll(async () => {
    ({ owner, member, guest, orgId } = await editingOrganization("reader", "Readable Press"));
  });
  afterAll(stopEditingWork);

  it("compares two versions, or one with the current text: a word diff per chapter, unchanged chapters collapsed", async () => {
    const { bookId } = await generatedBook(owner, "Compared Bread");
    const [first, second, third] = await chaptersOf(bookId);
    const original = second!.content;
    const firstWord = /\p{L}+/u.exec(original)![0];
    const edited = `${original.replace(firstWord, "Zanzibar")}\n\nA brand new closing line.`;
    expect((await patchChapter(member, bookId, second!.id, { content: edited })).status).toBe(200);

    // The summary of 1.1 counts the words the edit inserted and deleted (a word-level diff, not a delta).
    const v11 = (await revisionsOf(bookId)).find((r) => r.version === "1.1")!;
    expect(v11.changes).toMatchObject({
      kind: "chapter.updated",
      wordsAdded: 6,
      wordsRemoved: 1,
      chapters: [{ id: second!.id, order: 2, wordsAdded: 6, wordsRemoved: 1 }],
    });
    const listed = await callRoute(bookRevisions.GET, { user: guest, params: { bookId } });
    expect((listed.json as Json).items[0]).toMatchObject({
      version: "1.1",
      author: { id: member.id },
      changes: { wordsAdded: 6, wordsRemoved: 1 },
      name: null,
    });

    const v10 = await versionId(bookId, "1.0");
    const res = await compareAs(guest, bookId, `from=${v10}&to=${v11.id}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const diff = res.json as Json;
    expect(diff).toMatchObject({ from: { id: v10, version: "1.0" }, to: { id: v11.id, version: "1.1" } });
    expect(diff.wordsAdded).toBe(6);
    expect(diff.wordsRemoved).toBe(1);
    expect(diff.chapters.map((c: Json) => [c.number, c.status])).toEqual([
      [1, "unchanged"],
      [2, "changed"],
      [3, "unchanged"],
    ]);
    expect(diff.chapters[0]).toMatchObject({ title: first!.title, runs: null, words: first!.wordCount });
    expect(diff.chapters[2]).toMatchObject({ title: third!.title, runs: null });
    const runs = diff.chapters[1].runs as Json[];
    expect(runs).toContainEqual({ type: "removed", text: firstWord });
    expect(runs).toContainEqual({ type: "added", text: "Zanzibar" });
    expect(
      runs
        .filter((r) => r.type === "added")
        .map((r) => r.text)
        .join(""),
    ).toContain("closing line.");
    // The long unchanged middle of chapter 2 is left out as a `skip` with its word count.
    expect(runs.some((r) => r.type === "skip" && r.words > 0)).toBe(true);

    // 1.0 against the current text is the same change; the current side has no version.
    const current = (await compareAs(owner, bookId, `from=${v10}&to=current`)).json as Json;
    expect(current.to).toEqual({ id: null, version: null, name: null, createdAt: null });
    expect(current.chapters.map((c: Json) => c.status)).toEqual(["unchanged", "changed", "unchanged"]);
    expect(current.chapters[1].runs).toEqual(runs);

    // An unchanged chapter asked for alone comes back whole, as one kept run.
    const one = (await compareAs(owner, bookId, `from=${v10}&to=current&chapter=3`)).json as Json;
    expect(one.chapters).toHaveLength(1);
    expect(one.chapters[0]).toMatchObject({ number: 3, status: "unchanged" });
    expect(one.chapters[0].runs).toEqual([{ type: "same", text: third!.content.trim() }]);

    // A reorder: chapters recorded with ids pair up by id, so nothing reads as changed, only moved.
    expect((await putChapterOrder(owner, bookId, { chapterIds: [third!.id, first!.id, second!.id] })).status).toBe(200);
    const moved = (await compareAs(owner, bookId, `from=${v11.id}&to=current`)).json as Json;
    expect(moved.chapters.map((c: Json) => [c.number, c.numberBefore, c.status])).toEqual([
      [1, 3, "unchanged"],
      [2, 1, "unchanged"],
      [3, 2, "unchanged"],
    ]);
  });

  it("restores one chapter from an old version in one transaction: chapter, revision, stale formats, activity", async () => {
    const { bookId } = await generatedBook(owner, "Restored Bread");
    const [first, second] = await chaptersOf(bookId);
    await patchChapter(owner, bookId, first!.id, { content: "A new first chapter." });
    await patchChapter(owner, bookId, second!.id, { title: "Renamed", content: "A new second chapter." });
    await db().bookFormat.updateMany({ where: { bookId }, data: { stale: false } });
    await db().book.update({ where: { id: bookId }, data: { formatsStale: false } });
    const v10 = await versionId(bookId, "1.0");

    const res = await callRoute(restoreChapter.POST as RouteHandler, {
      user: member,
      params: { bookId, revisionId: v10 },
      body: { chapter: 2 },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((res.json as Json).book.formatsStale).toBe(true);
    expect((res.json as Json).revision).toMatchObject({
      version: "1.3",
      changes: {
        kind: "chapter.restored",
        restoredFrom: "1.0",
        restoredChapter: 2,
        chapters: [{ id: second!.id, order: 2, title: second!.title, fields: ["title", "content"] }],
      },
    });
    const [firstNow, secondNow] = await chaptersOf(bookId);
    expect(secondNow).toMatchObject({ title: second!.title, content: second!.content, wordCount: second!.wordCount });
    // Only that chapter: the other edit stays.
    expect(firstNow!.content).toBe("A new first chapter.");
    await expectAssembled(bookId);
    expect((await db().bookFormat.findMany({ where: { bookId } })).every((f) => f.stale)).toBe(true);
    const activity = await db().activityLog.findFirstOrThrow({
      where: { organizationId: orgId, action: "chapter.restored", resourceId: bookId },
    });
    expect(activity).toMatchObject({ actorId: member.id });
    expect(activity.metadata).toMatchObject({ restoredFrom: "1.0", chapterId: second!.id, version: "1.3" });

    // The same chapter again: nothing to do, no revision.
    const again = await callRoute(restoreChapter.POST as RouteHandler, {
      user: member,
      params: { bookId, revisionId: v10 },
      body: { chapter: 2 },
    });
    expect(again.status).toBe(200);
    expect((again.json as Json).revision).toBeNull();
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(4);

    // A chapter that version does not have is 400 naming the field, and nothing changes.
    const missing = await callRoute(restoreChapter.POST as RouteHandler, {
      user: member,
      params: { bookId, revisionId: v10 },
      body: { chapter: 9 },
    });
    expect(missing.status).toBe(400);
    expect((missing.json as Json).error).toMatchObject({ code: "VALIDATION_FAILED", field: "chapter" });
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(4);
  });

  it("names a version with a note (shown in the history and the comparison), and takes the name off", async () => {
    const { bookId } = await generatedBook(owner, "Named Bread");
    const v10 = await versionId(bookId, "1.0");
    const named = await callRoute(bookRevision.PATCH, {
      user: member,
      method: "PATCH",
      params: { bookId, revisionId: v10 },
      body: { name: "  Sent to the publisher ", note: "First proof, 12 March" },
    });
    expect(named.status, JSON.stringify(named.json)).toBe(200);
    expect((named.json as Json).revision).toMatchObject({
      version: "1.0",
      name: "Sent to the publisher",
      note: "First proof, 12 March",
      namedBy: { id: member.id },
    });
    const listed = (await callRoute(bookRevisions.GET, { user: guest, params: { bookId } })).json as Json;
    expect(listed.items[0]).toMatchObject({ name: "Sent to the publisher", namedBy: { id: member.id } });
    expect(listed.items[0].namedAt).toEqual(expect.any(String));
    const diff = (await compareAs(guest, bookId, `from=${v10}`)).json as Json;
    expect(diff.from).toMatchObject({ version: "1.0", name: "Sent to the publisher" });
    // Naming is not an edit: the text, the revision count and the formats are untouched.
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(1);

    const cleared = await callRoute(bookRevision.PATCH, {
      user: owner,
      method: "PATCH",
      params: { bookId, revisionId: v10 },
      body: { name: "" },
    });
    expect((cleared.json as Json).revision).toMatchObject({ name: null, note: null, namedBy: null, namedAt: null });
    const rows = await db().activityLog.findMany({
      where: { organizationId: orgId, action: "book.revision_named", resourceId: bookId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => (r.metadata as Json).name)).toEqual(["Sent to the publisher", null]);
  });

  it("a regenerated book gets the next major version (2.0), and a replayed finalize records no second one", async () => {
    const { bookId, jobId } = await generatedBook(owner, "Twice Baked");
    const [chapter] = await chaptersOf(bookId);
    await patchChapter(owner, bookId, chapter!.id, { content: "An edit between generations." });
    const first = await db().bookJob.findUniqueOrThrow({ where: { id: jobId } });
    // A new generation of the same book (its chapters reset to be written again).
    await db().chapter.updateMany({ where: { bookId }, data: { status: "PENDING" } });
    await db().book.update({ where: { id: bookId }, data: { status: "GENERATING" } });
    const again = await db().bookJob.create({
      data: {
        bookId,
        organizationId: first.organizationId,
        requestedById: owner.id,
        engine: first.engine,
        status: "PENDING",
        progressDetails: first.progressDetails ?? {},
      },
    });
    const { deps } = testDeps();
    expect(await runGeneration(deps, { bookJobId: again.id })).toBe("completed");
    const versions = async () => (await revisionsOf(bookId)).map((r) => r.version);
    expect(await versions()).toEqual(["1.0", "1.1", "2.0"]);
    const v20 = await db().bookRevision.findFirstOrThrow({ where: { bookId, version: "2.0" } });
    expect(v20.changes).toMatchObject({ kind: "generated", jobId: again.id });

    // The same job delivered again (a crash after its revision committed): still one 2.0.
    await db().bookJob.update({ where: { id: again.id }, data: { status: "PENDING", attempts: 0, completedAt: null } });
    await db().book.update({ where: { id: bookId }, data: { status: "GENERATING" } });
    expect(await runGeneration(deps, { bookJobId: again.id })).toBe("completed");
    expect(await versions()).toEqual(["1.0", "1.1", "2.0"]);

    // Edits after it continue the new major: 2.1.
    const edited = await patchChapter(owner, bookId, chapter!.id, { content: "After the second generation." });
    expect((edited.json as Json).revision.version).toBe("2.1");
  });
});
