// Roles journey (issue 6 acceptance 2): the owner writes a book and invites a MEMBER and a GUEST. The member
// sees the book and may edit it but finds no way to delete it (and the API refuses a direct DELETE); the guest
// reads it with no editor controls anywhere (and the API refuses a direct PATCH); the owner deletes it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, waitForReader } from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { joinByInvitation, signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const copy: Copy = m;
const b = m.books;
const password = "correct-horse-battery";
const member = { name: "Mia Member", email: uniqueEmail("member"), password };
const guest = { name: "Gus Guest", email: uniqueEmail("guest"), password };
const title = `Shared Shelf ${Date.now().toString(36)}`;

type BookJson = { book: { id: string; title: string }; chapters: { id: string; content: string }[] };

describe("Roles journey", () => {
  let browser: Browser;
  let ownerPage: Page;
  let memberPage: Page;
  let guestPage: Page;
  let organization = "";
  let bookId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerPage = await (await newUserContext(browser)).newPage();
    memberPage = await (await newUserContext(browser)).newPage();
    guestPage = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lets the owner write a book and invite a member and a guest", async () => {
    organization = (await signUpOwner(ownerPage, "roles")).organization;
    // Through the real server, the owner's cookie alone does not make a write: no Origin → 403, and a
    // text/plain body from the right origin → 415 (issue 13: CSRF defence).
    const forged = await ownerPage.request.post("/api/books", { data: { title, topic: "t", goal: "g" } });
    expect([forged.status(), ((await forged.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      "FORBIDDEN_ORIGIN",
    ]);
    const plain = await ownerPage.request.post("/api/books", {
      headers: { ...appOrigin(), "content-type": "text/plain" },
      data: JSON.stringify({ title, topic: "t", goal: "g" }),
    });
    expect(plain.status()).toBe(415);
    // The wizard is covered by the book journey; here the book is created through the same API it calls.
    const created = await ownerPage.request.post("/api/books", {
      headers: appOrigin(),
      data: {
        title,
        topic: "Sharing a reading list with a team",
        goal: "Agree on what to read next",
        targetChapters: 2,
        targetWords: 600,
        engine: "demo",
      },
    });
    expect(created.status()).toBe(201);
    bookId = ((await created.json()) as BookJson).book.id;

    await ownerPage.goto("/app/settings/members");
    const form = ownerPage.getByRole("form", { name: m.settings.members.inviteTitle });
    for (const [user, role] of [
      [member, "MEMBER"],
      [guest, "GUEST"],
    ] as const) {
      await visible(form);
      await form.getByLabel(m.settings.members.inviteEmail).fill(user.email);
      await form.getByLabel(m.settings.members.inviteRole, { exact: true }).selectOption(role);
      await form.getByRole("button", { name: m.settings.members.sendInvite }).click();
      await visible(ownerPage.getByText(fmt(m.settings.members.invited, { email: user.email })));
    }

    await expect
      .poll(
        async () => {
          const response = await ownerPage.request.get(`/api/books/${bookId}/job`);
          return ((await response.json()) as { job: { status: string } }).job.status;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe("COMPLETED");
  });

  it("shows the book to a MEMBER, who can edit but not delete it", async () => {
    await joinByInvitation(memberPage, member, organization);
    const card = memberPage.locator(`li[data-book-id="${bookId}"]`);
    await visible(card);
    await visible(memberPage.getByTestId("new-book"));
    await card.getByRole("link").click();
    await onPath(memberPage, `/app/books/${bookId}`);
    await waitForReader(memberPage, copy);

    expect(await memberPage.getByTestId("edit-chapter").count()).toBeGreaterThan(0);
    await visible(memberPage.getByRole("heading", { name: b.order.title }));
    expect(await memberPage.getByTestId("delete-book").count()).toBe(0);
    expect(await memberPage.getByRole("heading", { name: b.danger.title }).count()).toBe(0);
    await screenshot(memberPage, "roles-01-member-reader");

    // The API agrees with the page: a member's DELETE is refused and the book is still there.
    const refused = await memberPage.request.delete(`/api/books/${bookId}`, { headers: appOrigin() });
    expect(refused.status()).toBe(403);
    expect((await memberPage.request.get(`/api/books/${bookId}`)).status()).toBe(200);
  });

  it("lets a GUEST read the book with no editor controls; the API refuses a direct edit", async () => {
    await joinByInvitation(guestPage, guest, organization);
    await visible(guestPage.locator(`li[data-book-id="${bookId}"]`));
    expect(await guestPage.getByTestId("new-book").count()).toBe(0);
    expect(await guestPage.getByTestId("usage-glance").count()).toBe(0);
    await screenshot(guestPage, "roles-02-guest-dashboard");

    await guestPage.goto(`/app/books/${bookId}`);
    await waitForReader(guestPage, copy);
    await visible(guestPage.getByText(b.reader.readOnly));
    expect(await guestPage.getByTestId("edit-chapter").count()).toBe(0);
    expect(await guestPage.getByRole("heading", { name: b.order.title }).count()).toBe(0);
    expect(await guestPage.getByRole("button", { name: b.formats.regenerate }).count()).toBe(0);
    expect(await guestPage.getByTestId("delete-book").count()).toBe(0);
    await screenshot(guestPage, "roles-03-guest-reader");
    await expectAccessible(guestPage, "roles-guest-reader");

    const detail = (await (await guestPage.request.get(`/api/books/${bookId}`)).json()) as BookJson;
    const chapter = detail.chapters[0]!;

    // Even the editor's address shows a read-only notice, not an editor.
    await guestPage.goto(`/app/books/${bookId}/chapters/${chapter.id}`);
    await visible(guestPage.getByText(b.editor.readOnly));
    expect(await guestPage.getByTestId("save-chapter").count()).toBe(0);
    expect(await guestPage.getByTestId("chapter-content").count()).toBe(0);
    await guestPage.goto("/app/books/new");
    await visible(guestPage.getByText(b.wizard.readOnly));
    expect(await guestPage.getByTestId("create-book").count()).toBe(0);

    const patch = await guestPage.request.patch(`/api/books/${bookId}/chapters/${chapter.id}`, {
      headers: appOrigin(),
      data: { content: "A guest was here." },
    });
    expect(patch.status()).toBe(403);
    const create = await guestPage.request.post("/api/books", {
      headers: appOrigin(),
      data: { title: "Guest book", topic: "Nothing much", goal: "Should be refused" },
    });
    expect(create.status()).toBe(403);
    const after = (await (await guestPage.request.get(`/api/books/${bookId}/chapters/${chapter.id}`)).json()) as {
      chapter: { content: string };
    };
    expect(after.chapter.content).toBe(chapter.content);
  });

  it("lets the owner delete the book after confirming", async () => {
    await ownerPage.goto(`/app/books/${bookId}`);
    await waitForReader(ownerPage, copy);
    await ownerPage.getByTestId("delete-book").click();
    const dialog = ownerPage.getByRole("dialog", { name: fmt(b.danger.confirmTitle, { title }) });
    await visible(dialog);
    await screenshot(ownerPage, "roles-04-delete-confirm");
    // Escape keeps the book.
    await ownerPage.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await ownerPage.request.get(`/api/books/${bookId}`)).status()).toBe(200);

    await ownerPage.getByTestId("delete-book").click();
    await visible(dialog);
    await dialog.getByRole("button", { name: b.danger.confirm }).click();
    await onPath(ownerPage, "/app");
    await visible(ownerPage.getByRole("heading", { name: m.dashboard.emptyTitle }));
    expect((await ownerPage.request.get(`/api/books/${bookId}`)).status()).toBe(404);
  });
});
