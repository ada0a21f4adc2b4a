// Book journey in French (issue 6 acceptance 3): the same creation journey with the interface switched to
// French shows French text throughout — dashboard, wizard, live progress, reader, formats and editor — with
// <html lang="fr">, a French book by default, and no English copy of these screens left on the page; then
// the book's details (a French field error, a saved title) and its history (French summaries and dates).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@/i18n/messages/fr";
import {
  type Copy,
  expectAccessible,
  fillWizard,
  openChapterEditor,
  recordedProgress,
  recordProgress,
  waitForReader,
} from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const copy = fr as Copy;
const b = fr.books;
const h = b.history;
const stamp = Date.now().toString(36);
const brief = {
  title: `Le Potager du balcon ${stamp}`,
  topic: "Cultiver des légumes sur un petit balcon en ville",
  goal: "Planifier, planter et récolter un potager de balcon en une saison",
  chapters: 3,
  words: 600,
};
const newTitle = `Le Balcon potager ${stamp}`;

/** Fails when English copy of the book screens (that differs from the French) is visible on the page. */
async function expectNoEnglish(page: Page, strings: string[]): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the *visible* text, which is what is checked.
  const text = await page.locator("body").innerText();
  // Whole words only: "Continue" must not match the French "Continuer".
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const leaked = strings.filter((s) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(s)}($|[^\\p{L}])`, "u").test(text));
  expect(leaked, `English text on a French page: ${leaked.join(" | ")}`).toEqual([]);
}

/** The English strings of a message section that its French changes, placeholders aside (for expectNoEnglish). */
function englishOnly(english: object, french: object): string[] {
  return Object.entries(english).flatMap(([key, value]: [string, unknown]) => {
    const other = (french as Record<string, unknown>)[key];
    if (value && typeof value === "object") return englishOnly(value, other as object);
    return typeof value === "string" && value !== other && !value.includes("{") ? [value] : [];
  });
}

describe("Book journey in French", () => {
  let browser: Browser;
  let page: Page;
  let bookId = "";
  let firstTitle = "";
  let ownerName = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("switches to French and shows the French empty shelf", async () => {
    ownerName = (await signUpOwner(page, "livres")).name;
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
    firstTitle =
      (await page.getByRole("navigation", { name: b.reader.tocLabel }).getByRole("link").first().textContent())
        ?.replace(/^\d+\.\s*/, "")
        .trim() ?? "";
    await openChapterEditor(page, copy, 1, firstTitle);
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

  it("edits the details in French: the field error in French, then the saved title", async () => {
    await page.getByRole("button", { name: b.details.edit }).click();
    const form = page.getByRole("form", { name: b.details.formLabel });
    const title = form.getByLabel(b.wizard.fields.title, { exact: true });
    expect(await title.inputValue()).toBe(brief.title);
    await title.fill("   ");
    await form.getByRole("button", { name: b.details.save }).click();
    await visible(form.locator('[data-field-error="title"]').filter({ hasText: b.wizard.validation.title }));
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    // The form spares the server this mistake; asked anyway, the server explains it in French to the French UI.
    const refused = await page.request.patch(`/api/books/${bookId}`, { headers: appOrigin(), data: { title: " " } });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", field: "title", message: "title: Saisissez un titre" },
    });
    await expectNoEnglish(page, [
      ...englishOnly(m.books.details, b.details),
      ...englishOnly(m.books.wizard.fields, b.wizard.fields),
      m.books.wizard.validation.title,
      m.common.cancel,
    ]);
    await screenshot(page, "books-fr-07-details-error");

    await title.fill(newTitle);
    await form.getByRole("button", { name: b.details.save }).click();
    await visible(page.getByText(b.details.savedStale));
    await visible(page.getByRole("heading", { level: 1, name: newTitle }));
  });

  it("lists the versions with French summaries and dates, and shows one", async () => {
    await page.getByRole("button", { name: h.show }).click();
    await visible(page.getByRole("list", { name: h.listLabel }));
    const revision = (version: string) => page.locator(`[data-testid="revision"][data-revision-version="${version}"]`);
    expect(
      await page.getByTestId("revision").evaluateAll((items) => items.map((i) => i.dataset.revisionVersion)),
    ).toEqual(["1.2", "1.1", "1.0"]);
    await visible(revision("1.2").getByText(h.current));
    await visible(revision("1.2").getByText(fmt(h.kinds.bookUpdated, { fields: h.fields.title })));
    await visible(revision("1.1").getByText(fmt(h.kinds.chapterUpdated, { number: 1, title: firstTitle })));
    await visible(revision("1.1").getByText(fmt(h.changedFields, { fields: h.fields.content })));
    await visible(revision("1.0").getByText(h.kinds.generated));
    await visible(revision("1.0").getByText(fmt(h.by, { author: ownerName })));
    // "25 nov. 2026, 14:05": day first, French month, 24-hour clock — never "Nov 25, 2026, 2:05 PM".
    const time = revision("1.0").locator("time");
    const shown = (await time.textContent()) ?? "";
    expect(shown).toMatch(/^\d{1,2} \p{Ll}+\.? \d{4}\D+\d{2}:\d{2}$/u);
    const inEnglish = await time.evaluate((t) =>
      new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(t.getAttribute("datetime") ?? ""),
      ),
    );

    await page.getByRole("button", { name: fmt(h.viewLabel, { version: "1.0" }), exact: true }).click();
    const text = page.getByRole("region", { name: fmt(h.textLabel, { version: "1.0" }), exact: true });
    // Version 1.0 is the book as generated, under its first title.
    await visible(text.getByRole("heading", { name: brief.title }));
    await visible(page.getByRole("button", { name: h.source }));
    const mh = m.books.history;
    await expectNoEnglish(page, [
      ...englishOnly(m.books.details, b.details),
      ...englishOnly(mh, h),
      fmt(mh.by, { author: ownerName }),
      fmt(mh.kinds.bookUpdated, { fields: mh.fields.title }),
      fmt(mh.changedFields, { fields: mh.fields.content }),
      inEnglish,
    ]);
    await screenshot(page, "books-fr-08-history");
    await expectAccessible(page, "books-fr-history");
  });
});
