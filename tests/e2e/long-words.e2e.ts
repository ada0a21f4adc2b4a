// Long words journey (issue 13): a chapter with a 300-letter word and text in every script must not make any
// page wider than the window. The owner writes a small demo book whose title holds a long word, puts the
// 300-letter word into chapter 1 with the chapter editor (checking its preview), then the reader, the chapter
// editor and the history's text of that version are measured at a phone width (390 px) and a desktop width
// (1280 px): document.documentElement.scrollWidth must not exceed window.innerWidth.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, firstChapterTitleInToc, openChapterEditor, waitForReader, writeBookWithWizard } from "./book-kit";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { fmt, m, visible } from "./ui";

const copy: Copy = m;
const b = m.books;
const LONG_WORD = "x".repeat(300);
const SCRIPTS = "Où l’élève ? 海边的小镇 ひらがな 바닷가 마을 שלום עולם مرحبا بالعالم 🌊";
const stamp = Date.now().toString(36);
const brief = {
  title: `Long Words ${"y".repeat(60)} ${stamp}`,
  topic: "How small coastal towns adapt to rising seas",
  goal: "Show that long words wrap",
  chapters: 2,
  words: 600,
};
const WIDTHS = [390, 1280] as const;
/** A chapter title with a word too long for a phone's line (titles are limited to 200 characters). */
const LONG_TITLE = `Chapter ${"z".repeat(120)}`;

/** Resizes the window and returns how wide the document is next to it (after layout settles). */
async function fits(page: Page, width: number): Promise<{ scrollWidth: number; innerWidth: number }> {
  await page.setViewportSize({ width, height: 900 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** The innermost elements that stick out past the window's right edge, to name the culprit of a failure. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide = [...document.querySelectorAll("body *")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1,
    );
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${el.textContent?.slice(0, 40)}`,
      );
  });
}

async function expectNoHorizontalScroll(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    const { scrollWidth, innerWidth } = await fits(page, width);
    await screenshot(page, `long-words-${name}-${width}`);
    const culprits = scrollWidth > innerWidth ? await overflowing(page) : [];
    expect(scrollWidth, `${name} at ${width} px: ${culprits.join("\n")}`).toBeLessThanOrEqual(innerWidth);
  }
}

describe("Long words journey", () => {
  let browser: Browser;
  let page: Page;
  let bookId = "";
  let firstChapterTitle = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("writes a small demo book whose opening chapter title reads as a title", async () => {
    await signUpOwner(page, "longwords");
    bookId = await writeBookWithWizard(page, copy, brief);
    await waitForReader(page, copy);
    firstChapterTitle = await firstChapterTitleInToc(page, copy);
    expect(firstChapterTitle).toBe("How Small Coastal Towns Adapt to Rising Seas: The Stakes");
  }, 240_000);

  it("puts a 300-letter word, every script and a long title into chapter 1; the editor and its preview stay in the window", async () => {
    await openChapterEditor(page, copy, 1, firstChapterTitle);
    const text = page.getByTestId("chapter-content");
    await text.fill(`${await text.inputValue()}\n\n${SCRIPTS}\n\nUn mot trop long : ${LONG_WORD} et la suite.\n`);
    await page.getByLabel(b.editor.chapterTitle, { exact: true }).fill(LONG_TITLE);
    await page.getByTestId("save-chapter").click();
    await visible(page.getByText(/^Saved at /));
    await expectNoHorizontalScroll(page, "editor");
    await page.getByRole("tab", { name: b.editor.preview }).click();
    await visible(page.getByText(LONG_WORD));
    await expectNoHorizontalScroll(page, "editor-preview");
  });

  it("keeps the reader within a 390 px and a 1280 px window", async () => {
    await page.goto(`/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(page.locator("article").getByText(LONG_WORD));
    await visible(page.locator("article").getByText(SCRIPTS));
    await visible(page.getByRole("heading", { level: 2, name: LONG_TITLE }));
    await expectNoHorizontalScroll(page, "reader");
  });

  it("keeps the history's text of the edited version within the window, formatted and as source", async () => {
    await page.getByRole("button", { name: b.history.show }).click();
    await visible(page.getByRole("list", { name: b.history.listLabel }));
    await page.getByRole("button", { name: fmt(b.history.viewLabel, { version: "1.1" }), exact: true }).click();
    const region = page.getByRole("region", { name: fmt(b.history.textLabel, { version: "1.1" }), exact: true });
    await visible(region.getByText(LONG_WORD));
    await expectNoHorizontalScroll(page, "history-formatted");
    await page.locator('[data-revision-version="1.1"]').getByRole("button", { name: b.history.source }).click();
    await visible(region.locator("pre"));
    await expectNoHorizontalScroll(page, "history-source");
  });
});
