// Corrections journey: the owner writes a two-chapter demo book, plants a misspelling ("recieve") and a
// wrong article ("a apple") in the first chapter with the editor, runs "Check the book" from the
// Corrections panel and sees both underlined in the chapter text (severity by line style as well as colour,
// a screen-reader label); the popover opens on a click and from the keyboard (Alt+↓), Escape gives focus
// back; one suggestion is applied (the text changes, a new revision tops the history, the formats turn
// stale), the other finding is dismissed; a re-check finds neither again. axe-core runs on the panel and
// the popover; screenshots at 1280 px and 390 px (test-results/screenshots/corrections-*.png).
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
const c = m.corrections;
const stamp = Date.now().toString(36);
const brief = {
  title: `The Careful Proofreader ${stamp}`,
  topic: "Proofreading a family newsletter",
  goal: "Catch the mistakes before the newsletter is printed",
  chapters: 2,
  words: 600,
};
const planted = "On Monday we will recieve the parcel and share a apple with the neighbors.";
const corrected = "On Monday we will receive the parcel";

type Finding = { id: string; type: string; status: string; original: string | null; suggestions: string[] };

/** The paragraph of the chapter text holding the planted sentence. */
const plantedParagraph = (page: Page): Locator => page.locator("article p").filter({ hasText: "the parcel and share" });

/** The in-text marks of the planted paragraph. */
const marksIn = (paragraph: Locator): Locator => paragraph.locator("mark[data-finding-mark]");

/** The findings of the first chapter the API lists (any status). */
async function chapterFindings(page: Page, bookId: string, chapterId: string): Promise<Finding[]> {
  const response = await page.request.get(`/api/books/${bookId}/corrections?chapterId=${chapterId}&limit=200`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: Finding[] }).items;
}

/** The history's versions, newest first. */
async function listedVersions(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="revision"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-revision-version") ?? ""));
}

/**
 * Clicks "Check the book" (once any check the edit started by itself is over) and waits until the panel
 * says the new run finished.
 */
async function runCheck(page: Page): Promise<void> {
  const panel = page.getByTestId("corrections-panel");
  const start = panel.getByTestId("start-check");
  await visible(start, 120_000);
  const outcome = panel.getByTestId("check-outcome");
  const previous = (await outcome.getAttribute("data-run-id")) ?? "";
  await start.click();
  await page.waitForFunction(
    (before) => {
      const p = document.querySelector('[data-testid="check-outcome"]');
      return p?.getAttribute("data-run-id") !== before && p?.getAttribute("data-run-status") === "COMPLETED";
    },
    previous,
    { timeout: 120_000 },
  );
  const finishedPrefix = c.check.finished.split("{")[0] ?? "";
  await visible(outcome.filter({ hasText: finishedPrefix }));
}

describe("Corrections journey", () => {
  let browser: Browser;
  let page: Page;
  let bookId = "";
  let chapterId = "";
  let chapterTitle = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("writes a demo book and waits for its formats", async () => {
    await signUpOwner(page, "corrections");
    bookId = await writeBookWithWizard(page, copy, brief);
    await waitForReader(page, copy);
    chapterTitle = await firstChapterTitleInToc(page, copy);
    chapterId = (await page.locator("article section[data-chapter-id]").first().getAttribute("data-chapter-id")) ?? "";
    expect(chapterId).not.toBe("");
    await visible(page.getByTestId("corrections-panel").getByRole("heading", { name: c.title }));
    // Every format rendered, so the staleness after applying a suggestion is that action's doing.
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

  it("plants a misspelling and a wrong article with the chapter editor", async () => {
    await openChapterEditor(page, copy, 1, chapterTitle);
    const text = page.getByTestId("chapter-content");
    await text.fill(`${await text.inputValue()}\n\n${planted}\n`);
    await page.getByTestId("save-chapter").click();
    await visible(page.getByText(/^Saved at /));
    await page.getByRole("link", { name: b.editor.backToBook }).click();
    await onPath(page, `/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(plantedParagraph(page));
  });

  it("checks the book and underlines both findings in the chapter text", async () => {
    await runCheck(page);
    const paragraph = plantedParagraph(page);
    const spelling = marksIn(paragraph).filter({ hasText: "recieve" });
    await visible(spelling, 30_000);
    const article = marksIn(paragraph).filter({ hasNotText: "recieve" });
    await visible(article);
    expect((await article.first().textContent())?.startsWith("a")).toBe(true);

    // Not colour alone: a line style per severity and a label for screen readers.
    const style = await spelling.first().evaluate((el) => getComputedStyle(el).textDecorationStyle);
    expect(["wavy", "double", "dotted", "dashed"]).toContain(style);
    // The description is referenced (aria-describedby), not written into the sentence's text.
    const description = await spelling.first().evaluate((el) => {
      const id = el.getAttribute("aria-describedby");
      return id ? (document.getElementById(id)?.textContent ?? "") : "";
    });
    expect(description).toContain(c.types.SPELLING);
    expect(await paragraph.first().textContent()).not.toContain(c.types.SPELLING);

    // The panel lists them, grouped under the chapter.
    const panel = page.getByTestId("corrections-panel");
    const group = panel.getByRole("region", { name: fmt(c.list.chapter, { number: 1, title: chapterTitle }) });
    await visible(
      group.locator('[data-testid="correction-item"][data-type="SPELLING"]').filter({ hasText: "recieve" }),
    );
    await visible(panel.getByText(c.keyboard.hint));
    await screenshot(page, "corrections-01-underlined-1280");
    await expectAccessible(page, "corrections-panel");
  }, 180_000);

  it("opens the popover by click and by keyboard; Escape gives focus back to the mark", async () => {
    const paragraph = plantedParagraph(page);
    const spelling = marksIn(paragraph).filter({ hasText: "recieve" }).first();
    await spelling.click();
    const popover = page.getByTestId("finding-popover");
    await visible(popover);
    await visible(
      popover.getByRole("button", { name: fmt(c.actions.applyLabel, { original: "recieve", suggestion: "receive" }) }),
    );
    await visible(popover.getByRole("button", { name: c.actions.addToDictionary }));
    await visible(popover.getByRole("button", { name: c.actions.dismiss }));
    await screenshot(page, "corrections-02-popover-1280");
    await expectAccessible(page, "corrections-popover");

    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
    // Focus is back on the mark (it returns on the next frame, once the popover is gone).
    await page.waitForFunction(() => document.activeElement?.textContent?.startsWith("recieve") === true, undefined, {
      timeout: 5_000,
    });
    expect(await spelling.evaluate((el) => el === document.activeElement)).toBe(true);

    // Alt+↓ from the mark opens the next finding (the wrong article follows the misspelling).
    await page.keyboard.press("Alt+ArrowDown");
    await visible(popover);
    const openIds = await page.evaluate(() => document.querySelector("mark[aria-expanded=true]")?.textContent ?? "");
    expect(openIds.startsWith("a")).toBe(true);
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
  });

  it("reads findings chapter by chapter; Show in text opens a finding of the panel in the text", async () => {
    // The reader reads the findings of the chapters it shows, one chapter per request, never the whole
    // book's at once (the panel pages its own short list).
    const reads: URL[] = [];
    const onRequest = (request: { url: () => string }) => {
      const url = new URL(request.url());
      if (url.pathname === `/api/books/${bookId}/corrections` && url.searchParams.get("limit") === "200")
        reads.push(url);
    };
    page.on("request", onRequest);
    await page.reload();
    await waitForReader(page, copy);
    const spelling = marksIn(plantedParagraph(page)).filter({ hasText: "recieve" }).first();
    await visible(spelling, 30_000);
    page.off("request", onRequest);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.map((url) => url.searchParams.get("chapterId"))).toContain(chapterId);
    for (const url of reads) expect(url.searchParams.get("chapterId")).not.toBeNull();

    const item = page
      .getByTestId("corrections-panel")
      .locator('[data-testid="correction-item"][data-type="SPELLING"]')
      .filter({ hasText: "recieve" });
    await item.getByRole("button", { name: c.list.showInText }).click();
    const popover = page.getByTestId("finding-popover");
    await visible(popover);
    expect(await spelling.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
  });

  it("underlines the findings in the chapter editor too; Alt+↓ selects one and opens its popover", async () => {
    await openChapterEditor(page, copy, 1, chapterTitle);
    const backdrop = page.getByTestId("editor-findings-backdrop");
    await backdrop
      .locator("mark")
      .filter({ hasText: "recieve" })
      .first()
      .waitFor({ state: "attached", timeout: 20_000 });
    expect(await backdrop.locator("mark").filter({ hasText: "recieve" }).count()).toBe(1);
    const text = page.getByTestId("chapter-content");
    const content = await text.inputValue();
    await text.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+Home");
    const at = content.indexOf("recieve");
    // Walk to the misspelling from the start: Alt+↓ until the selection is on it.
    for (let i = 0; i < 50; i++) {
      await page.keyboard.press("Alt+ArrowDown");
      await visible(page.getByTestId("finding-popover"));
      const start = await text.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
      if (start === at) break;
    }
    expect(await text.evaluate((el) => (el as HTMLTextAreaElement).selectionStart)).toBe(at);
    await visible(page.getByTestId("finding-popover").getByText(c.types.SPELLING));
    await screenshot(page, "corrections-02b-editor-1280");
    await page.keyboard.press("Escape");
    await page.getByTestId("finding-popover").waitFor({ state: "detached" });
    expect(await text.inputValue()).toBe(content);
    await page.getByRole("link", { name: b.editor.backToBook }).click();
    await onPath(page, `/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(marksIn(plantedParagraph(page)).first());
  });

  it("fits a 390 px phone: the panel and the popover stay inside the screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("corrections-panel").scrollIntoViewIfNeeded();
    await screenshot(page, "corrections-03-panel-390");
    const spelling = marksIn(plantedParagraph(page)).filter({ hasText: "recieve" }).first();
    await spelling.scrollIntoViewIfNeeded();
    await spelling.click();
    const popover = page.getByTestId("finding-popover");
    await visible(popover);
    const box = await popover.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(page, "corrections-04-popover-390");
    await expectAccessible(page, "corrections-popover-390");
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("applies the spelling suggestion: the text changes, a new revision, stale formats", {
    timeout: 240_000,
  }, async () => {
    // The edit that planted the errors left the formats outdated: render them again first, so the
    // staleness seen after applying is the suggestion's doing.
    await page.getByRole("button", { name: b.formats.regenerate }).click();
    await page.waitForFunction(
      (stale) => {
        const panel = document.querySelector("[data-testid=formats-panel]");
        const rows = [...(panel?.querySelectorAll("li[data-format]") ?? [])];
        return (
          rows.length === 5 &&
          rows.every((row) => row.querySelector('[data-format-status="READY"]')) &&
          !panel?.textContent?.includes(stale)
        );
      },
      b.formats.stale,
      { timeout: 150_000 },
    );
    await page.getByRole("button", { name: b.history.show }).click();
    await visible(page.getByRole("list", { name: b.history.listLabel }));
    const before = await listedVersions(page);

    await marksIn(plantedParagraph(page)).filter({ hasText: "recieve" }).first().click();
    const popover = page.getByTestId("finding-popover");
    await popover
      .getByRole("button", { name: fmt(c.actions.applyLabel, { original: "recieve", suggestion: "receive" }) })
      .click();
    await visible(page.getByText(c.notices.applied));
    await visible(page.locator("article p").filter({ hasText: corrected }));
    expect(await marksIn(plantedParagraph(page)).filter({ hasText: "recieve" }).count()).toBe(0);

    // The history has a new version on top, and the rendered files are outdated.
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="revision"]').length > count,
      before.length,
      {
        timeout: 30_000,
      },
    );
    const after = await listedVersions(page);
    expect(after[0]).not.toBe(before[0]);
    await visible(page.getByTestId("formats-panel").getByText(b.formats.stale).first(), 30_000);

    const spelling = (await chapterFindings(page, bookId, chapterId)).find((f) => f.original === "recieve");
    expect(spelling?.status).toBe("ACCEPTED");
    await screenshot(page, "corrections-05-applied-1280");
  });

  it("dismisses the wrong-article finding with a reason", async () => {
    const article = marksIn(plantedParagraph(page)).first();
    await visible(article);
    const ids = ((await article.getAttribute("data-finding-ids")) ?? "").split(" ").filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    await article.click();
    const popover = page.getByTestId("finding-popover");
    for (let i = 0; i < ids.length; i++) {
      await popover.getByTestId("dismiss-finding").first().click();
      await popover.getByLabel(c.actions.dismissReason).fill("House style keeps it");
      await popover.getByTestId("confirm-dismiss").click();
      await visible(page.getByText(c.notices.dismissed));
      if (i < ids.length - 1) await article.click();
    }
    await marksIn(plantedParagraph(page)).first().waitFor({ state: "detached" });
    const findings = await chapterFindings(page, bookId, chapterId);
    for (const id of ids) expect(findings.find((f) => f.id === id)?.status).toBe("REJECTED");
  });

  it("re-checks: neither finding comes back", async () => {
    await runCheck(page);
    await visible(page.locator("article p").filter({ hasText: corrected }));
    expect(await marksIn(plantedParagraph(page)).count()).toBe(0);
    const open = (await chapterFindings(page, bookId, chapterId)).filter((f) => f.status === "OPEN");
    expect(open.filter((f) => f.original === "recieve" || f.original?.startsWith("a apple"))).toEqual([]);
  }, 180_000);
});
