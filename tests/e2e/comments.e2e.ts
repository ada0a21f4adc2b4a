// Review journey (issue 16 §3): the owner writes a demo book and invites a MEMBER. With the book open in both
// browsers, the member selects a passage and comments on it (mentioning the owner), then selects another and
// suggests a change; the owner sees both appear without a reload, replies (the member sees the reply live),
// and accepts the suggestion: the text changes and the history's newest revision lists it. The commented
// passage is highlighted in the text: activating it focuses its thread, "Show in the text" brings it back, and
// once the thread is resolved the highlight is gone (live, in both browsers). axe-core runs on the comment
// thread; screenshots at 1280 px and 390 px (test-results/screenshots/comments-*.png).
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, waitForReader, writeBookWithWizard } from "./book-kit";
import { launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { joinByInvitation, type Owner, signUpOwner } from "./owner-account";
import { selectPassage } from "./review-kit";
import { fmt, m, visible } from "./ui";

const copy: Copy = m;
const r = m.review;
const stamp = Date.now().toString(36);
const brief = {
  title: `The Shared Margin ${stamp}`,
  topic: "Keeping bees in a small garden",
  goal: "Set up a first hive safely",
  chapters: 2,
  words: 600,
};

describe("Review journey", () => {
  let browser: Browser;
  let ownerPage: Page;
  let memberPage: Page;
  let owner: Owner;
  let bookId = "";
  const member = { name: "Mira Member", email: uniqueEmail("review-member"), password: "correct-horse-battery" };
  let commented = "";
  let commentId = "";
  let suggested = "";
  const replacement = "a carefully chosen phrase";

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerPage = await (await newUserContext(browser)).newPage();
    memberPage = await (await newUserContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the owner writes a book and invites a member, who opens it", async () => {
    owner = await signUpOwner(ownerPage, "review");
    bookId = await writeBookWithWizard(ownerPage, copy, brief);
    await waitForReader(ownerPage, copy);

    await ownerPage.goto("/app/settings/members");
    const invite = ownerPage.getByRole("form", { name: m.settings.members.inviteTitle });
    await visible(invite);
    await invite.getByLabel(m.settings.members.inviteEmail).fill(member.email);
    await invite.getByLabel(m.settings.members.inviteRole, { exact: true }).selectOption("MEMBER");
    await invite.getByRole("button", { name: m.settings.members.sendInvite }).click();
    await visible(ownerPage.getByText(fmt(m.settings.members.invited, { email: member.email })));
    await joinByInvitation(memberPage, member, owner.organization);

    for (const page of [ownerPage, memberPage]) {
      const commentReads: string[] = [];
      const countRead = (request: { url: () => string }) => {
        if (new URL(request.url()).pathname === `/api/books/${bookId}/comments`) commentReads.push(request.url());
      };
      page.on("request", countRead);
      const stream = page.waitForResponse((response) => response.url().includes(`/api/books/${bookId}/events`));
      await page.goto(`/app/books/${bookId}`);
      await waitForReader(page, copy);
      await visible(page.getByTestId("review-panel").getByText(r.empty));
      await stream;
      await page.waitForTimeout(1_500);
      page.off("request", countRead);
      // Read once: the stream's first frame equals the state read while the page was rendered.
      expect(commentReads).toHaveLength(1);
    }
  }, 300_000);

  it("the member comments on a passage (mentioning the owner) and suggests a change", async () => {
    const panel = memberPage.getByTestId("review-panel");
    commented = await selectPassage(memberPage, 0, 4);
    await visible(panel.getByTestId("review-selection").getByText(commented));
    await panel.getByTestId("review-comment").click();
    await panel.getByLabel(r.commentLabel).fill("Is this the right opening?");
    await panel.getByTestId("mention-picker").selectOption({ label: `${owner.name} (${owner.email})` });
    await panel.getByRole("button", { name: r.mentionAdd }).click();
    await expect.poll(() => panel.getByLabel(r.commentLabel).inputValue()).toContain(`@${owner.name}`);
    await panel.getByTestId("review-submit").click();
    await visible(panel.getByText(r.commented));
    const thread = panel.getByTestId("comment-thread").filter({ hasText: "Is this the right opening?" });
    await visible(thread);
    commentId = (await thread.getAttribute("data-comment-id")) ?? "";
    expect(commentId).not.toBe("");

    // The passage is highlighted in the (server-rendered) opening chapter, and activating it focuses its thread.
    const marks = commentMarks(memberPage, commentId);
    await expect.poll(() => markedText(marks), { timeout: 30_000 }).toBe(commented);
    await visible(memberPage.locator("#book-text mark[data-comment-mark]", { hasText: commented }));
    await marks.first().click();
    await expect.poll(() => focusedThread(memberPage)).toBe(commentId);
    // And back: the thread's "Show in the text" moves to the passage and emphasises it for a moment.
    await thread.getByTestId("comment-show-passage").click();
    await expect.poll(() => marks.first().getAttribute("data-emphasised")).toBe("");
    await expect
      .poll(() => memberPage.evaluate(() => document.activeElement?.getAttribute("data-comment-ids") ?? ""))
      .toContain(commentId);

    suggested = await selectPassage(memberPage, 5, 3);
    await visible(panel.getByTestId("review-selection").getByText(suggested));
    await panel.getByTestId("review-suggest").click();
    await panel.getByLabel(r.suggestLabel).fill(replacement);
    await panel.getByTestId("review-submit").click();
    await visible(panel.getByText(r.suggested));
    await screenshot(memberPage, "comments-01-member");
  }, 120_000);

  it("the owner sees both appear live, replies (seen live by the member) and accepts the suggestion", async () => {
    // No reload: the thread and the suggestion arrive over the book's event stream.
    const thread = ownerPage.getByTestId("comment-thread").filter({ hasText: "Is this the right opening?" });
    await visible(thread, 30_000);
    await visible(thread.getByText(commented));
    const suggestion = ownerPage
      .getByTestId("correction-item")
      .filter({ has: ownerPage.getByTestId("suggested-by").getByText(member.name) });
    await visible(suggestion, 30_000);
    await expectAccessible(ownerPage, "comments-thread");
    await screenshot(ownerPage, "comments-02-owner");

    await thread.getByLabel(r.replyLabel).fill("Yes, keep it.");
    await thread.getByTestId("reply-submit").click();
    await visible(thread.getByTestId("comment-reply").filter({ hasText: "Yes, keep it." }));
    await visible(
      memberPage.getByTestId("comment-thread").getByTestId("comment-reply").filter({ hasText: "Yes, keep it." }),
      30_000,
    );

    await suggestion.getByTestId("apply-suggestion").first().click();
    await expect
      .poll(
        async () => {
          const response = await ownerPage.request.get(`/api/books/${bookId}/revisions?limit=1`);
          const body = (await response.json()) as { items: { changes: { kind?: string } | null }[] };
          return body.items[0]?.changes?.kind;
        },
        { timeout: 30_000 },
      )
      .toBe("corrections.applied");
    // The chapter's text now reads the replacement.
    const detail = (await (await ownerPage.request.get(`/api/books/${bookId}`)).json()) as {
      chapters: { content: string }[];
    };
    expect(detail.chapters.some((chapter) => chapter.content.includes(replacement))).toBe(true);

    // Phone width: the panel fits without sideways scrolling.
    await ownerPage.setViewportSize({ width: 390, height: 844 });
    await thread.scrollIntoViewIfNeeded();
    const overflow = await ownerPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(ownerPage, "comments-03-phone");
    await expectAccessible(ownerPage, "comments-thread-phone");
  }, 180_000);

  it("the owner resolves the thread: its passage is no longer highlighted, for either of them", async () => {
    await ownerPage.setViewportSize({ width: 1280, height: 900 });
    // Still marked after the suggestion changed the text next to it (the comment moved with the text).
    await expect.poll(() => markedText(commentMarks(ownerPage, commentId)), { timeout: 30_000 }).toBe(commented);
    const thread = ownerPage.getByTestId("comment-thread").filter({ hasText: "Is this the right opening?" });
    await thread.getByTestId("comment-resolve").click();
    await expect.poll(() => commentMarks(ownerPage, commentId).count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => commentMarks(memberPage, commentId).count(), { timeout: 30_000 }).toBe(0);
    // The words are still there, unmarked.
    await visible(ownerPage.locator("#book-text").getByText(commented).first());
  }, 120_000);
});

/** The in-text marks of one comment's passage (several when a finding or formatting cuts it). */
function commentMarks(page: Page, id: string): Locator {
  return page.locator(`#book-text mark[data-comment-mark][data-comment-ids~="${id}"]`);
}

async function markedText(marks: Locator): Promise<string> {
  return (await marks.allTextContents()).join("");
}

/** The comment id of the thread that has the focus, or "" . */
function focusedThread(page: Page): Promise<string> {
  return page.evaluate(
    () => document.activeElement?.closest("[data-comment-id]")?.getAttribute("data-comment-id") ?? "",
  );
}
