// Review-the-plan journey (issue 17 point 3): a book created with "Let me review the outline and the book bible"
// pauses after planning; the page shows the outline, the bible panel (a writer fills one in) and "Continue
// writing"; continuing writes the chapters and the reader opens. axe runs on the paused page with the panel.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, fillWizard, submitWizard, waitForReader } from "./book-kit";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { m, visible } from "./ui";

const copy: Copy = m;
const b = m.books;

describe("Review the plan journey", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newUserContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates a book that pauses for review, edits the bible, continues and gets the book", async () => {
    await signUpOwner(page, "review-plan");
    await page.goto("/app/books/new");
    const brief = {
      title: `Reviewed ${Date.now().toString(36)}`,
      topic: "Bees in the city",
      goal: "Keep a first hive",
      chapters: 2,
      words: 600,
    };
    await fillWizard(page, copy, brief, async (step) => {
      if (step === "size") await page.getByLabel(b.wizard.fields.reviewPlan).check();
    });
    await submitWizard(page);

    await visible(page.getByTestId("job-state").filter({ hasText: b.jobState.AWAITING_REVIEW }), 60_000);
    await visible(page.getByText(b.progress.reviewHint));
    // The outline under review: the planned chapters are listed before any is written.
    await visible(page.getByTestId("chapter-states"));
    expect(await page.getByTestId("chapter-states").locator("li").count()).toBe(2);
    await visible(page.getByRole("heading", { name: b.bible.title }));
    const continueWriting = page.getByRole("button", { name: b.progress.continue });
    await visible(continueWriting);
    await screenshot(page, "review-plan-01-paused");
    await expectAccessible(page, "review-plan-paused");

    await page.getByTestId("edit-bible").click();
    await page.getByLabel(b.bible.characters).fill("Mira Okafor — the beekeeper");
    await page.getByRole("button", { name: b.bible.save }).click();
    await visible(page.getByTestId("book-bible").getByText("Mira Okafor"));
    await expectAccessible(page, "review-plan-bible-saved");

    await continueWriting.click();
    await waitForReader(page, copy);
    await screenshot(page, "review-plan-02-written");
  });
});
