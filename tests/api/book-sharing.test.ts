// Sharing a book (issue 16 §1, §2): invitations by email, what each book role may do, and tenancy — a
// collaborator on book A of organization X reaches exactly A (its routes, event stream and download link),
// never book B of X nor anything of organization Y or of X's organization pages. Every refused request
// leaves the database unchanged.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sharedBookAccept from "@/app/api/book-invitations/[collaboratorId]/accept/route";
import * as sharedBookDecline from "@/app/api/book-invitations/[collaboratorId]/decline/route";
import * as acceptByToken from "@/app/api/book-invitations/accept/route";
import * as bible from "@/app/api/books/[bookId]/bible/route";
import * as chapter from "@/app/api/books/[bookId]/chapters/[chapterId]/route";
import * as chapters from "@/app/api/books/[bookId]/chapters/route";
import * as collaborator from "@/app/api/books/[bookId]/collaborators/[collaboratorId]/route";
import * as resend from "@/app/api/books/[bookId]/collaborators/[collaboratorId]/resend/route";
import * as collaborators from "@/app/api/books/[bookId]/collaborators/route";
import * as comments from "@/app/api/books/[bookId]/comments/route";
import * as corrections from "@/app/api/books/[bookId]/corrections/route";
import * as dismissCorrection from "@/app/api/corrections/[correctionId]/dismiss/route";
import * as downloads from "@/app/api/books/[bookId]/downloads/route";
import * as events from "@/app/api/books/[bookId]/events/route";
import * as formatDownload from "@/app/api/books/[bookId]/formats/[format]/download/route";
import * as formats from "@/app/api/books/[bookId]/formats/route";
import * as revisions from "@/app/api/books/[bookId]/revisions/route";
import * as apiKeys from "@/app/api/organization/api-keys/route";
import * as billing from "@/app/api/billing/route";
import * as sharedBooks from "@/app/api/shared-books/route";
import * as v1Collaborators from "@/app/api/v1/books/[bookId]/collaborators/route";
import { bookContext } from "@/server/auth/book-context";
import { assertCan } from "@/server/auth/permissions";
import { expireBookInvitations } from "@/server/collaborators/expire-book-invitations";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { closeJobEvents } from "@/server/generation/job-events";
import { callV1, createTestKey } from "../support/public-api/v1-test-kit";
import { seedCompletedBook } from "../helpers/books";
import { callRoute, type RouteHandler, signUpAndSignIn, type TestUser } from "../helpers/session-client";
import { booksSnapshot } from "../helpers/tenant-snapshot";
import { bookRoutes } from "./book-routes";
import { createOrganizationAs } from "./organization-setup";
import { routes } from "./routes";

// biome-ignore lint/suspicious/noExplicitAny: route answers are inspected freely.
type Json = Record<string, any>;
const h = (handler: unknown) => handler as RouteHandler;

let ownerX: TestUser;
let memberX: TestUser;
let guestX: TestUser;
let ownerY: TestUser;
let orgX: string;
let orgY: string;
let bookA: { bookId: string; chapterIds: string[] };
let bookB: { bookId: string; chapterIds: string[] };
let bookC: { bookId: string; chapterIds: string[] };

async function joinAs(user: TestUser, organizationId: string, role: "MEMBER" | "GUEST") {
  await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
  await db().session.updateMany({ where: { userId: user.id }, data: { activeOrganizationId: organizationId } });
}

/** Everything sharing can write: the books of X and Y (with their activity), collaborators, notifications, emails. */
/** The addresses this file's people use and the ones its refused requests try to invite. */
const refusedTargets = [
  "x@example.test",
  "y@example.test",
  "friend@example.test",
  "attack-target@example.test",
  "ok@example.test",
];
async function watchedAddresses(userIds: string[]): Promise<string[]> {
  const people = await db().user.findMany({
    where: { id: { in: [ownerX.id, memberX.id, guestX.id, ownerY.id, ...userIds] } },
    select: { email: true },
  });
  return [...people.map((p) => p.email), ...refusedTargets];
}

async function sharingSnapshot(userIds: string[] = []): Promise<string> {
  const rows = await Promise.all([
    booksSnapshot(orgX, userIds),
    booksSnapshot(orgY),
    db().bookCollaborator.findMany({
      orderBy: { id: "asc" },
      where: { book: { organizationId: { in: [orgX, orgY] } } },
    }),
    db().notification.findMany({ where: { userId: { in: [ownerX.id, ...userIds] } }, orderBy: { id: "asc" } }),
    // Only mail this file could send: other test files write to the same outbox at the same time.
    db().outboxEmail.count({ where: { to: { in: await watchedAddresses(userIds) } } }),
  ]);
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** Shares book A through the route; returns the row id and the token read from the outbox email. */
async function share(by: TestUser, bookId: string, email: string, role: string, permissions?: Json) {
  const res = await callRoute(h(collaborators.POST), {
    user: by,
    params: { bookId },
    body: { email, role, permissions },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const mail = await db().outboxEmail.findFirstOrThrow({
    where: { to: email.toLowerCase() },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/shared\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(token).toBeTruthy();
  return { id: (res.json as Json).collaborator.id as string, token: token! };
}

/** A person with an account and no organization, given `role` on book A (accepted through the link). */
async function collaboratorOnA(label: string, role: string, permissions?: Json) {
  const person = await signUpAndSignIn(label);
  const { id, token } = await share(ownerX, bookA.bookId, person.email, role, permissions);
  const accepted = await callRoute(h(acceptByToken.POST), { user: person, body: { token } });
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
  expect(accepted.json).toEqual({ bookId: bookA.bookId, role });
  return { person, id, token };
}

/** Opens a book's event stream and closes it at once: the status is all these tests need. */
async function eventStreamStatus(user: TestUser, bookId: string): Promise<number> {
  const controller = new AbortController();
  const response = await events.GET(
    new Request(`${env().APP_URL}/api/books/${bookId}/events`, {
      headers: { cookie: user.cookie, "user-agent": "vitest" },
      signal: controller.signal,
    }),
    { params: Promise.resolve({ bookId }) },
  );
  controller.abort();
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}

beforeAll(async () => {
  [ownerX, memberX, guestX, ownerY] = await Promise.all([
    signUpAndSignIn("share-owner-x"),
    signUpAndSignIn("share-member-x"),
    signUpAndSignIn("share-guest-x"),
    signUpAndSignIn("share-owner-y"),
  ]);
  orgX = await createOrganizationAs(ownerX, "Sharing Press X", "ENTERPRISE");
  orgY = await createOrganizationAs(ownerY, "Sharing Press Y", "ENTERPRISE");
  await joinAs(memberX, orgX, "MEMBER");
  await joinAs(guestX, orgX, "GUEST");
  const fields = { topic: "sharing", goal: "test" };
  bookA = await seedCompletedBook(orgX, ownerX.id, { ...fields, title: "Shared Atlas" });
  bookB = await seedCompletedBook(orgX, ownerX.id, { ...fields, title: "Private Bestiary" });
  bookC = await seedCompletedBook(orgY, ownerY.id, { ...fields, title: "Foreign Codex" });
});
afterAll(closeJobEvents);

describe("sharing a book by email", () => {
  it("a new address gets a PENDING row, an email with a single-use link, an activity row; accepting activates it", async () => {
    const person = await signUpAndSignIn("share-newcomer");
    const { id, token } = await share(ownerX, bookA.bookId, person.email.toUpperCase(), "COMMENTER");
    const row = await db().bookCollaborator.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", userId: null, email: person.email, role: "COMMENTER" });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(JSON.stringify(row)).not.toContain(token);
    // The existing account is told in the app too.
    expect(await db().notification.count({ where: { userId: person.id, type: "book.shared" } })).toBe(1);

    // Listed as pending on the shelf, not yet as a book.
    const shelf = await callRoute(h(sharedBooks.GET), { user: person });
    expect((shelf.json as Json).books).toEqual([]);
    expect((shelf.json as Json).invitations.map((b: Json) => b.title)).toEqual(["Shared Atlas"]);

    const accepted = await callRoute(h(acceptByToken.POST), { user: person, body: { token } });
    expect(accepted.status).toBe(200);
    expect(await db().bookCollaborator.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "ACTIVE",
      userId: person.id,
      tokenHash: null,
    });
    // The link works once.
    const again = await callRoute(h(acceptByToken.POST), { user: person, body: { token } });
    expect(again.status).toBe(404);
    // The inviter hears of it, in the app and by email; the activity log has both steps.
    expect(await db().notification.count({ where: { userId: ownerX.id, type: "book.share_accepted" } })).toBe(1);
    expect(
      (await db().notification.findFirstOrThrow({ where: { userId: ownerX.id, type: "book.share_accepted" } })).link,
    ).toBe(`/app/books/${bookA.bookId}`);
    expect(await db().outboxEmail.count({ where: { to: ownerX.email, subject: { contains: "accepted" } } })).toBe(1);
    const actions = await db().activityLog.findMany({ where: { organizationId: orgX, resourceId: bookA.bookId } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["collaborator.invited", "collaborator.accepted"]),
    );

    const after = await callRoute(h(sharedBooks.GET), { user: person });
    expect((after.json as Json).books).toEqual([
      expect.objectContaining({ bookId: bookA.bookId, title: "Shared Atlas", role: "COMMENTER", status: "ACTIVE" }),
    ]);
  });

  it("the link only works for the invited address; another account is refused and nothing changes", async () => {
    const invited = `share-someone-${Date.now()}@example.test`;
    const { token } = await share(ownerX, bookA.bookId, invited, "VIEWER");
    const intruder = await signUpAndSignIn("share-intruder");
    const before = await sharingSnapshot([intruder.id]);
    const res = await callRoute(h(acceptByToken.POST), { user: intruder, body: { token } });
    expect(res.status).toBe(403);
    expect((res.json as Json).error.code).toBe("INVITATION_EMAIL_MISMATCH");
    expect(await sharingSnapshot([intruder.id])).toBe(before);
    expect(await eventStreamStatus(intruder, bookA.bookId)).toBe(409);
  });

  it("role change, resend (new link, old one dead) and revoke; each is logged", async () => {
    const email = `share-cycle-${Date.now()}@example.test`;
    const first = await share(ownerX, bookA.bookId, email, "VIEWER");
    const changed = await callRoute(h(collaborator.PATCH), {
      user: ownerX,
      method: "PATCH",
      params: { bookId: bookA.bookId, collaboratorId: first.id },
      body: { role: "EDITOR", permissions: { download: false } },
    });
    expect(changed.status).toBe(200);
    expect((changed.json as Json).collaborator).toMatchObject({
      role: "EDITOR",
      permissions: { download: false, history: true, corrections: true },
    });
    const resent = await callRoute(h(resend.POST), {
      user: ownerX,
      params: { bookId: bookA.bookId, collaboratorId: first.id },
    });
    expect(resent.status).toBe(200);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const newToken = /\/shared\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(newToken).not.toBe(first.token);
    const row = await db().bookCollaborator.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(newToken).digest("hex"));
    expect(row).toMatchObject({ role: "EDITOR", permissions: { download: false } });

    const listed = await callRoute(h(collaborators.GET), { user: ownerX, params: { bookId: bookA.bookId } });
    expect((listed.json as Json).canManage).toBe(true);
    expect((listed.json as Json).collaborators.map((c: Json) => c.email)).toContain(email);

    const revoked = await callRoute(h(collaborator.DELETE), {
      user: ownerX,
      method: "DELETE",
      params: { bookId: bookA.bookId, collaboratorId: first.id },
    });
    expect(revoked.status).toBe(204);
    expect(await db().bookCollaborator.findUnique({ where: { id: first.id } })).toBeNull();
    const actions = (
      await db().activityLog.findMany({ where: { organizationId: orgX, action: { startsWith: "collaborator." } } })
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["collaborator.role_changed", "collaborator.revoked"]));
  });

  it("the book's creator (a MEMBER) and a book ADMIN collaborator may share; a MEMBER on another's book may not", async () => {
    const own = await seedCompletedBook(orgX, memberX.id, { title: "Member Notes", topic: "t", goal: "g" });
    await share(memberX, own.bookId, `share-by-creator-${Date.now()}@example.test`, "VIEWER");
    const { person: bookAdmin } = await collaboratorOnA("share-book-admin", "ADMIN");
    await share(bookAdmin, bookA.bookId, `share-by-book-admin-${Date.now()}@example.test`, "COMMENTER");
    // …but only on that book: book B is not theirs to reach.
    const before = await sharingSnapshot([bookAdmin.id, memberX.id]);
    const onB = await callRoute(h(collaborators.POST), {
      user: bookAdmin,
      params: { bookId: bookB.bookId },
      body: { email: "x@example.test", role: "VIEWER" },
    });
    expect(onB.status).toBe(409);
    const memberOnA = await callRoute(h(collaborators.POST), {
      user: memberX,
      params: { bookId: bookA.bookId },
      body: { email: "x@example.test", role: "VIEWER" },
    });
    expect(memberOnA.status).toBe(403);
    expect(await sharingSnapshot([bookAdmin.id, memberX.id])).toBe(before);
  });
});

describe("what each book role may do", () => {
  it("a VIEWER reads but may not comment, download (by default), or edit", async () => {
    const { person } = await collaboratorOnA("share-viewer", "VIEWER");
    const ctx = await bookContext(
      new Request(`${env().APP_URL}/api/books/${bookA.bookId}`, { headers: { cookie: person.cookie } }),
      bookA.bookId,
    );
    expect(ctx.actor).toMatchObject({ orgRole: null, book: { bookId: bookA.bookId, role: "VIEWER", confined: true } });
    expect(() => assertCan(ctx.actor, "comment:read")).not.toThrow();
    expect(() => assertCan(ctx.actor, "comment:create")).toThrow(/does not allow comment:create/);
    expect(() => assertCan(ctx.actor, "suggestion:create")).toThrow();
    const read = await callRoute(h(bookRoutes.book.GET), { user: person, params: { bookId: bookA.bookId } });
    expect(read.status).toBe(200);
    // The page offers a reader's controls only (its own organization's role, if any, says nothing here).
    expect((read.json as Json).access).toEqual({
      edit: false,
      comment: false,
      resolve: false,
      delete: false,
      history: false,
    });
    const before = await sharingSnapshot([person.id]);
    const download = await callRoute(h(formatDownload.GET), {
      user: person,
      params: { bookId: bookA.bookId, format: "epub" },
    });
    expect(download.status).toBe(403);
    const revisionsRes = await callRoute(h(revisions.GET), { user: person, params: { bookId: bookA.bookId } });
    expect(revisionsRes.status).toBe(403);
    expect(await sharingSnapshot([person.id])).toBe(before);
  });

  it("a COMMENTER may comment and suggest but not edit a chapter, the details or the bible", async () => {
    const { person } = await collaboratorOnA("share-commenter", "COMMENTER");
    const ctx = await bookContext(
      new Request(`${env().APP_URL}/api/books/${bookA.bookId}`, { headers: { cookie: person.cookie } }),
      bookA.bookId,
    );
    expect(() => assertCan(ctx.actor, "comment:create")).not.toThrow();
    expect(() => assertCan(ctx.actor, "suggestion:create")).not.toThrow();
    expect(() => assertCan(ctx.actor, "comment:resolve")).toThrow();
    const read = await callRoute(h(bookRoutes.book.GET), { user: person, params: { bookId: bookA.bookId } });
    expect((read.json as Json).access).toEqual({
      edit: false,
      comment: true,
      resolve: false,
      delete: false,
      history: true,
    });
    const asOwner = await callRoute(h(bookRoutes.book.GET), { user: ownerX, params: { bookId: bookA.bookId } });
    expect((asOwner.json as Json).access).toEqual({
      edit: true,
      comment: true,
      resolve: true,
      delete: true,
      history: true,
    });
    const before = await sharingSnapshot([person.id]);
    const chapterId = bookA.chapterIds[0]!;
    for (const [handler, method, params, body] of [
      [chapter.PATCH, "PATCH", { bookId: bookA.bookId, chapterId }, { content: "Vandalised" }],
      [bookRoutes.book.PATCH, "PATCH", { bookId: bookA.bookId }, { title: "Vandalised" }],
      [bible.PUT, "PUT", { bookId: bookA.bookId }, { bible: {} }],
      [collaborators.POST, "POST", { bookId: bookA.bookId }, { email: "friend@example.test", role: "ADMIN" }],
    ] as const) {
      const res = await callRoute(h(handler), { user: person, method, params, body });
      expect(res.status, method).toBe(403);
      expect((res.json as Json).error.code).toBe("FORBIDDEN");
    }
    expect(await sharingSnapshot([person.id])).toBe(before);
  });

  it("an outside EDITOR resolves the findings of the shared book only; a COMMENTER may not", async () => {
    const finding = (bookChapters: { bookId: string; chapterIds: string[] }) =>
      db().chapterCorrection.create({
        data: {
          chapterId: bookChapters.chapterIds[0]!,
          bookId: bookChapters.bookId,
          organizationId: orgX,
          type: "SPELLING",
          severity: "ERROR",
          message: "Possible misspelling",
          original: "teh",
          suggestions: ["the"],
          checker: "spelling",
          ruleId: "misspelling",
        },
      });
    const onA = await finding(bookA);
    const onB = await finding(bookB);
    const dismiss = (user: TestUser, correctionId: string) =>
      callRoute(h(dismissCorrection.POST), { user, params: { correctionId }, body: {} });
    const { person: editor } = await collaboratorOnA("share-resolver", "EDITOR");
    const { person: commenter } = await collaboratorOnA("share-no-resolver", "COMMENTER");

    const before = await sharingSnapshot([editor.id, commenter.id]);
    const refused = await dismiss(commenter, onA.id);
    expect(refused.status).toBe(403);
    // The other book of the same organization answers as a finding that does not exist does (this person has
    // no organization of their own: 409 NO_ACTIVE_ORGANIZATION, like every book route outside their share).
    const other = await dismiss(editor, onB.id);
    const missing = await dismiss(editor, "no-such-correction");
    expect([404, 409]).toContain(other.status);
    expect({ status: other.status, code: (other.json as Json).error.code }).toEqual({
      status: missing.status,
      code: (missing.json as Json).error.code,
    });
    expect(await db().chapterCorrection.count({ where: { id: { in: [onA.id, onB.id] }, status: "OPEN" } })).toBe(2);
    expect(await sharingSnapshot([editor.id, commenter.id])).toBe(before);

    const done = await dismiss(editor, onA.id);
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(await db().chapterCorrection.findUniqueOrThrow({ where: { id: onA.id } })).toMatchObject({
      status: "REJECTED",
      resolvedById: editor.id,
    });
  });

  it("an EDITOR edits a chapter; per-person permissions open the download to a VIEWER", async () => {
    const { person: editor } = await collaboratorOnA("share-editor", "EDITOR");
    const chapterId = bookA.chapterIds[1]!;
    const res = await callRoute(h(chapter.PATCH), {
      user: editor,
      method: "PATCH",
      params: { bookId: bookA.bookId, chapterId },
      body: { content: "Edited by an outside editor." },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const { person: downloader } = await collaboratorOnA("share-downloader", "VIEWER", { download: true });
    // The download link answers the collaborator exactly as it answers the owner (no file is rendered here).
    const params = { bookId: bookA.bookId, format: "epub" };
    const asOwner = await callRoute(h(formatDownload.GET), { user: ownerX, params });
    const asDownloader = await callRoute(h(formatDownload.GET), { user: downloader, params });
    expect(asDownloader.status).not.toBe(403);
    expect(asDownloader.status).toBe(asOwner.status);
  });

  it("a GUEST member who is an EDITOR collaborator gets the higher of the two, on that book only", async () => {
    const { token } = await share(ownerX, bookA.bookId, guestX.email, "EDITOR");
    expect((await callRoute(h(acceptByToken.POST), { user: guestX, body: { token } })).status).toBe(200);
    const onA = await callRoute(h(chapter.PATCH), {
      user: guestX,
      method: "PATCH",
      params: { bookId: bookA.bookId, chapterId: bookA.chapterIds[0]! },
      body: { title: "Retitled by the guest editor" },
    });
    expect(onA.status, JSON.stringify(onA.json)).toBe(200);
    const before = await sharingSnapshot([guestX.id]);
    const onB = await callRoute(h(chapter.PATCH), {
      user: guestX,
      method: "PATCH",
      params: { bookId: bookB.bookId, chapterId: bookB.chapterIds[0]! },
      body: { title: "Not theirs" },
    });
    expect(onB.status).toBe(403);
    // As a member, the guest still reads book B and the organization's members.
    expect((await callRoute(h(bookRoutes.book.GET), { user: guestX, params: { bookId: bookB.bookId } })).status).toBe(
      200,
    );
    expect(await sharingSnapshot([guestX.id])).toBe(before);
  });
});

describe("links in notifications and emails open the book where each person works", () => {
  it("a member is sent to /app/books, an outside collaborator to /shared/books (the /app area needs an organization)", async () => {
    // An outside book ADMIN shares; when the invitee accepts, the outside ADMIN is told with a /shared link.
    const { person: bookAdmin } = await collaboratorOnA("share-link-admin", "ADMIN");
    const invitee = await signUpAndSignIn("share-link-invitee");
    const { token } = await share(bookAdmin, bookA.bookId, invitee.email, "COMMENTER");
    expect((await callRoute(h(acceptByToken.POST), { user: invitee, body: { token } })).status).toBe(200);
    const accepted = await db().notification.findFirstOrThrow({
      where: { userId: bookAdmin.id, type: "book.share_accepted" },
    });
    expect(accepted.link).toBe(`/shared/books/${bookA.bookId}`);
    const acceptedMail = await db().outboxEmail.findFirstOrThrow({
      where: { to: bookAdmin.email.toLowerCase() },
      orderBy: { createdAt: "desc" },
    });
    expect(acceptedMail.text).toContain(`${env().APP_URL}/shared/books/${bookA.bookId}`);

    // The owner (a member) comments on a passage and mentions the outside invitee: the invitee's notification
    // and email lead under /shared; the invitee's comment back tells the owner with an /app link.
    const text = (await db().chapter.findUniqueOrThrow({ where: { id: bookA.chapterIds[0]! } })).content;
    const quote = text.slice(0, 12);
    const passage = { chapterId: bookA.chapterIds[0]!, startOffset: 0, endOffset: quote.length, quote };
    const byOwner = await callRoute(h(comments.POST), {
      user: ownerX,
      params: { bookId: bookA.bookId },
      body: { ...passage, body: "What do you think?", mentionIds: [invitee.id] },
    });
    expect(byOwner.status, JSON.stringify(byOwner.json)).toBe(201);
    const mentioned = await db().notification.findFirstOrThrow({
      where: { userId: invitee.id, type: "review.mentioned" },
    });
    expect(mentioned.link).toBe(`/shared/books/${bookA.bookId}`);
    const mentionMail = await db().outboxEmail.findFirstOrThrow({
      where: { to: invitee.email.toLowerCase() },
      orderBy: { createdAt: "desc" },
    });
    expect(mentionMail.text).toContain(`${env().APP_URL}/shared/books/${bookA.bookId}`);
    expect(mentionMail.text).not.toContain("/app/books/");

    const byInvitee = await callRoute(h(comments.POST), {
      user: invitee,
      params: { bookId: bookA.bookId },
      body: { ...passage, body: "Looks right to me." },
    });
    expect(byInvitee.status, JSON.stringify(byInvitee.json)).toBe(201);
    const commented = await db().notification.findFirstOrThrow({
      where: { userId: ownerX.id, type: "review.commented", body: "Looks right to me." },
    });
    expect(commented.link).toBe(`/app/books/${bookA.bookId}`);
  });
});

describe("tenancy: a collaborator on book A of X reaches A and nothing else", () => {
  it("every book route, the event stream and the download link of B (X) and C (Y) answer 404; X's pages refuse", async () => {
    const { person } = await collaboratorOnA("share-tenant", "EDITOR");
    const reads: [RouteHandler, (bookId: string, chapterId: string) => Json][] = [
      [h(bookRoutes.book.GET), (bookId) => ({ bookId })],
      [h(chapters.GET), (bookId) => ({ bookId })],
      [h(chapter.GET), (bookId, chapterId) => ({ bookId, chapterId })],
      [h(revisions.GET), (bookId) => ({ bookId })],
      [h(bookRoutes.bookJob.GET), (bookId) => ({ bookId })],
      [h(corrections.GET), (bookId) => ({ bookId })],
      [h(formats.GET), (bookId) => ({ bookId })],
      [h(downloads.GET), (bookId) => ({ bookId })],
      [h(bible.GET), (bookId) => ({ bookId })],
      [h(collaborators.GET), (bookId) => ({ bookId })],
    ];
    for (const [handler, params] of reads) {
      const res = await callRoute(handler, { user: person, params: params(bookA.bookId, bookA.chapterIds[0]!) });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    expect(await eventStreamStatus(person, bookA.bookId)).toBe(200);

    const before = await sharingSnapshot([person.id]);
    for (const other of [bookB, bookC]) {
      for (const [handler, params] of reads) {
        const res = await callRoute(handler, { user: person, params: params(other.bookId, other.chapterIds[0]!) });
        expect([404, 409], JSON.stringify(res.json)).toContain(res.status);
        expect(JSON.stringify(res.json)).not.toMatch(/Private Bestiary|Foreign Codex/);
      }
      // A chapter of B under book A's id is not found either.
      const crossed = await callRoute(h(chapter.GET), {
        user: person,
        params: { bookId: bookA.bookId, chapterId: other.chapterIds[0]! },
      });
      expect(crossed.status).toBe(404);
      for (const [handler, method, params, body] of [
        [chapter.PATCH, "PATCH", { bookId: other.bookId, chapterId: other.chapterIds[0]! }, { content: "x" }],
        [bookRoutes.book.PATCH, "PATCH", { bookId: other.bookId }, { title: "x" }],
        [collaborators.POST, "POST", { bookId: other.bookId }, { email: "y@example.test", role: "VIEWER" }],
      ] as const) {
        const res = await callRoute(h(handler), { user: person, method, params, body });
        expect([404, 409], method).toContain(res.status);
      }
      expect([404, 409]).toContain(await eventStreamStatus(person, other.bookId));
      const link = await callRoute(h(formatDownload.GET), {
        user: person,
        params: { bookId: other.bookId, format: "epub" },
      });
      expect([404, 409]).toContain(link.status);
    }
    // The organization's own pages: books list, members, activity, settings, API keys, billing.
    for (const handler of [
      bookRoutes.books.GET,
      routes.members.GET,
      routes.activity.GET,
      routes.organization.GET,
      routes.orgInvitations.GET,
      apiKeys.GET,
      billing.GET,
    ]) {
      const res = await callRoute(h(handler), { user: person });
      expect([403, 409], JSON.stringify(res.json)).toContain(res.status);
      expect(JSON.stringify(res.json)).not.toMatch(/Shared Atlas|Private Bestiary|Sharing Press/);
    }
    expect(await sharingSnapshot([person.id])).toBe(before);
  });

  it("a revoked collaborator and a revoked invitation get nothing", async () => {
    const { person, id } = await collaboratorOnA("share-revoked", "EDITOR");
    expect((await callRoute(h(bookRoutes.book.GET), { user: person, params: { bookId: bookA.bookId } })).status).toBe(
      200,
    );
    const revoked = await callRoute(h(collaborator.DELETE), {
      user: ownerX,
      method: "DELETE",
      params: { bookId: bookA.bookId, collaboratorId: id },
    });
    expect(revoked.status).toBe(204);
    const before = await sharingSnapshot([person.id]);
    expect((await callRoute(h(bookRoutes.book.GET), { user: person, params: { bookId: bookA.bookId } })).status).toBe(
      409,
    );
    expect(await eventStreamStatus(person, bookA.bookId)).toBe(409);
    const edit = await callRoute(h(chapter.PATCH), {
      user: person,
      method: "PATCH",
      params: { bookId: bookA.bookId, chapterId: bookA.chapterIds[0]! },
      body: { content: "After revocation" },
    });
    expect(edit.status).toBe(409);
    expect((await callRoute(h(sharedBooks.GET), { user: person })).json).toEqual({ books: [], invitations: [] });

    const pendingPerson = await signUpAndSignIn("share-revoked-link");
    const pending = await share(ownerX, bookA.bookId, pendingPerson.email, "VIEWER");
    await callRoute(h(collaborator.DELETE), {
      user: ownerX,
      method: "DELETE",
      params: { bookId: bookA.bookId, collaboratorId: pending.id },
    });
    const afterRevoke = await sharingSnapshot([pendingPerson.id]);
    const link = await callRoute(h(acceptByToken.POST), { user: pendingPerson, body: { token: pending.token } });
    expect(link.status).toBe(404);
    expect(await sharingSnapshot([pendingPerson.id])).toBe(afterRevoke);
    expect(await sharingSnapshot([person.id])).not.toBe(""); // snapshot still computable after the deletes
    expect(before).toBeTruthy();
  });

  it("an expired invitation gives nothing: the link answers 410, the expiry job marks it, in-app accept refuses", async () => {
    const person = await signUpAndSignIn("share-expired");
    const { id, token } = await share(ownerX, bookA.bookId, person.email, "EDITOR");
    await db().bookCollaborator.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await sharingSnapshot([person.id]);
    const link = await callRoute(h(acceptByToken.POST), { user: person, body: { token } });
    expect(link.status).toBe(410);
    expect((link.json as Json).error.code).toBe("INVITATION_EXPIRED");
    const inApp = await callRoute(h(sharedBookAccept.POST), { user: person, params: { collaboratorId: id } });
    expect(inApp.status).toBe(410);
    expect(await sharingSnapshot([person.id])).toBe(before);
    expect(await expireBookInvitations(db())).toBeGreaterThanOrEqual(1);
    expect((await db().bookCollaborator.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    expect((await callRoute(h(acceptByToken.POST), { user: person, body: { token } })).status).toBe(410);
    expect((await callRoute(h(sharedBooks.GET), { user: person })).json).toEqual({ books: [], invitations: [] });
    expect((await callRoute(h(bookRoutes.book.GET), { user: person, params: { bookId: bookA.bookId } })).status).toBe(
      409,
    );
  });

  it("in-app: an invitation is accepted or declined by its addressee only", async () => {
    const person = await signUpAndSignIn("share-in-app");
    const first = await share(ownerX, bookA.bookId, person.email, "VIEWER");
    const before = await sharingSnapshot([ownerY.id]);
    const stranger = await callRoute(h(sharedBookAccept.POST), { user: ownerY, params: { collaboratorId: first.id } });
    expect(stranger.status).toBe(403);
    expect(await sharingSnapshot([ownerY.id])).toBe(before);
    const declined = await callRoute(h(sharedBookDecline.POST), { user: person, params: { collaboratorId: first.id } });
    expect(declined.status).toBe(204);
    expect(await db().bookCollaborator.findUnique({ where: { id: first.id } })).toBeNull();
    const second = await share(ownerX, bookA.bookId, person.email, "VIEWER");
    const accepted = await callRoute(h(sharedBookAccept.POST), { user: person, params: { collaboratorId: second.id } });
    expect(accepted.status).toBe(200);
  });
});

describe("attacks on the sharing routes", () => {
  const shareBody = { email: "attack-target@example.test", role: "EDITOR" };

  it("lower roles, another organization, a foreign Origin: refused, nothing changes", async () => {
    const before = await sharingSnapshot([guestX.id, memberX.id, ownerY.id]);
    const lower = [
      [guestX, 403],
      [memberX, 403],
      [ownerY, 404],
    ] as const;
    const { id } = await db().bookCollaborator.create({
      data: { bookId: bookA.bookId, email: `attack-row-${Date.now()}@example.test`, role: "VIEWER" },
    });
    const seeded = await sharingSnapshot([guestX.id, memberX.id, ownerY.id]);
    for (const [user, status] of lower) {
      const ids = { bookId: bookA.bookId, collaboratorId: id };
      for (const [handler, method, params, body] of [
        [collaborators.POST, "POST", { bookId: bookA.bookId }, shareBody],
        [collaborator.PATCH, "PATCH", ids, { role: "ADMIN" }],
        [collaborator.DELETE, "DELETE", ids, undefined],
        [resend.POST, "POST", ids, undefined],
      ] as const) {
        const res = await callRoute(h(handler), { user, method, params, body });
        expect(res.status, `${user.email} ${method}`).toBe(status);
      }
    }
    // Another organization's owner, on their own organization's book id with X's collaborator: 404.
    const crossed = await callRoute(h(collaborator.PATCH), {
      user: ownerY,
      method: "PATCH",
      params: { bookId: bookC.bookId, collaboratorId: id },
      body: { role: "ADMIN" },
    });
    expect(crossed.status).toBe(404);
    const foreign = await callRoute(h(collaborators.POST), {
      user: ownerX,
      params: { bookId: bookA.bookId },
      body: shareBody,
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((foreign.json as Json).error.code).toBe("FORBIDDEN_ORIGIN");
    expect(await sharingSnapshot([guestX.id, memberX.id, ownerY.id])).toBe(seeded);
    expect(before).not.toBe(seeded);
  });

  it("malformed, wrong-shaped, oversized and NUL-carrying bodies are 400/413 with the field; nothing changes", async () => {
    const before = await sharingSnapshot();
    const cases: [Json | string, number, string | null][] = [
      ['{"email": ', 400, null],
      [{ email: "not an email", role: "VIEWER" }, 400, "email"],
      [{ email: "ok@example.test", role: "KING" }, 400, "role"],
      [{ email: "ok@example.test", role: "VIEWER", permissions: { download: "yes" } }, 400, "permissions.download"],
      [{ email: "ok@example.test", role: "VIEWER", permissions: { delete: true } }, 400, "permissions"],
      [{ email: "ok\u0000@example.test", role: "VIEWER" }, 400, "email"],
      [{ email: `${"a".repeat(300_000)}@example.test`, role: "VIEWER" }, 413, null],
    ];
    for (const [body, status, field] of cases) {
      const res = await callRoute(h(collaborators.POST), {
        user: ownerX,
        params: { bookId: bookA.bookId },
        ...(typeof body === "string" ? { rawBody: body } : { body }),
      });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      if (field) expect((res.json as Json).error.field).toBe(field);
    }
    const token = await callRoute(h(acceptByToken.POST), { user: ownerX, body: { token: "bad\u0000token" } });
    expect(token.status).toBe(400);
    const nulParam = await callRoute(h(collaborators.GET), { user: ownerX, params: { bookId: "book\u0000id" } });
    expect(nulParam.status).toBe(400);
    const empty = await callRoute(h(collaborator.PATCH), {
      user: ownerX,
      method: "PATCH",
      params: { bookId: bookA.bookId, collaboratorId: "missing" },
      body: {},
    });
    expect(empty.status).toBe(400);
    expect(await sharingSnapshot()).toBe(before);
  });
});

describe("API v1: GET /api/v1/books/{bookId}/collaborators", () => {
  it("lists a book's collaborators with books:read; keys stay organization-level", async () => {
    const email = `share-v1-${Date.now()}@example.test`;
    await share(ownerX, bookA.bookId, email, "COMMENTER");
    const reader = await createTestKey(ownerX, { name: "share reader", scopes: ["books:read"] });
    const res = await callV1(h(v1Collaborators.GET), { key: reader.secret, params: { bookId: bookA.bookId } });
    expect(res.status).toBe(200);
    const body = res.json as Json;
    expect(body.canManage).toBe(false);
    expect(body.collaborators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          email,
          role: "COMMENTER",
          status: "PENDING",
          permissions: { download: false, history: true, corrections: true },
        }),
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/tokenHash/);

    const writer = await createTestKey(ownerX, { name: "share writer", scopes: ["books:write"] });
    const foreignKey = await createTestKey(ownerY, { name: "foreign reader", scopes: ["books:read"] });
    const before = await sharingSnapshot();
    const noScope = await callV1(h(v1Collaborators.GET), { key: writer.secret, params: { bookId: bookA.bookId } });
    expect(noScope.status).toBe(403);
    expect((noScope.json as Json).error.code).toBe("INSUFFICIENT_SCOPE");
    const foreign = await callV1(h(v1Collaborators.GET), { key: foreignKey.secret, params: { bookId: bookA.bookId } });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.json)).not.toContain("Shared Atlas");
    const anonymous = await callV1(h(v1Collaborators.GET), { key: null, params: { bookId: bookA.bookId } });
    expect(anonymous.status).toBe(401);
    expect(await sharingSnapshot()).toBe(before);
  });
});
