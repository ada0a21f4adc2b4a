// Shared steps of the review journeys (comments.e2e.ts, shared-review.e2e.ts).
import type { Page } from "playwright-core";
import { waitForEmailLink } from "./outbox";
import { fmt, m, onPath, signUp, visible } from "./ui";

/**
 * Selects `words` words of the first long enough run of plain text of the first chapter, from word `fromWord`
 * (as a reader dragging over them would), and answers the selected text.
 */
export async function selectPassage(page: Page, fromWord: number, words: number): Promise<string> {
  // The opening chapter's text (server HTML, its marks already in place) is rendered again when its marks
  // change (a comment or a finding added or resolved meanwhile); a selection made just before that is gone
  // with the old text. Select again until the review panel shows it.
  const shown = page.getByTestId("review-panel").getByTestId("review-selection");
  for (let attempt = 1; ; attempt++) {
    const selected = await selectPassageOnce(page, fromWord, words);
    const seen = await shown
      .getByText(selected)
      .first()
      .waitFor({ state: "visible", timeout: 4_000 })
      .then(() => true)
      .catch(() => false);
    if (seen || attempt === 5) return selected;
  }
}

async function selectPassageOnce(page: Page, fromWord: number, words: number): Promise<string> {
  return page.evaluate(
    ({ fromWord, words }) => {
      // A run of plain text (the opening chapter's findings are marked from the first paint, so a paragraph
      // may hold marks around it) long enough for the words asked.
      const runs = [...document.querySelectorAll("#book-text section[data-chapter-id] p")].flatMap((p) =>
        [...p.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE),
      );
      const run = runs.find((node) => (node.textContent ?? "").trim().split(" ").length > fromWord + words + 2);
      if (!run) throw new Error("no plain run of text to select in");
      const raw = run.textContent ?? "";
      const text = raw.trimStart();
      const parts = text.split(" ");
      const start = raw.length - text.length + parts.slice(0, fromWord).join(" ").length + (fromWord > 0 ? 1 : 0);
      const selected = parts.slice(fromWord, fromWord + words).join(" ");
      const range = document.createRange();
      range.setStart(run, start);
      range.setEnd(run, start + selected.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selected;
    },
    { fromWord, words },
  );
}

/**
 * Shares the open book from its Share dialog with `email` as `role`; answers once the pending invitation is
 * listed, with the dialog still open (for the caller's screenshot and axe run).
 */
export async function shareOpenBook(page: Page, title: string, email: string, role: string): Promise<void> {
  const s = m.sharing;
  await page.getByTestId("share-book").click();
  const dialog = page.getByRole("dialog", { name: fmt(s.dialogTitle, { title }) });
  await visible(dialog);
  await dialog.getByLabel(s.email).fill(email);
  await dialog.getByLabel(s.role, { exact: true }).selectOption(role);
  await dialog.getByRole("button", { name: s.invite }).click();
  await visible(dialog.getByText(fmt(s.invited, { email })));
  await visible(dialog.getByTestId("collaborator").filter({ hasText: s.status.PENDING }));
}

/**
 * A new person follows the share email's link: signs up with the invited address, verifies it, accepts, and
 * lands on the shared book. Answers the invitation link's path.
 */
export async function acceptShareAsNewPerson(
  page: Page,
  person: { name: string; email: string; password: string },
  bookId: string,
): Promise<string> {
  const link = new URL(await waitForEmailLink(person.email, /\/shared\/invitations\/[A-Za-z0-9_-]+$/)).pathname;
  await page.goto(link);
  await page.getByRole("link", { name: m.auth.signUp.submit }).click();
  await onPath(page, "/sign-up");
  await signUp(page, person);
  await onPath(page, "/verify-email");
  await page.goto(await waitForEmailLink(person.email, /\/verify-email\?token=/));
  await onPath(page, /^\/(onboarding|shared)/);
  await page.goto(link);
  await page.getByTestId("accept-shared-book").click();
  await onPath(page, `/shared/books/${bookId}`);
  return link;
}
