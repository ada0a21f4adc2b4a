import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookChecker, ChapterChecker, Finding } from "@/checkers/checker";
import { warmDictionaries } from "@/checkers/dictionaries";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { updateBook } from "@/server/books/update-book";
import { updateChapter } from "@/server/books/update-chapter";
import type { Ctx } from "@/server/context";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { streamJobEvents } from "@/server/generation/stream-job-events";
import { getQueue } from "@/server/queue/queue";
import { createOrgWithMember, recordingEnqueue } from "../../../tests/helpers/books";
import { readEvents } from "../../../tests/helpers/sse";
import { acceptWord } from "./accept-word";
import { applyCorrection } from "./apply-correction";
import { bulkCorrections } from "./bulk-corrections";
import { cancelCheck } from "./cancel-check";
import type { CheckerSource } from "./checkers-for-book";
import { dismissCorrection } from "./dismiss-correction";
import { checkFinishedTitle } from "./finish-check-run";
import { listCorrections } from "./list-corrections";
import { getCorrectionsOverview } from "./get-corrections-overview";
import { processBookChecks } from "./run-book-check";
import { startCheck } from "./start-check";

// The check job and the resolution workflow against the real database, with small deterministic checkers
// (the real spelling and grammar libraries have their own contract suite).

/** Flags "teh" (→ "the"), the made-up word "Zorblax" (no suggestion) and "a apple" (→ "an apple"). */
const testChecker: ChapterChecker = {
  id: "test",
  supports: () => true,
  async check(markdown, context) {
    const findings: Finding[] = [];
    const add = (re: RegExp, f: Omit<Finding, "startOffset" | "endOffset" | "original" | "checker">) => {
      for (const m of markdown.matchAll(re)) {
        if (context.acceptedWords.has(m[0])) continue;
        const start = m.index ?? 0;
        findings.push({ ...f, checker: "test", original: m[0], startOffset: start, endOffset: start + m[0].length });
      }
    };
    add(/\bteh\b/g, {
      type: "SPELLING",
      severity: "ERROR",
      ruleId: "misspelling",
      message: "Misspelt",
      suggestions: ["the"],
    });
    add(/\bZorblax\b/g, {
      type: "SPELLING",
      severity: "ERROR",
      ruleId: "misspelling",
      message: "Unknown word",
      suggestions: [],
    });
    add(/\ba apple\b/g, {
      type: "GRAMMAR",
      severity: "WARNING",
      ruleId: "a-an",
      message: "Use an",
      suggestions: ["an apple"],
    });
    return findings;
  },
};

/** A book-level checker: a chapter titled "Untitled" is a structure warning (no passage). */
const testStructure: BookChecker = {
  id: "test-structure",
  async check(book) {
    return book.chapters
      .filter((c) => c.title === "Untitled")
      .map((c) => ({
        type: "STRUCTURE" as const,
        severity: "WARNING" as const,
        ruleId: "untitled",
        checker: "test-structure",
        message: `Chapter ${c.order} has no title`,
        original: "",
        suggestions: [],
        chapterId: c.id,
        startOffset: null,
        endOffset: null,
      }));
  },
};

const checkedWith =
  (chapterChecker: ChapterChecker = testChecker): CheckerSource =>
  () => ({ chapterCheckers: [chapterChecker], bookCheckers: [testStructure] });

const deps = (checkers: CheckerSource = checkedWith()) => ({ db: db(), checkers, cancelPollMs: 20 });

async function seedBook(ctx: Ctx, chapters: { title: string; content: string }[], language = "en") {
  const organizationId = ctx.actor.organizationId;
  const title = "Orchard Notes";
  const book = await db().book.create({
    data: {
      organizationId,
      createdById: ctx.actor.userId,
      title,
      topic: "orchards",
      goal: "grow apples",
      language,
      status: "COMPLETED",
      content: assembleBookMarkdown(
        title,
        chapters.map((c, i) => ({ ...c, order: i + 1 })),
      ),
    },
  });
  const ids: string[] = [];
  for (const [index, chapter] of chapters.entries()) {
    const row = await db().chapter.create({
      data: {
        bookId: book.id,
        order: index + 1,
        ...chapter,
        status: "DONE",
        wordCount: chapter.content.split(/\s+/).length,
      },
    });
    ids.push(row.id);
  }
  await db().bookJob.create({ data: { bookId: book.id, organizationId, status: "COMPLETED" } });
  await db().bookFormat.create({
    data: { bookId: book.id, organizationId, format: "PDF", filePath: `f/${book.id}.pdf`, size: 10n, status: "READY" },
  });
  return { bookId: book.id, chapterIds: ids };
}

async function check(ctx: Ctx, bookId: string, full = false, checkers?: CheckerSource) {
  const { enqueue } = recordingEnqueue();
  const run = await startCheck(ctx, bookId, { full }, { via: enqueue });
  expect(await processBookChecks(deps(checkers), bookId)).toBe("done");
  return db().bookCheckRun.findUniqueOrThrow({ where: { id: run.id } });
}

const findingsOf = (bookId: string) =>
  db().chapterCorrection.findMany({ where: { bookId }, orderBy: [{ startOffset: "asc" }, { id: "asc" }] });

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

// The checkers are the test's own, but book names are found with the real dictionaries: load them first.
beforeAll(() => warmDictionaries(), 240_000);

describe("book checks and the resolution workflow", () => {
  let ctx: Ctx;
  let userId: string;

  beforeAll(async () => {
    const owner = await createOrgWithMember("corrections");
    ctx = owner.ctx;
    userId = owner.user.id;
  });
  afterAll(async () => {
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  it("a check stores findings once, summarises them, notifies and logs; a re-check never duplicates", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [
      { title: "Untitled", content: "I ate teh pear and a apple." },
      { title: "Two", content: "Clean text here." },
    ]);
    const run = await check(ctx, bookId, true);
    expect(run).toMatchObject({
      status: "COMPLETED",
      trigger: "MANUAL",
      chaptersTotal: 2,
      chaptersDone: 2,
      progress: 100,
    });
    expect(run.summary).toEqual({ errors: 1, warnings: 2, infos: 0, new: 3 });
    const findings = await findingsOf(bookId);
    expect(findings.map((f) => [f.original, f.startOffset, f.endOffset, f.suggestions, f.status])).toEqual([
      ["teh", 6, 9, ["the"], "OPEN"],
      ["a apple", 19, 26, ["an apple"], "OPEN"],
    ]);
    expect(
      findings.every((f) => f.chapterId === chapterIds[0] && f.fingerprint && f.suggestion === f.suggestions[0]),
    ).toBe(true);
    const structure = await db().bookCorrection.findMany({ where: { bookId } });
    expect(structure).toEqual([
      expect.objectContaining({ ruleId: "untitled", chapterId: chapterIds[0], status: "OPEN" }),
    ]);
    const chapter = await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } });
    expect(chapter.checkedHash).toMatch(/^[0-9a-f]{64}$/);

    const notifications = await db().notification.findMany({
      where: { userId, type: "book.checked", link: `/app/books/${bookId}` },
    });
    expect(notifications.map((n) => n.title)).toEqual(["Check finished: 1 error, 2 warnings"]);
    expect(await db().activityLog.count({ where: { action: "book.checked", resourceId: bookId } })).toBe(1);

    const again = await check(ctx, bookId, true);
    expect(again.summary).toEqual({ errors: 1, warnings: 2, infos: 0, new: 0 });
    expect((await findingsOf(bookId)).map((f) => f.id)).toEqual(findings.map((f) => f.id));
    expect(await db().bookCorrection.count({ where: { bookId } })).toBe(1);

    const listed = await listCorrections(ctx, bookId, { limit: 2 });
    expect(listed.items.map((c) => [c.scope, c.original])).toEqual([
      ["BOOK", null],
      ["CHAPTER", "teh"],
    ]);
    const next = await listCorrections(ctx, bookId, { limit: 2, cursor: listed.nextCursor ?? "" });
    expect(next.items.map((c) => c.original)).toEqual(["a apple"]);
    expect(next.nextCursor).toBeNull();
    expect((await listCorrections(ctx, bookId, { type: "SPELLING" })).items).toHaveLength(1);
    const overview = await getCorrectionsOverview(ctx, bookId);
    expect(overview).toMatchObject({
      variant: "en-US",
      latestRun: { id: again.id, status: "COMPLETED" },
      counts: {
        open: 3,
        bySeverity: { ERROR: 1, WARNING: 2, INFO: 0, CRITICAL: 0 },
        byType: { SPELLING: 1, GRAMMAR: 1, STRUCTURE: 1 },
      },
    });
  });

  it("a check is not an edit: an author who opened the editor before it ran saves without a conflict", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [{ title: "One", content: "I ate teh pear." }]);
    const opened = await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } });
    await check(ctx, bookId, true);
    const checked = await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } });
    expect(checked.checkedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(checked.updatedAt).toEqual(opened.updatedAt);

    const saved = await updateChapter(
      ctx,
      { bookId, chapterId: opened.id },
      { content: "I ate the pear.", expectedUpdatedAt: opened.updatedAt.toISOString() },
    );
    expect(saved.chapter.content).toBe("I ate the pear.");
  });

  it("a book's language variant: set, shown, checked in; a variant of the other language is refused", async () => {
    const { bookId } = await seedBook(ctx, [{ title: "One", content: "The harbour." }]);
    const seen: string[] = [];
    const spy: ChapterChecker = {
      ...testChecker,
      check: (markdown, context) => {
        seen.push(context.variant);
        return testChecker.check(markdown, context);
      },
    };
    expect((await updateBook(ctx, bookId, { languageVariant: "en-GB" })).book.languageVariant).toBe("en-GB");
    await check(ctx, bookId, true, checkedWith(spy));
    expect(seen).toEqual(["en-GB"]);
    expect((await getCorrectionsOverview(ctx, bookId)).variant).toBe("en-GB");
    await expectAppError(updateBook(ctx, bookId, { languageVariant: "fr-FR" }), "VALIDATION_FAILED");
    // An unknown variant fails the contract's schema (the route answers it 400 with the field).
    await expect(updateBook(ctx, bookId, { languageVariant: "de-DE" as never })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["languageVariant"] })],
    });
    // A new language drops the old language's variant: the French default applies.
    expect((await updateBook(ctx, bookId, { language: "fr" })).book.languageVariant).toBe("fr-FR");
    expect(await db().book.findUniqueOrThrow({ where: { id: bookId } })).toMatchObject({ languageVariant: null });
  });

  it("the notification speaks the reader's language", () => {
    const summary = { errors: 3, warnings: 12, infos: 0, new: 3 };
    expect(checkFinishedTitle(summary, "en")).toBe("Check finished: 3 errors, 12 warnings");
    expect(checkFinishedTitle(summary, "fr")).toBe("Vérification terminée : 3 erreurs, 12 avertissements");
  });

  it("apply replaces the text in one transaction: revision, stale formats, re-anchored findings, activity", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [{ title: "One", content: "Teh tree: teh pear and a apple." }]);
    await check(
      ctx,
      bookId,
      true,
      checkedWith({
        ...testChecker,
        // Also flags "teh pear" as a whole, overlapping the second "teh": applying that one resolves it.
        async check(markdown, context) {
          const base = await testChecker.check(markdown, context);
          const at = markdown.indexOf("teh pear");
          if (at >= 0)
            base.push({
              type: "STYLE",
              severity: "INFO",
              ruleId: "pear",
              checker: "test",
              message: "pear",
              original: "teh pear",
              suggestions: [],
              startOffset: at,
              endOffset: at + 8,
            });
          return base;
        },
      }),
    );
    const [teh, apple] = await findingsOf(bookId).then((rows) => rows.filter((r) => r.ruleId !== "pear"));
    const pear = await db().chapterCorrection.findFirstOrThrow({ where: { bookId, ruleId: "pear" } });
    expect(teh?.original).toBe("teh");
    expect(apple?.original).toBe("a apple");
    const revisionsBefore = await db().bookRevision.count({ where: { bookId } });

    const applied = await applyCorrection(ctx, teh!.id, { suggestionIndex: 0 });
    expect(applied.correction).toMatchObject({ id: teh!.id, status: "ACCEPTED", resolvedBy: { id: userId } });
    const chapter = await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } });
    expect(chapter.content).toBe("Teh tree: the pear and a apple.");
    const book = await db().book.findUniqueOrThrow({ where: { id: bookId } });
    expect(book.content).toBe(assembleBookMarkdown(book.title, [chapter]));
    expect(book.formatsStale).toBe(true);
    expect(await db().bookFormat.findFirstOrThrow({ where: { bookId } })).toMatchObject({ stale: true });
    const revision = await db().bookRevision.findUniqueOrThrow({ where: { id: applied.revisionId } });
    expect(revision.changes).toMatchObject({ kind: "corrections.applied", corrections: [teh!.id] });
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(revisionsBefore + 1);
    // "a apple" is after the edit: same length replacement ("teh" → "the"), so the same offsets, still OPEN.
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: apple!.id } })).toMatchObject({
      status: "OPEN",
      startOffset: 23,
    });
    // "teh pear" overlapped the edit: its text is gone.
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: pear.id } })).toMatchObject({
      status: "RESOLVED",
    });
    expect(await db().activityLog.count({ where: { action: "correction.applied", resourceId: bookId } })).toBe(1);

    // A longer replacement shifts what follows: "a apple" → "an apple" (+1). Then apply the capitalised "Teh".
    await applyCorrection(ctx, apple!.id, {});
    const first = (await findingsOf(bookId)).find((f) => f.original === "Teh");
    expect(first).toBeUndefined(); // the test checker is case-sensitive: only lowercase "teh" is flagged
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } })).content).toBe(
      "Teh tree: the pear and an apple.",
    );
    // Already accepted: a second apply is a conflict, and nothing changes.
    await expectAppError(applyCorrection(ctx, apple!.id, {}), "CONFLICT");
    await expectAppError(applyCorrection(ctx, teh!.id, { suggestionIndex: 3 }), "CONFLICT");
  });

  it("apply refuses a finding whose text changed (409 CORRECTION_STALE) and changes nothing", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [{ title: "One", content: "We saw teh moon." }]);
    await check(ctx, bookId, true);
    const [teh] = await findingsOf(bookId);
    // Edited outside the check's knowledge (a second tab): the finding still points at offsets 7..10.
    await db().chapter.update({ where: { id: chapterIds[0] }, data: { content: "Yesterday we saw teh moon." } });
    const before = {
      chapter: await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } }),
      revisions: await db().bookRevision.count({ where: { bookId } }),
      finding: await db().chapterCorrection.findUniqueOrThrow({ where: { id: teh!.id } }),
      book: await db().book.findUniqueOrThrow({ where: { id: bookId } }),
    };
    await expectAppError(applyCorrection(ctx, teh!.id, {}), "CORRECTION_STALE");
    expect(await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } })).toEqual(before.chapter);
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(before.revisions);
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: teh!.id } })).toEqual(before.finding);
    expect(await db().book.findUniqueOrThrow({ where: { id: bookId } })).toEqual(before.book);
  });

  it("bulk apply writes every matching suggestion under one revision and counts the stale ones", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [
      { title: "One", content: "teh cat and teh dog and a apple." },
      { title: "Two", content: "Over teh hill." },
    ]);
    await check(ctx, bookId, true);
    // The second chapter changes by hand after the check: its finding is stale.
    await db().chapter.update({ where: { id: chapterIds[1] }, data: { content: "Over there, teh hill." } });
    const revisionsBefore = await db().bookRevision.count({ where: { bookId } });
    const result = await bulkCorrections(ctx, bookId, { action: "apply", type: "SPELLING" });
    expect(result).toMatchObject({ applied: 2, dismissed: 0, skippedStale: 1 });
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(revisionsBefore + 1);
    expect((await db().chapter.findUniqueOrThrow({ where: { id: chapterIds[0] } })).content).toBe(
      "the cat and the dog and a apple.",
    );
    const revision = await db().bookRevision.findUniqueOrThrow({ where: { id: result.revisionId ?? "" } });
    expect((revision.changes as { corrections: string[] }).corrections).toHaveLength(2);
    const apple = (await findingsOf(bookId)).find((f) => f.ruleId === "a-an");
    expect(apple).toMatchObject({ status: "OPEN", startOffset: 24, endOffset: 31 });

    const dismissed = await bulkCorrections(ctx, bookId, { action: "dismiss", ruleId: "a-an", reason: "house style" });
    expect(dismissed).toEqual({ applied: 0, dismissed: 1, skippedStale: 0, revisionId: null });
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: apple!.id } })).toMatchObject({
      status: "REJECTED",
      resolutionNote: "house style",
    });
  });

  it("a dismissed finding stays dismissed through re-checks; a fixed one becomes RESOLVED", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [{ title: "One", content: "A Zorblax ate a apple." }]);
    await check(ctx, bookId, true);
    const zorblax = (await findingsOf(bookId)).find((f) => f.original === "Zorblax")!;
    const dismissed = await dismissCorrection(ctx, zorblax.id, { reason: "a name" });
    expect(dismissed).toMatchObject({ status: "REJECTED", resolutionNote: "a name" });
    await expectAppError(dismissCorrection(ctx, zorblax.id, {}), "CONFLICT");

    await updateChapter(ctx, { bookId, chapterId: chapterIds[0]! }, { content: "A Zorblax ate an apple." });
    expect(await processBookChecks(deps(), bookId)).toBe("done");
    const after = await findingsOf(bookId);
    expect(after.map((f) => [f.original, f.status])).toEqual([
      ["Zorblax", "REJECTED"],
      ["a apple", "RESOLVED"],
    ]);
    expect(after.find((f) => f.original === "a apple")).toMatchObject({
      resolvedById: null,
      resolutionNote: "No longer present in the text",
    });
  });

  it("an edit re-checks only the changed chapter; a pending run takes every request meanwhile", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [
      { title: "One", content: "teh first." },
      { title: "Two", content: "teh second." },
    ]);
    await check(ctx, bookId, true);
    const firstFinding = (await findingsOf(bookId)).find((f) => f.chapterId === chapterIds[0])!;

    await updateChapter(ctx, { bookId, chapterId: chapterIds[1]! }, { content: "The second, teh end." });
    await updateChapter(ctx, { bookId, chapterId: chapterIds[1]! }, { content: "The second, then teh end." });
    const pending = await db().bookCheckRun.findMany({ where: { bookId, status: "PENDING" } });
    expect(pending).toEqual([expect.objectContaining({ trigger: "EDIT", chapterIds: [chapterIds[1]] })]);

    const seen: string[] = [];
    const spy: ChapterChecker = {
      ...testChecker,
      check: (markdown, context) => {
        seen.push(markdown);
        return testChecker.check(markdown, context);
      },
    };
    expect(await processBookChecks(deps(checkedWith(spy)), bookId)).toBe("done");
    expect(seen).toEqual(["The second, then teh end."]);
    const run = await db().bookCheckRun.findUniqueOrThrow({ where: { id: pending[0]!.id } });
    expect(run).toMatchObject({ status: "COMPLETED", chaptersTotal: 1, chaptersDone: 1 });
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: firstFinding.id } })).toEqual(firstFinding);
    const second = (await findingsOf(bookId)).filter((f) => f.chapterId === chapterIds[1]);
    expect(second.map((f) => [f.original, f.startOffset, f.status])).toEqual([["teh", 17, "OPEN"]]);

    // Nothing changed since: an incremental check reads no chapter.
    seen.length = 0;
    const idle = await check(ctx, bookId, false, checkedWith(spy));
    expect(seen).toEqual([]);
    expect(idle).toMatchObject({ status: "COMPLETED", chaptersTotal: 0 });
  });

  it("Add to dictionary resolves the word across the organization's books of that language, not elsewhere", async () => {
    const a = await seedBook(ctx, [{ title: "One", content: "Zorblax sings." }]);
    const b = await seedBook(ctx, [{ title: "One", content: "The Zorblax flies." }]);
    const french = await seedBook(ctx, [{ title: "Un", content: "Le Zorblax vole." }], "fr");
    const other = await createOrgWithMember("corrections-other");
    const foreign = await seedBook(other.ctx, [{ title: "One", content: "Zorblax again." }]);
    for (const book of [a, b, french]) await check(ctx, book.bookId, true);
    await check(other.ctx, foreign.bookId, true);

    expect(await acceptWord(ctx, a.bookId, { word: "Zorblax", scope: "ORGANIZATION" })).toEqual({ resolved: 2 });
    for (const book of [a, b]) {
      expect((await findingsOf(book.bookId)).map((f) => f.status)).toEqual(["RESOLVED"]);
    }
    expect((await findingsOf(french.bookId)).map((f) => f.status)).toEqual(["OPEN"]);
    expect((await findingsOf(foreign.bookId)).map((f) => f.status)).toEqual(["OPEN"]);
    expect(await db().organizationWord.findMany({ where: { word: "Zorblax" } })).toEqual([
      expect.objectContaining({ organizationId: ctx.actor.organizationId, language: "en", addedById: userId }),
    ]);
    // The next check of the book passes the word as accepted: nothing is reopened or added.
    await updateChapter(ctx, { bookId: b.bookId, chapterId: b.chapterIds[0]! }, { content: "The Zorblax flies high." });
    await processBookChecks(deps(), b.bookId);
    expect((await findingsOf(b.bookId)).map((f) => f.status)).toEqual(["RESOLVED"]);

    // "Ignore in this book": the French book's ignore list.
    expect(await acceptWord(ctx, french.bookId, { word: "Zorblax", scope: "BOOK" })).toEqual({ resolved: 1 });
    expect(await db().book.findUniqueOrThrow({ where: { id: french.bookId } })).toMatchObject({
      ignoredWords: ["Zorblax"],
    });
    await expectAppError(acceptWord(ctx, foreign.bookId, { word: "x", scope: "BOOK" }), "NOT_FOUND");
  });

  it("cancel: a pending run ends at once; a running one stops between chapters and keeps what it stored", async () => {
    const { bookId, chapterIds } = await seedBook(ctx, [
      { title: "One", content: "teh one." },
      { title: "Two", content: "teh two." },
      { title: "Three", content: "teh three." },
    ]);
    const { enqueue } = recordingEnqueue();
    const pending = await startCheck(ctx, bookId, { full: true }, { via: enqueue });
    expect(await cancelCheck(ctx, bookId)).toMatchObject({ id: pending.id, status: "CANCELLED" });
    await expectAppError(cancelCheck(ctx, bookId), "CONFLICT");

    const run = await startCheck(ctx, bookId, { full: true }, { via: enqueue });
    let calls = 0;
    const cancelling: ChapterChecker = {
      ...testChecker,
      async check(markdown, context) {
        calls += 1;
        if (calls === 1) await cancelCheck(ctx, bookId);
        return testChecker.check(markdown, context);
      },
    };
    await processBookChecks(deps(checkedWith(cancelling)), bookId);
    expect(await db().bookCheckRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: "CANCELLED",
      chaptersDone: 1,
    });
    expect(calls).toBe(1);
    expect((await findingsOf(bookId)).map((f) => f.chapterId)).toEqual([chapterIds[0]]);
  });

  it("the book's event stream sends check frames and stays open while a check is pending or running", async () => {
    const { bookId } = await seedBook(ctx, [{ title: "One", content: "teh end." }]);
    const { enqueue } = recordingEnqueue();
    const run = await startCheck(ctx, bookId, { full: true }, { via: enqueue });
    const stream = await streamJobEvents(ctx, bookId, { includeChecks: true, pollMs: 30 });
    const reading = readEvents(new Response(stream), () => false, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await processBookChecks(deps(), bookId);
    const { events, ended } = await reading;
    expect(ended).toBe(true);
    expect(events[0]).toMatchObject({ event: "progress", data: { job: { status: "COMPLETED" } } });
    const checks = events
      .filter((e) => e.event === "check")
      .map((e) => (e.data as { run: { id: string; status: string } }).run);
    expect(checks[0]).toMatchObject({ id: run.id, status: "PENDING" });
    expect(checks.at(-1)).toMatchObject({ id: run.id, status: "COMPLETED", summary: { errors: 1 } });
    expect(events.at(-1)).toEqual({ event: "end", data: { status: "COMPLETED" } });

    // Without checks (API v1's job stream), a finished job ends the stream at once.
    const plain = await readEvents(new Response(await streamJobEvents(ctx, bookId, { pollMs: 30 })), () => false);
    expect(plain.events.map((e) => e.event)).toEqual(["progress", "end"]);
  });
});
