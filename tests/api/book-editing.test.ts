import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bookChapter from "@/app/api/books/[bookId]/chapters/[chapterId]/route";
import * as bookChapterOrder from "@/app/api/books/[bookId]/chapters/order/route";
import * as bookChapters from "@/app/api/books/[bookId]/chapters/route";
import * as bookRevisionRestore from "@/app/api/books/[bookId]/revisions/[revisionId]/restore/route";
import * as bookRevision from "@/app/api/books/[bookId]/revisions/[revisionId]/route";
import * as bookRevisions from "@/app/api/books/[bookId]/revisions/route";
import { countWords } from "@/engines/word-count";
import type { FormatType } from "@/generated/prisma/enums";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { nextMinorVersion } from "@/server/books/record-revision";
import { splitBookMarkdown } from "@/server/books/restore-revision";
import { updateChapter } from "@/server/books/update-chapter";
import type { Ctx } from "@/server/context";
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

const brief = {
  title: "Bread at Home",
  topic: "baking sourdough bread at home",
  goal: "bake a first good loaf",
  language: "en",
  targetChapters: 3,
  targetWords: 600,
};
const FORMATS: FormatType[] = ["PDF", "EPUB", "DOCX", "HTML", "MARKDOWN"];

/** Everything an edit can touch in an organization (with the Foundation's snapshot: activity, members…). */
async function editingSnapshot(organizationId: string, userIds: string[] = []): Promise<string> {
  const d = db();
  const books = await d.book.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const bookIds = books.map((b) => b.id);
  const rows = await Promise.all([
    d.chapter.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookRevision.findMany({ where: { bookId: { in: bookIds } }, orderBy: { id: "asc" } }),
    d.bookFormat.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    d.bookJob.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    d.usageMetric.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    tenantSnapshot(organizationId, userIds),
  ]);
  const json = JSON.stringify({ books, rows }, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  return createHash("sha256").update(json).digest("hex");
}

const chaptersOf = (bookId: string) => db().chapter.findMany({ where: { bookId }, orderBy: { order: "asc" } });
const revisionsOf = (bookId: string) =>
  db().bookRevision.findMany({ where: { bookId }, orderBy: { createdAt: "asc" } });

/** Creates and fully generates a demo book through the routes; gives it rendered (fresh) formats. */
async function generatedBook(user: TestUser, title: string) {
  const res = await callRoute(bookRoutes.books.POST, { user, body: { ...brief, title } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const created = res.json as Json;
  const { deps } = testDeps();
  expect(await runGeneration(deps, { bookJobId: created.job.id })).toBe("completed");
  const bookId = created.book.id as string;
  const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
  await db().bookFormat.createMany({
    data: FORMATS.map((format) => ({
      bookId,
      organizationId: book.organizationId,
      format,
      filePath: `orgs/${book.organizationId}/books/${bookId}/${format.toLowerCase()}`,
      size: 1000n,
      status: "READY" as const,
      stale: false,
      renderedAt: new Date(),
    })),
  });
  return { bookId, jobId: created.job.id as string };
}

/** The book's content must always be its chapters assembled in order. */
async function expectAssembled(bookId: string) {
  const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
  expect(book.content).toBe(assembleBookMarkdown(book.title, await chaptersOf(bookId)));
  return book;
}

const patchChapter = (user: TestUser, bookId: string, chapterId: string, body: unknown) =>
  callRoute(bookChapter.PATCH, { user, method: "PATCH", params: { bookId, chapterId }, body });

describe("book editing", () => {
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let orgId: string;

  beforeAll(async () => {
    owner = await signUpAndSignIn("editor-owner");
    member = await signUpAndSignIn("editor-member");
    guest = await signUpAndSignIn("editor-guest");
    outsider = await signUpAndSignIn("editor-outsider");
    orgId = (
      (await callRoute(routes.organizations.POST, { user: owner, body: { name: "Editing Press" } })).json as Json
    ).organization.id;
    // More books than the free plan's monthly 10: this suite is about editing, not plan limits.
    await db().organization.update({ where: { id: orgId }, data: { plan: "PRO" } });
    await callRoute(routes.organizations.POST, { user: outsider, body: { name: "Other Press" } });
    for (const [user, role] of [
      [member, "MEMBER"],
      [guest, "GUEST"],
    ] as const) {
      await db().organizationMember.create({ data: { organizationId: orgId, userId: user.id, role } });
      expect((await callRoute(routes.activeOrganization.POST, { user, body: { organizationId: orgId } })).status).toBe(
        200,
      );
    }
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

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
    const res = await callRoute(bookChapterOrder.PUT, {
      user: member,
      method: "PUT",
      params: { bookId },
      body: { chapterIds: wanted },
    });
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
      const bad = await callRoute(bookChapterOrder.PUT, { user: owner, method: "PUT", params: { bookId }, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect((bad.json as Json).error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect(await editingSnapshot(orgId)).toBe(before);

    // The same order again records nothing.
    const same = await callRoute(bookChapterOrder.PUT, {
      user: owner,
      method: "PUT",
      params: { bookId },
      body: { chapterIds: wanted },
    });
    expect(same.status).toBe(200);
    expect((same.json as Json).revision).toBeNull();
    expect(await editingSnapshot(orgId)).toBe(before);
  });

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
    await callRoute(bookChapterOrder.PUT, {
      user: owner,
      method: "PUT",
      params: { bookId },
      body: { chapterIds: [third!.id, chapter!.id, second!.id] },
    });
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
