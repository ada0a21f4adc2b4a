// Sharing journey (issue 16 §1, §2): an owner shares a book as COMMENTER with a new email address from the
// Share dialog (axe-checked); the invitee signs up through the outbox link, sees only that book under
// "Shared with me", reads it, and is refused the organization's other book, its pages and the chapter editor.
// Another new person, invited as EDITOR, edits a chapter from the shared book page without leaving /shared.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, firstChapterTitleInToc, openChapterEditor, waitForReader } from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { signUpOwner } from "./owner-account";
import { acceptShareAsNewPerson, shareOpenBook } from "./review-kit";
import { m, onPath, visible } from "./ui";

const copy: Copy = m;
const invitee = { name: "Cora Commenter", email: uniqueEmail("commenter"), password: "correct-horse-battery" };
const editor = { name: "Edda Editor", email: uniqueEmail("outside-editor"), password: "correct-horse-battery" };
const editedSentence = `The harbour gate was redrawn by an outside editor ${Date.now().toString(36)}.`;
const title = `Shared Atlas ${Date.now().toString(36)}`;
const otherTitle = `Private Bestiary ${Date.now().toString(36)}`;

type Created = { book: { id: string } };

async function createBook(page: Page, bookTitle: string): Promise<string> {
  const created = await page.request.post("/api/books", {
    headers: appOrigin(),
    data: {
      title: bookTitle,
      topic: "Reading maps of old cities",
      goal: "Read a city map with confidence",
      targetChapters: 2,
      targetWords: 600,
      engine: "demo",
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as Created).book.id;
}

describe("Sharing journey", () => {
  let browser: Browser;
  let ownerPage: Page;
  let inviteePage: Page;
  let editorPage: Page;
  let bookId = "";
  let otherBookId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerPage = await (await newUserContext(browser)).newPage();
    inviteePage = await (await newUserContext(browser)).newPage();
    editorPage = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lets the owner share a book as COMMENTER with a new email from an accessible Share dialog", async () => {
    await signUpOwner(ownerPage, "sharing");
    bookId = await createBook(ownerPage, title);
    otherBookId = await createBook(ownerPage, otherTitle);
    await ownerPage.goto(`/app/books/${bookId}`);
    await waitForReader(ownerPage, copy);

    await shareOpenBook(ownerPage, title, invitee.email, "COMMENTER");
    await screenshot(ownerPage, "sharing-01-share-dialog");
    await expectAccessible(ownerPage, "sharing-share-dialog");
  }, 240_000);

  it("lets the invitee sign up through the link, see only that book under Shared with me, and read it", async () => {
    await acceptShareAsNewPerson(inviteePage, invitee, bookId);
    await waitForReader(inviteePage, copy);
    await visible(inviteePage.getByRole("heading", { name: title }));
    await screenshot(inviteePage, "sharing-02-invitee-reader");

    await inviteePage.goto("/shared");
    const shelf = inviteePage.getByTestId("shared-books");
    await visible(shelf.getByRole("link", { name: title }));
    expect(await shelf.getByRole("listitem").count()).toBe(1);
    expect(await inviteePage.getByText(otherTitle).count()).toBe(0);
    await expectAccessible(inviteePage, "sharing-shelf");
  }, 180_000);

  it("refuses the invitee the organization's other book and pages", async () => {
    const api = inviteePage.request;
    expect((await api.get(`/api/books/${bookId}`)).status()).toBe(200);
    expect([404, 409]).toContain((await api.get(`/api/books/${otherBookId}`)).status());
    for (const path of ["/api/books", "/api/organization", "/api/organization/members", "/api/organization/activity"]) {
      expect([403, 409], path).toContain((await api.get(path)).status());
    }
    // A COMMENTER cannot edit.
    const detail = (await (await api.get(`/api/books/${bookId}`)).json()) as { chapters: { id: string }[] };
    const edit = await api.patch(`/api/books/${bookId}/chapters/${detail.chapters[0]!.id}`, {
      headers: appOrigin(),
      data: { content: "Vandalised" },
    });
    expect(edit.status()).toBe(403);
    // The other book's page is a 404 page, not the book.
    await inviteePage.goto(`/shared/books/${otherBookId}`);
    await visible(inviteePage.getByText(m.notFound.title));
    expect(await inviteePage.getByText(otherTitle).count()).toBe(0);
    // A COMMENTER has no chapter editor: the reader offers no link to it, and its address is a 404 page.
    await inviteePage.goto(`/shared/books/${bookId}`);
    await waitForReader(inviteePage, copy);
    expect(await inviteePage.getByTestId("edit-chapter").count()).toBe(0);
    await inviteePage.goto(`/shared/books/${bookId}/chapters/${detail.chapters[0]!.id}`);
    await visible(inviteePage.getByText(m.notFound.title));
    expect(await inviteePage.getByTestId("chapter-content").count()).toBe(0);
    expect(await inviteePage.getByTestId("save-chapter").count()).toBe(0);
    await inviteePage.goto("/app/settings/members");
    await onPath(inviteePage, /^\/(onboarding|sign-in)/);
  });

  it("lets an outside EDITOR edit a chapter from the shared book page and stay under /shared", async () => {
    await ownerPage.goto(`/app/books/${bookId}`);
    await waitForReader(ownerPage, copy);
    await shareOpenBook(ownerPage, title, editor.email, "EDITOR");
    await acceptShareAsNewPerson(editorPage, editor, bookId);
    await waitForReader(editorPage, copy);
    const chapterTitle = await firstChapterTitleInToc(editorPage, copy);

    await openChapterEditor(editorPage, copy, 1, chapterTitle, "shared");
    const text = editorPage.getByTestId("chapter-content");
    await text.fill(`${await text.inputValue()}\n\n${editedSentence}\n`);
    await editorPage.getByTestId("save-chapter").click();
    await visible(editorPage.getByText(/^Saved at /));
    await screenshot(editorPage, "sharing-03-outside-editor");
    await expectAccessible(editorPage, "sharing-outside-editor");

    // Back to the book: the shared reader, with the change.
    await editorPage.getByRole("link", { name: m.books.editor.backToBook }).click();
    await onPath(editorPage, `/shared/books/${bookId}`);
    await waitForReader(editorPage, copy);
    await visible(editorPage.locator("article").getByText(editedSentence));
    // The owner reads the same change in the organization's app.
    await ownerPage.goto(`/app/books/${bookId}`);
    await waitForReader(ownerPage, copy);
    await visible(ownerPage.locator("article").getByText(editedSentence));
  }, 240_000);
});
