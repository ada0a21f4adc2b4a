// Book shelf search: two small demo books; typing in the search box filters the cards by title or topic
// (any case, after a short pause), the search is kept in the address bar (?q=) so a reload shows the same
// cards, a search without results says so (not the "no books yet" state), clearing it or following the
// Dashboard link brings every book back. axe-core runs on the searched shelf and on the no-match state.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot } from "./browser";
import { signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const b = m.books;
const suffix = Date.now().toString(36);
const herbs = { title: `Windowsill Herbs ${suffix}`, topic: "Growing basil and thyme indoors", goal: "Cook with it" };
const stars = { title: `Night Sky ${suffix}`, topic: "Reading the constellations", goal: "Name ten stars" };

describe("Book shelf search", () => {
  let browser: Browser;
  let page: Page;
  const ids = { herbs: "", stars: "" };
  const card = (id: string) => page.locator(`li[data-book-id="${id}"]`);
  const searchBox = () => page.getByRole("searchbox", { name: b.shelf.searchLabel });
  const urlSearch = () => new URL(page.url()).searchParams.get("q");

  /** Waits until exactly the given books are on the shelf. */
  async function expectShelf(shown: string[], hidden: string[]): Promise<void> {
    for (const id of shown) await visible(card(id));
    for (const id of hidden) await card(id).waitFor({ state: "detached", timeout: 20_000 });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
    await signUpOwner(page, "search");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("puts two small demo books on the shelf", async () => {
    for (const [name, brief] of [
      ["herbs", herbs],
      ["stars", stars],
    ] as const) {
      const created = await page.request.post("/api/books", {
        headers: appOrigin(),
        data: { ...brief, targetChapters: 1, targetWords: 500, engine: "demo" },
      });
      expect(created.status()).toBe(201);
      ids[name] = ((await created.json()) as { book: { id: string } }).book.id;
    }
    await page.goto("/app");
    await expectShelf([ids.herbs, ids.stars], []);
  });

  it("filters by topic or title in any case, and keeps the search in the URL across a reload", async () => {
    await searchBox().fill("BASIL");
    await expectShelf([ids.herbs], [ids.stars]);
    await page.waitForURL((url) => url.searchParams.get("q") === "BASIL");
    await visible(
      page.getByTestId("book-search-status").filter({ hasText: fmt(b.shelf.matchesOne, { count: 1, query: "BASIL" }) }),
    );
    await screenshot(page, "book-search-01-topic");
    await expectAccessible(page, "book-search-results");

    await page.reload();
    await visible(searchBox());
    expect(await searchBox().inputValue()).toBe("BASIL");
    await expectShelf([ids.herbs], [ids.stars]);

    // Enter searches at once; the title matches too.
    await searchBox().fill("night sky");
    await searchBox().press("Enter");
    await expectShelf([ids.stars], [ids.herbs]);
    expect(urlSearch()).toBe("night sky");
  });

  it("says when nothing matches, unlike the empty shelf, and clearing the search shows every book", async () => {
    await searchBox().fill("zz no such book");
    const noMatch = page.getByRole("heading", { name: fmt(b.shelf.noMatchTitle, { query: "zz no such book" }) });
    await visible(noMatch);
    await expectShelf([], [ids.herbs, ids.stars]);
    expect(await page.getByRole("heading", { name: m.dashboard.emptyTitle }).count()).toBe(0);
    expect(await page.getByRole("link", { name: b.shelf.emptyCta }).count()).toBe(0);
    expect(urlSearch()).toBe("zz no such book");
    await screenshot(page, "book-search-02-no-match");
    await expectAccessible(page, "book-search-no-match");

    await page.getByRole("button", { name: b.shelf.clearSearch }).click();
    await expectShelf([ids.herbs, ids.stars], []);
    expect(await searchBox().inputValue()).toBe("");
    await page.waitForURL((url) => !url.searchParams.has("q"));
    expect(await noMatch.count()).toBe(0);
  });

  it("drops the search when the Dashboard link is followed", async () => {
    await searchBox().fill("constellations");
    await expectShelf([ids.stars], [ids.herbs]);
    await page.waitForURL((url) => url.searchParams.get("q") === "constellations");
    await page.getByRole("navigation", { name: m.nav.label }).getByRole("link", { name: m.nav.dashboard }).click();
    await onPath(page, "/app");
    await expectShelf([ids.herbs, ids.stars], []);
    expect(await searchBox().inputValue()).toBe("");
    expect(urlSearch()).toBeNull();
  });
});
