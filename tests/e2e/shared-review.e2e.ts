// Issue 16's acceptance journey: an owner writes a demo book and shares it as COMMENTER with a new email
// address; the invitee signs up through the outbox link and sees only that book under "Shared with me";
// the invitee comments on a passage and suggests a change in the reader; the owner, with the book open,
// sees both arrive live, replies, and accepts the suggestion; the compare view shows the change between the
// generated version and the new one. axe-core runs on the share dialog, the comment thread and the compare
// view; screenshots in test-results/screenshots/shared-review-*.png.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, waitForReader, writeBookWithWizard } from "./book-kit";
import { launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { signUpOwner } from "./owner-account";
import { acceptShareAsNewPerson, selectPassage, shareOpenBook } from "./review-kit";
import { fmt, m, visible } from "./ui";

const copy: Copy = m;
const r = m.review;
const h = m.books.history;
const stamp = Date.now().toString(36);
const brief = {
  title: `The Outside Reader ${stamp}`,
  topic: "Restoring an old wooden boat",
  goal: "Make the hull watertight again",
  chapters: 2,
  words: 600,
};
const invitee = { name: "Cole Commenter", email: uniqueEmail("shared-review"), password: "correct-horse-battery" };
const replacement = "zephyrine quixotic marmalade";

describe("Shared review journey: share as COMMENTER, comment and suggest, accept, compare", () => {
  let browser: Browser;
  let ownerPage: Page;
  let inviteePage: Page;
  let bookId = "";
  let suggested = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerPage = await (await newUserContext(browser)).newPage();
    inviteePage = await (await newUserContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the owner writes a book and shares it as COMMENTER with a new email address", async () => {
    await signUpOwner(ownerPage, "shared-review");
    bookId = await writeBookWithWizard(ownerPage, copy, brief);
    await waitForReader(ownerPage, copy);
    await shareOpenBook(ownerPage, brief.title, invitee.email, "COMMENTER");
    await expectAccessible(ownerPage, "shared-review-share-dialog");
    await screenshot(ownerPage, "shared-review-01-share");
    await ownerPage.keyboard.press("Escape");
  }, 300_000);

  it("the invitee signs up through the link and sees only that book under Shared with me", async () => {
    await acceptShareAsNewPerson(inviteePage, invitee, bookId);
    await waitForReader(inviteePage, copy);
    await inviteePage.goto("/shared");
    const shelf = inviteePage.getByTestId("shared-books");
    await visible(shelf.getByRole("link", { name: brief.title }));
    expect(await shelf.getByRole("listitem").count()).toBe(1);
  }, 180_000);

  it("the invitee comments on a passage and suggests a change from the reader", async () => {
    // Both have the book open from here on; nothing below reloads the owner's page.
    await ownerPage.goto(`/app/books/${bookId}`);
    await waitForReader(ownerPage, copy);
    await inviteePage.goto(`/shared/books/${bookId}`);
    await waitForReader(inviteePage, copy);

    const panel = inviteePage.getByTestId("review-panel");
    const commented = await selectPassage(inviteePage, 0, 4);
    await visible(panel.getByTestId("review-selection").getByText(commented));
    await panel.getByTestId("review-comment").click();
    await panel.getByLabel(r.commentLabel).fill("Could this opening be shorter?");
    await panel.getByTestId("review-submit").click();
    await visible(panel.getByText(r.commented));

    suggested = await selectPassage(inviteePage, 5, 3);
    await visible(panel.getByTestId("review-selection").getByText(suggested));
    await panel.getByTestId("review-suggest").click();
    await panel.getByLabel(r.suggestLabel).fill(replacement);
    await panel.getByTestId("review-submit").click();
    await visible(panel.getByText(r.suggested));
    await screenshot(inviteePage, "shared-review-02-invitee");

    // A COMMENTER still cannot edit: the reader offers no editor, and the API refuses one.
    expect(await inviteePage.getByText(m.books.reader.readOnly).count()).toBe(1);
  }, 120_000);

  it("the owner sees both live, replies, accepts the suggestion, and the compare view shows the change", async () => {
    const thread = ownerPage.getByTestId("comment-thread").filter({ hasText: "Could this opening be shorter?" });
    await visible(thread, 30_000);
    const suggestion = ownerPage
      .getByTestId("correction-item")
      .filter({ has: ownerPage.getByTestId("suggested-by").getByText(invitee.name) });
    await visible(suggestion, 30_000);
    await expectAccessible(ownerPage, "shared-review-thread");

    await thread.getByLabel(r.replyLabel).fill("Agreed, I will trim it.");
    await thread.getByTestId("reply-submit").click();
    await visible(thread.getByTestId("comment-reply").filter({ hasText: "Agreed, I will trim it." }));
    await visible(
      inviteePage
        .getByTestId("comment-thread")
        .getByTestId("comment-reply")
        .filter({ hasText: "Agreed, I will trim it." }),
      30_000,
    );

    await suggestion.getByTestId("apply-suggestion").first().click();
    await expect
      .poll(
        async () => {
          const response = await ownerPage.request.get(`/api/books/${bookId}/revisions?limit=1`);
          const body = (await response.json()) as { items: { version: string; changes: { kind?: string } | null }[] };
          return body.items[0]?.changes?.kind;
        },
        { timeout: 30_000 },
      )
      .toBe("corrections.applied");

    // The history's compare: the generated version against the current text marks the accepted change.
    await ownerPage.reload();
    await waitForReader(ownerPage, copy);
    await ownerPage.getByRole("button", { name: h.show }).click();
    await ownerPage.getByRole("button", { name: fmt(h.compareLabel, { version: "1.0" }), exact: true }).click();
    const changed = ownerPage.locator('[data-testid="compared-chapter"][data-status="changed"]');
    // A word-level diff: each replaced word is its own insertion (the spaces between them are unchanged).
    for (const word of replacement.split(" ")) await visible(changed.locator("ins").filter({ hasText: word }));
    await visible(changed.locator("del").first());
    await screenshot(ownerPage, "shared-review-03-compare");
    await expectAccessible(ownerPage, "shared-review-compare");
  }, 180_000);
});
