// Revisions you can read (issue 16 §4): the owner writes a small book with the demo engine, edits a chapter
// (one word replaced, a sentence added), compares v1.0 with the current text and with v1.1 — the insertion
// and the deletion are marked (<ins>/<del>, announced to screen readers), unchanged chapters are collapsed
// and open on request — names v1.0 "Sent to the publisher", and restores that one chapter from v1.0 after
// confirming. axe-core runs on the compare view (desktop and 390 px) and on the name dialog.
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
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const copy: Copy = m;
const b = m.books;
const h = b.history;
const c = b.compare;
const stamp = Date.now().toString(36);
const brief = {
  title: `The Patient Orchard ${stamp}`,
  topic: "Planting and pruning a small orchard",
  goal: "Harvest the first apples in three years",
  chapters: 3,
  words: 600,
};
const replacement = "Zanzibar";
const addedSentence = `A closing sentence added by the revisions journey ${stamp}.`;

const revision = (page: Page, version: string): Locator =>
  page.locator(`[data-testid="revision"][data-revision-version="${version}"]`);
const compared = (page: Page, status: string): Locator =>
  page.locator(`[data-testid="compared-chapter"][data-status="${status}"]`);

describe("Revisions journey: compare, name, restore one chapter", () => {
  let browser: Browser;
  let page: Page;
  let bookId = "";
  let firstChapterTitle = "";
  let replacedWord = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("writes a three-chapter book and edits its first chapter: one word replaced, one sentence added", async () => {
    await signUpOwner(page, "revisions");
    bookId = await writeBookWithWizard(page, copy, brief);
    await waitForReader(page, copy);
    firstChapterTitle = await firstChapterTitleInToc(page, copy);
    // The check and the renders that follow a generation touch the chapters: edit once they are done, so
    // the editor's copy is not outdated by them (409 EDIT_CONFLICT).
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll("[data-testid=formats-panel] li[data-format]")];
        return rows.length === 5 && rows.every((row) => row.querySelector('[data-format-status="READY"]'));
      },
      undefined,
      { timeout: 150_000 },
    );
    for (let attempt = 0; ; attempt += 1) {
      const overview = await page.request.get(`/api/books/${bookId}/corrections/summary`);
      const run = ((await overview.json()) as { latestRun: { status: string } | null }).latestRun;
      if (run && run.status === "COMPLETED") break;
      expect(attempt, `the check after generation did not finish: ${JSON.stringify(run)}`).toBeLessThan(120);
      await page.waitForTimeout(1_000);
    }
    await page.reload();
    await waitForReader(page, copy);

    await openChapterEditor(page, copy, 1, firstChapterTitle);
    const text = page.getByTestId("chapter-content");
    const original = await text.inputValue();
    // The first word of the prose (not a Markdown marker): the deletion the comparison must show.
    replacedWord = /\p{L}{4,}/u.exec(original)![0];
    await text.fill(`${original.replace(replacedWord, replacement)}\n\n${addedSentence}\n`);
    await page.getByTestId("save-chapter").click();
    await visible(page.getByText(/^Saved at /));
    await page.getByRole("link", { name: b.editor.backToBook }).click();
    await onPath(page, `/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(page.locator("article").getByText(addedSentence));
  }, 240_000);

  it("shows each version's summary: who, and the words added and removed", async () => {
    await page.getByRole("button", { name: h.show }).click();
    await visible(page.getByRole("list", { name: h.listLabel }));
    await visible(revision(page, "1.1").getByText(fmt(h.version, { version: "1.1" })));
    const words = addedSentence.split(" ").length + 1;
    await visible(revision(page, "1.1").getByText(fmt(c.changedWords, { added: words, removed: 1 }), { exact: false }));
    await visible(revision(page, "1.0").getByText(h.kinds.generated));
  });

  it("compares v1.0 with the current text: the insertion and deletion marked, unchanged chapters collapsed", async () => {
    await page.getByRole("button", { name: fmt(h.compareLabel, { version: "1.0" }), exact: true }).click();
    const view = page.getByTestId("revision-compare");
    await visible(view.getByRole("heading", { name: c.title }));
    await visible(compared(page, "changed"));
    expect(await compared(page, "changed").count()).toBe(1);
    expect(await compared(page, "unchanged").count()).toBe(2);
    const changed = compared(page, "changed");
    await visible(changed.getByRole("heading", { name: fmt(c.chapter, { number: 1, title: firstChapterTitle }) }));
    await visible(changed.locator("ins").filter({ hasText: replacement }));
    await visible(changed.locator("del").filter({ hasText: replacedWord }));
    await visible(changed.locator("ins").filter({ hasText: "closing sentence" }));
    // Marked by more than colour: underlined and struck through, and announced.
    const insStyle = await changed
      .locator("ins")
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    const delStyle = await changed
      .locator("del")
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(insStyle).toContain("underline");
    expect(delStyle).toContain("line-through");
    expect(await changed.locator("ins").first().textContent()).toContain(c.inserted);

    // An unchanged chapter shows only its title and word count until it is opened.
    const second = compared(page, "unchanged").first();
    expect(await second.getByRole("region").count()).toBe(0);
    await second.getByRole("button", { name: fmt(c.showTextLabel, { number: 2 }), exact: true }).click();
    await visible(second.getByRole("region", { name: fmt(c.textLabel, { number: 2 }) }));
    expect(await second.locator("ins, del").count()).toBe(0);
    await screenshot(page, "revisions-01-compare");
    await expectAccessible(page, "revisions-compare");
  });

  it("fits a 390 px phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("revision-compare").scrollIntoViewIfNeeded();
    await screenshot(page, "revisions-02-compare-390");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, "revisions-compare-390");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("names v1.0 with a note; the name shows in the history and in the compare picker", async () => {
    await page.getByRole("button", { name: fmt(h.nameVersionLabel, { version: "1.0" }), exact: true }).click();
    const dialog = page.getByRole("dialog", { name: fmt(h.nameTitle, { version: "1.0" }), exact: true });
    await visible(dialog);
    await dialog.getByLabel(h.nameField, { exact: true }).fill("Sent to the publisher");
    await dialog.getByLabel(h.noteField, { exact: true }).fill("First proof, before the edit");
    await expectAccessible(page, "revisions-name-dialog");
    await dialog.getByRole("button", { name: h.nameSave }).click();
    await visible(page.getByText(fmt(h.nameSaved, { version: "1.0", name: "Sent to the publisher" })));
    await visible(revision(page, "1.0").getByTestId("revision-name").filter({ hasText: "Sent to the publisher" }));
    await visible(revision(page, "1.0").getByText("First proof, before the edit"));
    const picker = page.getByTestId("revision-compare").getByLabel(c.from, { exact: true });
    const labels = await picker.locator("option").allTextContents();
    expect(labels).toContain(fmt(c.optionNamed, { version: "1.0", name: "Sent to the publisher" }));
  });

  it("restores the first chapter from v1.0 after confirming: the reader shows it, a new version says so", async () => {
    const view = page.getByTestId("revision-compare");
    await view.getByRole("button", { name: fmt(c.restoreChapterLabel, { number: 1, version: "1.0" }) }).click();
    const dialog = page.getByRole("dialog", {
      name: fmt(c.restoreChapterTitle, { number: 1, version: "1.0" }),
      exact: true,
    });
    await visible(dialog);
    await screenshot(page, "revisions-03-restore-chapter");
    await dialog.getByRole("button", { name: c.restoreChapterConfirm }).click();
    await visible(page.getByText(fmt(c.chapterRestored, { number: 1, version: "1.0", current: "1.2" })));
    await page.locator("article").getByText(addedSentence).waitFor({ state: "detached" });
    await visible(revision(page, "1.2").getByText(fmt(h.kinds.chapterRestored, { number: 1, version: "1.0" })));
    // The comparison follows the book: v1.0 and the current text are the same again.
    await visible(view.getByTestId("compare-summary").filter({ hasText: c.noChanges }));

    // v1.0 against v1.1 still shows the edit.
    await view.getByLabel(c.to, { exact: true }).selectOption({ label: fmt(c.option, { version: "1.1" }) });
    await view.getByTestId("run-compare").click();
    await visible(compared(page, "changed").locator("ins").filter({ hasText: replacement }));
    await screenshot(page, "revisions-04-compare-versions");
  });
});
