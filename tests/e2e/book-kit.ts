// Shared steps of the book journeys: the wizard, the live progress page, downloads and file checks.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Download, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { en } from "@/i18n/messages/en";
import { seriousViolations } from "./axe";
import { fmt, interactive, onPath, visible } from "./ui";

/** The message tree of one locale (English or French), so the same steps follow either copy. */
export type Copy = typeof en;

export type BookBrief = {
  title: string;
  topic: string;
  goal: string;
  audience?: string;
  tone?: string;
  chapters: number;
  words: number;
};

/** Fails with the list of serious/critical axe-core violations of the page as it is now. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page, name);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The Continue button of the wizard. */
export function continueButton(page: Page, copy: Copy): Locator {
  return page.getByRole("button", { name: copy.books.wizard.next });
}

/**
 * Goes through the four wizard steps on /app/books/new and stops on the review step (not submitted).
 * `onStep` runs on each step before it is left (screenshots, axe, extra checks).
 */
export async function fillWizard(
  page: Page,
  copy: Copy,
  brief: BookBrief,
  onStep?: (step: "about" | "readers" | "size" | "review") => Promise<void>,
): Promise<void> {
  const w = copy.books.wizard;
  await visible(page.getByRole("heading", { level: 2, name: w.steps.about }));
  await page.getByLabel(w.fields.title, { exact: true }).fill(brief.title);
  await page.getByLabel(w.fields.topic, { exact: true }).fill(brief.topic);
  await page.getByLabel(w.fields.goal, { exact: true }).fill(brief.goal);
  await onStep?.("about");
  await continueButton(page, copy).click();

  await visible(page.getByRole("heading", { level: 2, name: w.steps.readers }));
  if (brief.audience) await page.getByLabel(w.fields.audience, { exact: true }).fill(brief.audience);
  if (brief.tone) await page.getByLabel(w.fields.tone, { exact: true }).fill(brief.tone);
  await onStep?.("readers");
  await continueButton(page, copy).click();

  await visible(page.getByRole("heading", { level: 2, name: w.steps.size }));
  // The demo engine is the default and says what it writes.
  const demo = page.getByRole("radio", { name: copy.books.engines.demo });
  await visible(demo);
  expect(await demo.isChecked()).toBe(true);
  await page.getByLabel(w.fields.chapters, { exact: true }).fill(String(brief.chapters));
  await page.getByLabel(w.fields.words, { exact: true }).fill(String(brief.words));
  await onStep?.("size");
  await continueButton(page, copy).click();

  await visible(page.getByRole("heading", { level: 2, name: w.steps.review }));
  await visible(page.getByTestId("wizard-review").getByText(brief.title));
  await onStep?.("review");
}

/** Submits the wizard's review step and waits for the new book's page; returns the book's id. */
export async function submitWizard(page: Page): Promise<string> {
  await page.getByTestId("create-book").click();
  await onPath(page, /^\/app\/books\/(?!new$)[^/]+$/);
  return bookIdOf(page);
}

/** Writes a book through the wizard on /app/books/new; returns its id once its page is open. */
export async function writeBookWithWizard(page: Page, copy: Copy, brief: BookBrief): Promise<string> {
  await page.goto("/app/books/new");
  await fillWizard(page, copy, brief);
  return submitWizard(page);
}

/** The first chapter's title as the reader's table of contents lists it, without its number. */
export async function firstChapterTitleInToc(page: Page, copy: Copy): Promise<string> {
  const toc = page.getByRole("navigation", { name: copy.books.reader.tocLabel });
  return ((await toc.getByRole("link").first().textContent()) ?? "").replace(/^\d+\.\s*/, "").trim();
}

/** Starts sampling the overall progress bar every 100 ms (the page is a client-side app, so it survives navigation). */
export async function recordProgress(page: Page, copy: Copy): Promise<void> {
  await page.evaluate((label) => {
    const w = window as unknown as { __progress?: number[]; __progressTimer?: number };
    w.__progress = [];
    if (w.__progressTimer) clearInterval(w.__progressTimer);
    w.__progressTimer = window.setInterval(() => {
      const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
      const value = bar?.getAttribute("aria-valuenow");
      if (value !== null && value !== undefined) w.__progress!.push(Number(value));
    }, 100);
  }, copy.books.progress.overall);
}

/** The progress values seen since recordProgress. */
export async function recordedProgress(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __progress?: number[] }).__progress ?? []);
}

/** The id of the book whose page is open. */
export function bookIdOf(page: Page): string {
  const match = new URL(page.url()).pathname.match(/^\/app\/books\/([^/]+)/);
  if (!match?.[1]) throw new Error(`not on a book page: ${page.url()}`);
  return match[1];
}

/** Waits for the reader (its table of contents) after the generation. */
export async function waitForReader(page: Page, copy: Copy, timeout = 120_000): Promise<void> {
  await interactive(page.getByRole("navigation", { name: copy.books.reader.tocLabel }), timeout);
}

/** Waits for the formats panel's download link of a format (rendered after completion or a regenerate). */
export async function downloadLink(
  page: Page,
  format: "EPUB" | "PDF" | "DOCX" | "HTML" | "MARKDOWN",
): Promise<Locator> {
  const link = page.getByTestId("formats-panel").locator(`a[data-download="${format}"]`);
  await visible(link, 120_000);
  return link;
}

/** Clicks a download link and returns the saved file's bytes. */
export async function download(page: Page, link: Locator): Promise<{ bytes: Buffer; file: Download }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await file.path();
  return { bytes: readFileSync(path), file };
}

/** An EPUB is a zip whose first entry is `mimetype`, stored uncompressed, holding application/epub+zip. */
export function expectValidEpub(bytes: Buffer, path?: string): void {
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  const name = bytes.subarray(30, 30 + nameLength).toString("utf8");
  const content = bytes.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + size).toString("utf8");
  expect(name).toBe("mimetype");
  expect(method).toBe(0);
  expect(content).toBe("application/epub+zip");
  if (path && existsSync("/usr/bin/unzip")) {
    const listing = execFileSync("unzip", ["-l", path], { encoding: "utf8" });
    expect(listing).toMatch(/META-INF\/container\.xml/);
    execFileSync("unzip", ["-tq", path]); // throws on a corrupt archive
  }
}

/** A PDF starts with %PDF-; with poppler installed, pdfinfo must read more than one page. */
export function expectValidPdf(bytes: Buffer, path?: string): void {
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  if (path && existsSync("/usr/bin/pdfinfo")) {
    const info = execFileSync("pdfinfo", [path], { encoding: "utf8" });
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1] ?? 0);
    expect(pages).toBeGreaterThan(1);
  }
}

/** The number of downloads the formats panel shows for a format. */
export async function waitForDownloadCount(page: Page, format: string, count: number): Promise<void> {
  await visible(page.locator(`[data-format="${format}"] [data-downloads="${count}"]`), 30_000);
}

/**
 * Opens the editor of the chapter whose title is given, from the reader; it must stay in the reader's area
 * (/app for members, /shared for outside collaborators).
 */
export async function openChapterEditor(
  page: Page,
  copy: Copy,
  number: number,
  title: string,
  area: "app" | "shared" = "app",
): Promise<void> {
  await page.getByRole("link", { name: fmt(copy.books.reader.editChapterLabel, { number, title }) }).click();
  await onPath(page, new RegExp(`^/${area}/books/[^/]+/chapters/[^/]+$`));
  await visible(page.getByRole("heading", { level: 1, name: fmt(copy.books.editor.title, { number }) }));
  // The editor may have been loaded as a whole page (a link clicked before the reader was hydrated).
  await interactive(page.getByTestId("save-chapter"));
}
