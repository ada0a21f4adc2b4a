import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgRole } from "@/generated/prisma/enums";
import { assembleBookMarkdown } from "@/server/books/assemble-book-markdown";
import { updateChapter } from "@/server/books/update-chapter";
import type { Ctx } from "@/server/context";
import { applyCorrection } from "@/server/corrections/apply-correction";
import { dismissCorrection } from "@/server/corrections/dismiss-correction";
import { listCorrections } from "@/server/corrections/list-corrections";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { closeJobEvents } from "@/server/generation/job-events";
import { streamJobEvents } from "@/server/generation/stream-job-events";
import { getQueue } from "@/server/queue/queue";
import { createOrgWithMember } from "../../../tests/helpers/books";
import { sessionCtx } from "../../../tests/helpers/session-ctx";
import { readEvents } from "../../../tests/helpers/sse";
import { createComment } from "./create-comment";
import { createSuggestion } from "./create-suggestion";
import { deleteComment } from "./delete-comment";
import { listComments } from "./list-comments";
import { listMentionable } from "./list-mentionable";
import { replyToComment } from "./reply-to-comment";
import { setCommentStatus } from "./set-comment-status";

// Book review against the real database: comments anchored to passages, their threads, mentions and the
// notifications they send, re-anchoring after edits, suggestions from people through the corrections workflow,
// and the event stream's `review` frames.

const CHAPTER_ONE = "The orchard wakes at dawn. Bees hum over the pear trees. The farmer counts the crates.";
const CHAPTER_TWO = "Winter is quiet in the orchard.";

async function seedBook(ctx: Ctx) {
  const organizationId = ctx.actor.organizationId;
  const chapters = [
    { title: "Spring", content: CHAPTER_ONE },
    { title: "Winter", content: CHAPTER_TWO },
  ];
  const book = await db().book.create({
    data: {
      organizationId,
      createdById: ctx.actor.userId,
      title: "Orchard Year",
      topic: "orchards",
      goal: "grow pears",
      status: "COMPLETED",
      content: assembleBookMarkdown(
        "Orchard Year",
        chapters.map((c, i) => ({ ...c, order: i + 1 })),
      ),
    },
  });
  const chapterIds: string[] = [];
  for (const [index, chapter] of chapters.entries()) {
    const row = await db().chapter.create({
      data: { bookId: book.id, order: index + 1, ...chapter, status: "DONE", wordCount: 10 },
    });
    chapterIds.push(row.id);
  }
  await db().bookJob.create({ data: { bookId: book.id, organizationId, status: "COMPLETED" } });
  return { bookId: book.id, chapterIds };
}

/** A passage of chapter one by its text. */
function passage(chapterId: string, quote: string, content = CHAPTER_ONE) {
  const startOffset = content.indexOf(quote);
  if (startOffset < 0) throw new Error(`"${quote}" not in the chapter`);
  return { chapterId, startOffset, endOffset: startOffset + quote.length, quote };
}

async function joinAs(organizationId: string, label: string, role: OrgRole, locale = "en") {
  const user = await db().user.create({
    data: {
      name: `${label} Reader`,
      email: `${label}-${Date.now().toString(36)}@example.test`,
      emailVerified: true,
      locale,
    },
  });
  await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
  return {
    user,
    ctx: sessionCtx(db(), { userId: user.id, organizationId, role }, { ipAddress: null, userAgent: "vitest" }),
  };
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The notifications of this type a user got about this book. */
const notificationsOf = (userId: string, type: string, bookId: string) =>
  db().notification.findMany({ where: { userId, type, link: `/app/books/${bookId}` }, orderBy: { createdAt: "asc" } });

describe("comments, replies, mentions and suggestions", () => {
  let owner: Ctx;
  let ownerId: string;
  let member: { user: { id: string; email: string }; ctx: Ctx };
  let editor: { user: { id: string; email: string }; ctx: Ctx };
  let guest: { user: { id: string }; ctx: Ctx };
  let outsider: Ctx;

  beforeAll(async () => {
    const created = await createOrgWithMember("review");
    owner = created.ctx;
    ownerId = created.user.id;
    member = await joinAs(created.org.id, "mina", "MEMBER");
    editor = await joinAs(created.org.id, "eloi", "MEMBER", "fr");
    guest = await joinAs(created.org.id, "gus", "GUEST");
    outsider = (await createOrgWithMember("review-outsider")).ctx;
  });
  afterAll(async () => {
    await closeJobEvents();
    await (await getQueue()).stop({ graceful: false, wait: true });
  });

  it("a member comments on a passage, mentions a colleague; the mention and the book's writer are notified", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const comment = await createComment(member.ctx, bookId, {
      ...passage(chapterIds[0]!, "Bees hum"),
      body: "Do bees hum at dawn? @Eloi Reader",
      mentionIds: [editor.user.id],
    });
    expect(comment).toMatchObject({
      bookId,
      chapterId: chapterIds[0],
      quote: "Bees hum",
      startOffset: CHAPTER_ONE.indexOf("Bees hum"),
      status: "OPEN",
      detached: false,
      author: { id: member.user.id, name: "mina Reader" },
      mentions: [{ id: editor.user.id, name: "eloi Reader" }],
      replies: [],
    });
    const stored = await db().bookComment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(stored.contextBefore).toBe("The orchard wakes at dawn. ");
    expect(stored.contextAfter.startsWith(" over the pear")).toBe(true);

    // The mentioned person (French) is told in French, in-app and by mail; the owner (the book's writer) is
    // told "commented"; the author is told nothing.
    const mentioned = await notificationsOf(editor.user.id, "review.mentioned", bookId);
    expect(mentioned.map((n) => [n.title, n.body, n.link])).toEqual([
      [
        "mina Reader vous a mentionné dans « Orchard Year »",
        "Do bees hum at dawn? @Eloi Reader",
        `/app/books/${bookId}`,
      ],
    ]);
    expect(await db().outboxEmail.count({ where: { to: editor.user.email.toLowerCase() } })).toBe(1);
    expect((await notificationsOf(ownerId, "review.commented", bookId)).map((n) => n.title)).toEqual([
      "mina Reader commented on “Orchard Year”",
    ]);
    expect(await db().notification.count({ where: { userId: member.user.id } })).toBe(0);
    expect(
      await db().activityLog.count({
        where: { action: "comment.created", resourceId: bookId, actorId: member.user.id },
      }),
    ).toBe(1);

    // An @email typed in the body mentions its owner too.
    const typed = await createComment(owner, bookId, {
      ...passage(chapterIds[0]!, "crates"),
      body: `Ask @${member.user.email} about this`,
    });
    expect(typed.mentions.map((m) => m.id)).toEqual([member.user.id]);
    expect(await notificationsOf(member.user.id, "review.mentioned", bookId)).toHaveLength(1);

    const listed = await listComments(guest.ctx, bookId, { chapterId: chapterIds[0] });
    expect(listed.items.map((c) => c.quote)).toEqual(["Bees hum", "crates"]);
    expect((await listComments(owner, bookId, { chapterId: chapterIds[1] })).items).toEqual([]);
  });

  it("refuses a passage that no longer reads the quote, another book's chapter, strangers and GUESTs — and writes nothing", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const other = await seedBook(owner);
    const before = await db().bookComment.count();
    const stale = await appErrorOf(
      createComment(member.ctx, bookId, { ...passage(chapterIds[0]!, "Bees hum"), quote: "Bees sing", body: "Hm" }),
    );
    expect([stale.code, stale.field]).toEqual(["CONFLICT", "quote"]);
    const foreignChapter = await appErrorOf(
      createComment(member.ctx, bookId, { ...passage(other.chapterIds[0]!, "Bees hum"), body: "Hm" }),
    );
    expect(foreignChapter.code).toBe("NOT_FOUND");
    const stranger = await appErrorOf(
      createComment(member.ctx, bookId, {
        ...passage(chapterIds[0]!, "Bees hum"),
        body: "Hm",
        mentionIds: [outsider.actor.userId!],
      }),
    );
    expect([stranger.code, stranger.field]).toEqual(["VALIDATION_FAILED", "mentionIds"]);
    expect(
      (await appErrorOf(createComment(guest.ctx, bookId, { ...passage(chapterIds[0]!, "Bees hum"), body: "Hm" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await appErrorOf(
          createSuggestion(guest.ctx, bookId, { ...passage(chapterIds[0]!, "Bees hum"), replacement: "x" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await appErrorOf(listComments(outsider, bookId))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(listMentionable(outsider, bookId))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(listMentionable(guest.ctx, bookId))).code).toBe("FORBIDDEN");
    expect(await db().bookComment.count()).toBe(before);

    const people = await listMentionable(member.ctx, bookId);
    expect(people.items.map((p) => p.id).sort()).toEqual(
      [ownerId, member.user.id, editor.user.id, guest.user.id].sort(),
    );
  });

  it("a thread: replies notify the comment's author and earlier repliers; resolve and reopen; delete own", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const comment = await createComment(member.ctx, bookId, {
      ...passage(chapterIds[0]!, "pear trees"),
      body: "Apple?",
    });
    const replied = await replyToComment(owner, { bookId, commentId: comment.id }, { body: "Pears, really." });
    expect(replied.replies).toEqual([
      expect.objectContaining({
        body: "Pears, really.",
        author: { id: ownerId, name: expect.any(String) },
        mentions: [],
      }),
    ]);
    expect((await notificationsOf(member.user.id, "review.replied", bookId)).map((n) => n.title)).toEqual([
      expect.stringContaining("replied to a comment on “Orchard Year”"),
    ]);
    const second = await replyToComment(
      editor.ctx,
      { bookId, commentId: comment.id },
      { body: "Agreed @Mina", mentionIds: [member.user.id] },
    );
    expect(second.replies.map((r) => [r.body, r.mentions.map((m) => m.id)])).toEqual([
      ["Pears, really.", []],
      ["Agreed @Mina", [member.user.id]],
    ]);
    // The mention replaces the "replied" notice for the person mentioned; the earlier replier gets "replied".
    expect(await notificationsOf(member.user.id, "review.mentioned", bookId)).toHaveLength(1);
    expect(await notificationsOf(member.user.id, "review.replied", bookId)).toHaveLength(1);
    expect(await notificationsOf(ownerId, "review.replied", bookId)).toHaveLength(1);

    const resolved = await setCommentStatus(owner, { bookId, commentId: comment.id }, { status: "RESOLVED" });
    expect(resolved).toMatchObject({ status: "RESOLVED", resolvedBy: { id: ownerId } });
    const again = await appErrorOf(
      setCommentStatus(member.ctx, { bookId, commentId: comment.id }, { status: "RESOLVED" }),
    );
    expect([again.code, again.field]).toEqual(["CONFLICT", "status"]);
    expect(
      (await appErrorOf(setCommentStatus(guest.ctx, { bookId, commentId: comment.id }, { status: "OPEN" }))).code,
    ).toBe("FORBIDDEN");
    const reopened = await setCommentStatus(member.ctx, { bookId, commentId: comment.id }, { status: "OPEN" });
    expect(reopened).toMatchObject({ status: "OPEN", resolvedBy: null, resolvedAt: null });
    expect(
      (
        await db().activityLog.findMany({
          where: { resourceId: bookId, action: { startsWith: "comment." } },
          orderBy: { createdAt: "asc" },
        })
      ).map((a) => a.action),
    ).toEqual(["comment.created", "comment.replied", "comment.replied", "comment.resolved", "comment.reopened"]);

    // Another organization sees nothing of it; a GUEST cannot delete; its author can, with the thread.
    expect((await appErrorOf(deleteComment(outsider, { bookId, commentId: comment.id }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(deleteComment(guest.ctx, { bookId, commentId: comment.id }))).code).toBe("FORBIDDEN");
    await deleteComment(member.ctx, { bookId, commentId: comment.id });
    expect(await db().bookComment.count({ where: { id: comment.id } })).toBe(0);
    expect(await db().bookCommentReply.count({ where: { commentId: comment.id } })).toBe(0);
  });

  it("comments move with chapter edits; one whose text is gone keeps its quote and is detached", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const chapterId = chapterIds[0]!;
    const bees = await createComment(member.ctx, bookId, { ...passage(chapterId, "Bees hum"), body: "Bees" });
    const crates = await createComment(member.ctx, bookId, { ...passage(chapterId, "crates"), body: "Crates" });
    const dawn = await createComment(member.ctx, bookId, { ...passage(chapterId, "at dawn"), body: "Dawn" });

    // An edit before the passages moves them; an edit of "at dawn" detaches its comment.
    const edited = CHAPTER_ONE.replace("The orchard wakes at dawn.", "Early, the old orchard wakes.");
    await updateChapter(owner, { bookId, chapterId }, { content: edited });
    const after = new Map((await listComments(owner, bookId)).items.map((c) => [c.id, c]));
    expect(after.get(bees.id)).toMatchObject({
      startOffset: edited.indexOf("Bees hum"),
      detached: false,
      quote: "Bees hum",
    });
    expect(after.get(crates.id)).toMatchObject({ startOffset: edited.indexOf("crates"), detached: false });
    expect(after.get(dawn.id)).toMatchObject({ detached: true, quote: "at dawn", startOffset: dawn.startOffset });
    for (const id of [bees.id, crates.id]) {
      const c = after.get(id)!;
      expect(edited.slice(c.startOffset, c.endOffset)).toBe(c.quote);
    }

    // A rewrite that keeps the quoted words elsewhere finds them again by their quote and context.
    const moved = "Crates first: the farmer counts the crates. Then Bees hum over the pear trees.";
    await updateChapter(owner, { bookId, chapterId }, { content: moved });
    const relocated = (await listComments(owner, bookId)).items.find((c) => c.id === bees.id)!;
    expect(relocated).toMatchObject({ detached: false, startOffset: moved.indexOf("Bees hum") });
    const cratesNow = (await listComments(owner, bookId)).items.find((c) => c.id === crates.id)!;
    expect(moved.slice(cratesNow.startOffset, cratesNow.endOffset)).toBe("crates");
    // A detached comment stays detached (and is still listed, with its quote).
    expect((await listComments(owner, bookId)).items.find((c) => c.id === dawn.id)).toMatchObject({ detached: true });
  });

  it("a suggestion becomes a PERSON finding with its author; accepting applies it, records a revision, moves comments and notifies", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const chapterId = chapterIds[0]!;
    const later = await createComment(owner, bookId, { ...passage(chapterId, "crates"), body: "Count them" });
    const suggestion = await createSuggestion(member.ctx, bookId, {
      ...passage(chapterId, "Bees hum"),
      replacement: "Honeybees drone",
      note: "More precise",
    });
    expect(suggestion).toMatchObject({
      scope: "CHAPTER",
      status: "OPEN",
      source: "PERSON",
      author: { id: member.user.id, name: "mina Reader" },
      original: "Bees hum",
      suggestions: ["Honeybees drone"],
      message: "More precise",
      checker: "person",
    });
    expect((await notificationsOf(ownerId, "review.suggested", bookId)).map((n) => n.body)).toEqual([
      "Bees hum → Honeybees drone",
    ]);
    const panel = await listCorrections(owner, bookId, {});
    expect(panel.items).toEqual([
      expect.objectContaining({ id: suggestion.id, author: { id: member.user.id, name: "mina Reader" } }),
    ]);

    const revisionsBefore = await db().bookRevision.count({ where: { bookId } });
    const applied = await applyCorrection(owner, suggestion.id, {});
    expect(applied.correction).toMatchObject({ status: "ACCEPTED", source: "PERSON" });
    const chapter = await db().chapter.findUniqueOrThrow({ where: { id: chapterId } });
    expect(chapter.content).toBe(CHAPTER_ONE.replace("Bees hum", "Honeybees drone"));
    const revision = await db().bookRevision.findUniqueOrThrow({ where: { id: applied.revisionId } });
    expect(await db().bookRevision.count({ where: { bookId } })).toBe(revisionsBefore + 1);
    expect(revision.authorId).toBe(ownerId);
    expect(revision.changes).toMatchObject({ kind: "corrections.applied", corrections: [suggestion.id] });
    // The comment after the passage moved with the applied suggestion.
    const moved = (await listComments(owner, bookId)).items.find((c) => c.id === later.id)!;
    expect(chapter.content.slice(moved.startOffset, moved.endOffset)).toBe("crates");
    expect((await notificationsOf(member.user.id, "review.suggestion_accepted", bookId)).map((n) => n.title)).toEqual([
      expect.stringContaining("accepted your suggestion on “Orchard Year”"),
    ]);
    expect(await db().activityLog.count({ where: { resourceId: bookId, action: "suggestion.accepted" } })).toBe(1);

    // Rejecting another tells its author too.
    const second = await createSuggestion(member.ctx, bookId, {
      ...passage(chapterId, "crates", chapter.content),
      replacement: "boxes",
    });
    await dismissCorrection(owner, second.id, { reason: "Crates it is" });
    expect(await notificationsOf(member.user.id, "review.suggestion_rejected", bookId)).toHaveLength(1);
    expect(await db().activityLog.count({ where: { resourceId: bookId, action: "suggestion.rejected" } })).toBe(1);
    expect(await db().activityLog.count({ where: { resourceId: bookId, action: "suggestion.created" } })).toBe(2);
  });

  it("the event stream with review sends a `review` frame for every new comment, reply and suggestion, and stays open", async () => {
    const { bookId, chapterIds } = await seedBook(owner);
    const chapterId = chapterIds[0]!;
    const controller = new AbortController();
    const stream = await streamJobEvents(member.ctx, bookId, {
      includeChecks: true,
      includeReview: true,
      pollMs: 30,
      signal: controller.signal,
    });
    type Frame = { comments: number; replies: number; suggestions: number };
    const reviews = (events: { event: string; data: unknown }[]) =>
      events.filter((e) => e.event === "review").map((e) => e.data as Frame);
    const reading = readEvents(new Response(stream), (events) => {
      const last = reviews(events).at(-1);
      return last !== undefined && last.comments === 1 && last.replies === 1 && last.suggestions === 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const comment = await createComment(owner, bookId, { ...passage(chapterId, "Bees hum"), body: "Live?" });
    await replyToComment(member.ctx, { bookId, commentId: comment.id }, { body: "Live." });
    await createSuggestion(member.ctx, bookId, { ...passage(chapterId, "crates"), replacement: "boxes" });
    const { events, ended } = await reading;
    controller.abort();
    expect(ended).toBe(false);
    expect(reviews(events)[0]).toMatchObject({ comments: 0, replies: 0, suggestions: 0, changedAt: null });
    expect(events.some((e) => e.event === "end")).toBe(false);
    // The app's plain stream is unchanged: no review frames, and it ends with the finished job.
    const plain = await readEvents(
      new Response(await streamJobEvents(member.ctx, bookId, { includeChecks: true, pollMs: 30 })),
      () => false,
    );
    expect(plain.events.map((e) => e.event)).toEqual(["progress", "end"]);
    // Another organization cannot open it.
    expect((await appErrorOf(streamJobEvents(outsider, bookId, { includeReview: true }))).code).toBe("NOT_FOUND");
  });
});
