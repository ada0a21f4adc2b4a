// Book journey in French (issue 6 acceptance 3): the same creation journey with the interface switched to
// French shows French text throughout — dashboard, wizard, live progress, reader, formats and editor — with
// <html lang="fr">, a French book by default, and no English copy of these screens left on the page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "../../src/i18n/messages/fr";
import {
  type Copy,
  expectAccessible,
  fillWizard,
  openChapterEditor,
  recordedProgress,
  recordProgress,
  waitForReader,
} from "./book-kit";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const copy = fr as Copy;
const b = fr.books;
const brief = {
  title: `Le Potager du balcon ${Date.now().toString(36)}`,
  topic: "Cultiver des légumes sur un petit balcon en ville",
  goal: "Planifier, planter et récolter un potager de balcon en une saison",
  chapters: 3,
  words: 600,
};

/** Fails when English copy of the book screens (that differs from the French) is visible on the page. */
async function expectNoEnglish(page: Page, strings: string[]): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the *visible* text, which is what is checked.
  const text = await page.locator("body").innerText();
  // Whole words only: "Continue" must not match the French "Continuer".
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const leaked = strings.filter((s) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(s)}($|[^\\p{L}])`, "u").test(text));
  expect(leaked, `English text on a French page: ${leaked.join(" | ")}`).toEqual([]);
}

describe("Book journey in French", () => {
  let browser: Browser;
  let page: Page;
  let bookId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("switches to French and shows the French empty shelf", async () => {
    await signUpOwner(page, "livres");
    await page.getByTestId("locale-switcher").selectOption("fr");
    await visible(page.getByRole("heading", { name: fr.dashboard.emptyTitle }));
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await visible(page.getByRole("link", { name: b.shelf.emptyCta }));
    await visible(page.getByRole("heading", { name: b.usage.title }));
    await expectNoEnglish(page, [m.dashboard.emptyTitle, m.books.shelf.emptyCta, m.books.usage.title, m.nav.dashboard]);
    await screenshot(page, "books-fr-01-dashboard");
    await expectAccessible(page, "books-fr-dashboard");
  });

  it("creates a French book through the French wizard", async () => {
    await page.getByRole("link", { name: b.shelf.emptyCta }).click();
    await onPath(page, "/app/books/new");
    await visible(page.getByRole("heading", { level: 1, name: b.wizard.title }));
    await visible(page.getByRole("navigation", { name: b.wizard.stepsLabel }).getByText(b.wizard.steps.size));

    await page.getByRole("button", { name: b.wizard.next }).click();
    await visible(page.locator('[data-field-error="title"]').filter({ hasText: b.wizard.validation.title }));

    await fillWizard(page, copy, brief, async (step) => {
      if (step === "readers") {
        // The book's language follows the interface by default.
        expect(await page.getByLabel(b.wizard.fields.language, { exact: true }).inputValue()).toBe("fr");
      }
      if (step === "size") {
        await visible(page.getByText(b.engines.demoDescription));
        await expectNoEnglish(page, [m.books.engines.demo, m.books.wizard.fields.engine, m.books.wizard.next]);
        await screenshot(page, "books-fr-02-wizard-engine");
      }
      if (step === "review") {
        await visible(page.getByText(fmt(b.wizard.reviewIntro, { chapters: 3, words: 600 })));
        await screenshot(page, "books-fr-03-wizard-review");
        await expectAccessible(page, "books-fr-wizard-review");
      }
    });
    await recordProgress(page, copy);
    await page.getByRole("button", { name: b.wizard.create }).click();
    await onPath(page, /^\/app\/books\/(?!new$)[^/]+$/);
    bookId = new URL(page.url()).pathname.split("/")[3]!;
  });

  it("shows the live progress in French, then the French reader", async () => {
    await visible(page.getByRole("progressbar", { name: b.progress.overall }));
    const state = (await page.getByTestId("job-state").textContent())?.trim() ?? "";
    expect(Object.values(b.jobState)).toContain(state);
    await visible(page.getByRole("heading", { name: b.progress.liveText }));
    await screenshot(page, "books-fr-04-progress");
    await expectNoEnglish(page, [m.books.progress.overall, m.books.progress.liveText, m.books.progress.cancel]);

    await waitForReader(page, copy);
    expect((await recordedProgress(page)).some((v) => v > 0)).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await visible(page.getByText(fmt(b.reader.chapterLabel, { number: 1 })));
    await visible(page.getByTestId("demo-banner").getByText(b.reader.demoBanner));
    // The book itself is in French: the demo engine's French label opens each chapter.
    await visible(page.locator("article").getByText("Moteur de démonstration — texte provisoire").first());
    expect(await page.locator("article").getAttribute("lang")).toBe("fr");
    await visible(page.getByRole("heading", { name: b.formats.title }));
    await visible(page.getByRole("heading", { name: b.order.title }));
    await visible(page.getByRole("heading", { name: b.danger.title }));
    await visible(page.getByTestId("formats-panel").getByText(b.formats.download).first(), 120_000);
    await expectNoEnglish(page, [
      m.books.reader.toc,
      m.books.reader.demoBanner,
      m.books.formats.download,
      m.books.order.title,
      m.books.danger.delete,
      fmt(m.books.reader.chapterLabel, { number: 1 }),
    ]);
    await screenshot(page, "books-fr-05-reader");
    await expectAccessible(page, "books-fr-reader");
  });

  it("edits a chapter in the French editor", async () => {
    const firstTitle = (
      await page.getByRole("navigation", { name: b.reader.tocLabel }).getByRole("link").first().textContent()
    )
      ?.replace(/^\d+\.\s*/, "")
      .trim();
    await openChapterEditor(page, copy, 1, firstTitle!);
    await visible(page.getByRole("tab", { name: b.editor.write }));
    await visible(page.getByRole("tab", { name: b.editor.preview }));
    const text = page.getByTestId("chapter-content");
    await text.fill(`${await text.inputValue()}\n\nUne phrase ajoutée pendant le test.\n`);
    await visible(page.getByText(b.editor.unsaved));
    await page.getByRole("button", { name: b.editor.save }).click();
    await visible(page.getByText(/^Enregistré à /));
    await expectNoEnglish(page, [m.books.editor.save, m.books.editor.preview, m.books.editor.backToBook]);
    await screenshot(page, "books-fr-06-editor");
    await expectAccessible(page, "books-fr-editor");

    await page.goto(`/app/books/${bookId}`);
    await waitForReader(page, copy);
    await visible(page.getByText("Une phrase ajoutée pendant le test."));
  });
});
