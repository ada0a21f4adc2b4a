// Book details and history journey: the owner writes a small book with the demo engine, edits its details
// (an invalid title is explained beside the input, an edit made meanwhile elsewhere is reported as a
// conflict and reloaded, the saved title is on the page and the formats turn stale), edits a chapter, opens
// the history, views an old version, restores one (the reader shows the restored text, a new version is on
// top), meets a restore conflict, pages through a longer history with "Load more"; a GUEST sees the history
// but no edit or restore control, and the API refuses both. axe-core runs on the form, the open history and
// the restore dialog.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Copy,
  expectAccessible,
  firstChapterTitleInToc,
  openChapterEditor,
  waitForReader,
  writeBookWithWizard,
} from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { joinByInvitation, signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const copy: Copy = m;
const b = m.books;
const h = b.history;
const stamp = Date.now().toString(36);
const brief = {
  title: `The Tidy Shed ${stamp}`,
  topic: "Organising a small garden shed",
  goal: "Find every tool in under a minute",
  chapters: 3,
  words: 600,
};
const newTitle = `The Well-Ordered Shed ${stamp}`;
const topicFromElsewhere = "Organising a shed, as edited in another tab";
const titleFromElsewhere = `Renamed Elsewhere ${stamp}`;
const addedSentence = `A sentence added by the history journey ${stamp}.`;
const guest = { name: "Hal Guest", email: uniqueEmail("history-guest"), password: "correct-horse-battery" };

type BookJson = { book: { id: string; title: string; updatedAt: string }; chapters: { id: string; title: string }[] };

/** The history's entry for one version. */
const revision = (page: Page, version: string): Locator =>
  page.locator(`[data-testid="revision"][data-revision-version="${version}"]`);

/** The versions the history lists, top to bottom. */
async function listedVersions(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="revision"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-revision-version") ?? ""));
}

/** Opens the history section of the book page and waits for its first entry. */
async function openHistory(page: Page): Promise<void> {
  await page.getByRole("button", { name: h.show }).click();
  await visible(page.getByRole("list", { name: h.listLabel }));
}

describe("Book details and history journey", () => {
  let browser: Browser;
  let page: Page;
  let organization = "";
  let bookId = "";
  let firstChapterTitle = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("writes a three-chapter book with the demo engine and waits for its formats", async () => {
    organization = (await signUpOwner(page, "history")).organization;
    bookId = await writeBookWithWizard(page, copy, brief);
    await waitForReader(page, copy);
    const toc = page.getByRole("navigation", { name: b.reader.tocLabel });
    expect(await toc.getByRole("link").count()).toBe(brief.chapters);
    firstChapterTitle = await firstChapterTitleInToc(page, copy);

    // Every format rendered, so the staleness after an edit is the edit's doing.
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll("[data-testid=formats-panel] li[data-format]")];
        return rows.length === 5 && rows.every((row) => row.querySelector('[data-format-status="READY"]'));
      },
      undefined,
      { timeout: 150_000 },
    );
    expect(await page.getByTestId("formats-panel").getByText(b.formats.stale).count()).toBe(0);
  }, 240_000);

  it("edits the details: errors beside the inputs, a conflict reloaded, the new title on the page", async () => {
    await page.getByRole("button", { name: b.details.edit }).click();
    const form = page.getByRole("form", { name: b.details.formLabel });
    await visible(form);
    const title = form.getByLabel(b.wizard.fields.title, { exact: true });
    expect(await title.inputValue()).toBe(brief.title);
    await expectAccessible(page, "history-details-form");

    // An empty title is explained next to the input before anything is sent.
    await title.fill("   ");
    await form.getByRole("button", { name: b.details.save }).click();
    await visible(form.locator('[data-field-error="title"]').filter({ hasText: b.wizard.validation.title }));
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "history-01-details-error");

    // Someone else edits the book meanwhile: saving on the old copy is refused, and reloading brings theirs.
    const elsewhere = await page.request.patch(`/api/books/${bookId}`, {
      headers: appOrigin(),
      data: { topic: topicFromElsewhere },
    });
    expect(elsewhere.status()).toBe(200);
    await title.fill(newTitle);
    await form.getByRole("button", { name: b.details.save }).click();
    await visible(form.getByRole("alert").filter({ hasText: b.details.conflict }));
    await screenshot(page, "history-02-details-conflict");
    await form.getByRole("button", { name: b.details.reload }).click();
    await visible(page.getByText(b.details.reloaded));
    expect(await form.getByLabel(b.wizard.fields.topic, { exact: true }).inputValue()).toBe(topicFromElsewhere);
    expect(await form.getByLabel(b.wizard.fields.title, { exact: true }).inputValue()).toBe(brief.title);

    await form.getByLabel(b.wizard.fields.title, { exact: true }).fill(newTitle);
    await form.getByRole("button", { name: b.details.save }).click();
    await visible(page.getByText(b.details.savedStale));
    await visible(page.getByRole("heading", { level: 1, name: newTitle }));
    expect(await form.count()).toBe(0);
    // The server marked the rendered files stale; the formats panel says so.
    await visible(page.getByTestId("formats-panel").getByText(b.formats.stale).first(), 30_000);
    await screenshot(page, "history-03-details-saved");

    await page.reload();
    await waitForReader(page, copy);
    await visible(page.getByRole("heading", { level: 1, name: newTitle }));
    await visible(page.getByTestId("book-details").getByText(topicFromElsewhere));
  });

  it("edits a chapter with the chapter editor", async () => {
    await openChapterEditor(page, copy, 1, firstChapterTitle);
    const text = page.getByTestId("chapter-content");
    await text.fill(`${await text.inputValue()}\n\n${addedSentence}\n`);
    await page.getByTestId("save-chapter").click();
    await visible(page.getByText(/^Saved at /));
    await page.getByRole("link", { name: b.editor.backToBook }).click();
    await onPath(page, `/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(page.locator("article").getByText(addedSentence));
  });

  it("lists the revisions newest first and shows an old version's text", async () => {
    await openHistory(page);
    expect(await listedVersions(page)).toEqual(["1.2", "1.1", "1.0"]);
    const latest = revision(page, "1.2");
    await visible(latest.getByText(h.current));
    await visible(latest.getByText(fmt(h.kinds.chapterUpdated, { number: 1, title: firstChapterTitle })));
    await visible(revision(page, "1.1").getByText(fmt(h.kinds.bookUpdated, { fields: h.fields.title })));
    await visible(revision(page, "1.0").getByText(h.kinds.generated));
    await visible(revision(page, "1.0").getByText(fmt(h.by, { author: "History Owner" })));
    // The current version cannot be "restored"; older ones can.
    expect(await latest.getByTestId("restore-revision").count()).toBe(0);
    await visible(page.getByRole("button", { name: fmt(h.restoreLabel, { version: "1.1" }), exact: true }));

    await page.getByRole("button", { name: fmt(h.viewLabel, { version: "1.0" }), exact: true }).click();
    const text = page.getByRole("region", { name: fmt(h.textLabel, { version: "1.0" }), exact: true });
    await visible(text);
    // Version 1.0 is the book as generated: the first title, without the added sentence.
    await visible(text.getByRole("heading", { name: brief.title }));
    expect(await text.getByText(addedSentence).count()).toBe(0);
    await revision(page, "1.0").getByRole("button", { name: h.source }).click();
    await visible(text.locator("pre").filter({ hasText: `# ${brief.title}` }));
    await screenshot(page, "history-04-history-open");
    await expectAccessible(page, "history-open");
    await page.getByRole("button", { name: fmt(h.hideTextLabel, { version: "1.0" }), exact: true }).click();
    expect(await text.count()).toBe(0);
  });

  it("restores an earlier version after confirming; the reader shows it and a new version is on top", async () => {
    await page.getByRole("button", { name: fmt(h.restoreLabel, { version: "1.1" }), exact: true }).click();
    const dialog = page.getByRole("dialog", { name: fmt(h.restoreTitle, { version: "1.1" }), exact: true });
    await visible(dialog);
    await screenshot(page, "history-05-restore-confirm");
    await expectAccessible(page, "history-restore-dialog");
    // Cancel keeps everything as it is.
    await dialog.getByRole("button", { name: m.common.cancel }).click();
    await dialog.waitFor({ state: "hidden" });
    await visible(page.locator("article").getByText(addedSentence));

    await page.getByRole("button", { name: fmt(h.restoreLabel, { version: "1.1" }), exact: true }).click();
    await visible(dialog);
    await dialog.getByRole("button", { name: h.restoreConfirm }).click();
    await visible(page.getByText(fmt(h.restored, { version: "1.1", current: "1.3" })));
    await page.locator("article").getByText(addedSentence).waitFor({ state: "detached" });
    await visible(page.getByRole("heading", { level: 1, name: newTitle }));
    await visible(revision(page, "1.3").getByText(fmt(h.kinds.restored, { version: "1.1" })));
    expect((await listedVersions(page))[0]).toBe("1.3");
    await visible(revision(page, "1.3").getByText(h.current));
    await screenshot(page, "history-06-restored");

    // Still so after a reload: the restore was saved.
    await page.reload();
    await waitForReader(page, copy);
    expect(await page.locator("article").getByText(addedSentence).count()).toBe(0);
  });

  it("refuses a restore over an edit made elsewhere, then restores after reloading", async () => {
    await openHistory(page);
    const renamed = await page.request.patch(`/api/books/${bookId}`, {
      headers: appOrigin(),
      data: { title: titleFromElsewhere },
    });
    expect(renamed.status()).toBe(200);

    await page.getByRole("button", { name: fmt(h.restoreLabel, { version: "1.2" }), exact: true }).click();
    const dialog = page.getByRole("dialog", { name: fmt(h.restoreTitle, { version: "1.2" }), exact: true });
    await dialog.getByRole("button", { name: h.restoreConfirm }).click();
    const alert = page.getByTestId("revision-history").getByRole("alert").filter({ hasText: h.conflict });
    await visible(alert);
    await screenshot(page, "history-07-restore-conflict");
    await alert.getByRole("button", { name: h.reload }).click();
    await visible(page.getByRole("heading", { level: 1, name: titleFromElsewhere }));
    await visible(revision(page, "1.4").getByText(h.current));

    await page.getByRole("button", { name: fmt(h.restoreLabel, { version: "1.2" }), exact: true }).click();
    await dialog.getByRole("button", { name: h.restoreConfirm }).click();
    await visible(page.getByText(fmt(h.restored, { version: "1.2", current: "1.5" })));
    // Version 1.2 had the new title and the added sentence.
    await visible(page.getByRole("heading", { level: 1, name: newTitle }));
    await visible(page.locator("article").getByText(addedSentence));
  });

  it("pages through a longer history with Load more", async () => {
    for (let i = 1; i <= 9; i++) {
      const response = await page.request.patch(`/api/books/${bookId}`, {
        headers: appOrigin(),
        data: { title: `${newTitle} (${i})` },
      });
      expect(response.status()).toBe(200);
    }
    await page.reload();
    await waitForReader(page, copy);
    await openHistory(page);
    const versions = await listedVersions(page);
    expect(versions).toHaveLength(10);
    expect(versions[0]).toBe("1.14");
    await page.getByRole("button", { name: h.loadMore }).click();
    await visible(revision(page, "1.0"));
    expect(await listedVersions(page)).toEqual([
      "1.14",
      "1.13",
      "1.12",
      "1.11",
      "1.10",
      "1.9",
      "1.8",
      "1.7",
      "1.6",
      "1.5",
      "1.4",
      "1.3",
      "1.2",
      "1.1",
      "1.0",
    ]);
    expect(await page.getByRole("button", { name: h.loadMore }).count()).toBe(0);
  });

  it("shows a GUEST the history without any edit or restore control; the API refuses both", async () => {
    await page.goto("/app/settings/members");
    const invite = page.getByRole("form", { name: m.settings.members.inviteTitle });
    await visible(invite);
    await invite.getByLabel(m.settings.members.inviteEmail).fill(guest.email);
    await invite.getByLabel(m.settings.members.inviteRole, { exact: true }).selectOption("GUEST");
    await invite.getByRole("button", { name: m.settings.members.sendInvite }).click();
    await visible(page.getByText(fmt(m.settings.members.invited, { email: guest.email })));

    const guestPage = await (await newUserContext(browser)).newPage();
    await joinByInvitation(guestPage, guest, organization);
    await guestPage.goto(`/app/books/${bookId}`);
    await waitForReader(guestPage, copy);
    await visible(guestPage.getByTestId("book-details").getByText(topicFromElsewhere));
    expect(await guestPage.getByRole("button", { name: b.details.edit }).count()).toBe(0);
    expect(await guestPage.getByTestId("edit-book-details").count()).toBe(0);

    await openHistory(guestPage);
    expect((await listedVersions(guestPage))[0]).toBe("1.14");
    expect(await guestPage.getByTestId("restore-revision").count()).toBe(0);
    await guestPage.getByRole("button", { name: fmt(h.viewLabel, { version: "1.14" }), exact: true }).click();
    await visible(guestPage.getByRole("region", { name: fmt(h.textLabel, { version: "1.14" }), exact: true }));
    await screenshot(guestPage, "history-08-guest");
    await expectAccessible(guestPage, "history-guest");

    const before = (await (await guestPage.request.get(`/api/books/${bookId}`)).json()) as BookJson;
    const list = (await (await guestPage.request.get(`/api/books/${bookId}/revisions?limit=100`)).json()) as {
      items: { id: string; version: string }[];
    };
    const oldest = list.items.find((r) => r.version === "1.0")!;
    const patch = await guestPage.request.patch(`/api/books/${bookId}`, {
      headers: appOrigin(),
      data: { title: "A guest was here" },
    });
    expect(patch.status()).toBe(403);
    const restore = await guestPage.request.post(`/api/books/${bookId}/revisions/${oldest.id}/restore`, {
      headers: appOrigin(),
      data: {},
    });
    expect(restore.status()).toBe(403);
    const after = (await (await guestPage.request.get(`/api/books/${bookId}`)).json()) as BookJson;
    expect(after.book.title).toBe(before.book.title);
    expect(after.book.updatedAt).toBe(before.book.updatedAt);
  });
});
