// Layout journey (issue 19, "On a phone"): every page of the app is opened at a phone width (390 × 844) and a
// desktop width (1280 × 860). On each: the document must not scroll sideways
// (documentElement.scrollWidth ≤ clientWidth), no alert or live region may show an empty box, and a
// screenshot is kept (test-results/screenshots/layout-<page>-<width>.png). On a phone the header keeps the
// bell and the account menu on screen, and the menu button opens the organization switcher and the
// navigation (Escape closes it and gives focus back).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Copy, expectAccessible, waitForReader, writeBookWithWizard } from "./book-kit";
import { appOrigin, launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { signInContextAsPlatformAdmin, waitForEmailLink } from "./outbox";
import { signUpOwner } from "./owner-account";
import { fr } from "@/i18n/messages/fr";
import { interactive, m, onPath, signUp, visible } from "./ui";

const copy: Copy = m;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };
const SIZES = [PHONE, DESKTOP] as const;
/** Each test opens several pages at two widths: more than the default 90 s on a busy 2-core machine. */
const MANY_PAGES_MS = 300_000;

/** Lets layout and pending client renders settle (two frames after the network went quiet). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // Client-loaded parts (the shelf, the formats panel) show pulsing skeletons or spinners until their data is in.
  await page
    .waitForFunction(
      () => !document.querySelector("main .animate-pulse, main .animate-spin:not([data-chapter-placeholder] *)"),
      undefined,
      {
        timeout: 10_000,
      },
    )
    .catch(() => undefined);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The innermost elements that stick out past the window's right edge, to name the culprit of a failure. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${el.textContent?.slice(0, 40)}`,
      );
  });
}

/**
 * Alert and live regions that draw a box (wider and taller than the 1 px of `sr-only`, not hidden) while they
 * hold no text: the empty red box the sign-in page used to show before anything was typed.
 */
function emptyVisibleAlerts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[role="alert"], [aria-live], [role="status"]')]
      .filter((el) => {
        if ((el.textContent ?? "").trim() !== "") return false;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.display !== "none";
      })
      .map((el) => `<${el.tagName.toLowerCase()} role="${el.getAttribute("role")}" class="${el.className}">`),
  );
}

/** Checks the page as it is now at both widths and keeps a screenshot of each. */
async function checkLayout(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settle(page);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await screenshot(page, `layout-${name}-${size.width}`);
    const culprits = scrollWidth > clientWidth ? await overflowing(page) : [];
    // Soft: one run names every page that does not fit, not only the first.
    expect
      .soft(scrollWidth, `${name} at ${size.width} px scrolls sideways:\n${culprits.join("\n")}`)
      .toBeLessThanOrEqual(clientWidth);
    expect.soft(await emptyVisibleAlerts(page), `${name} at ${size.width} px: empty alert boxes`).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
}

/** Opens a page and waits for its main heading before checking it. */
async function visit(page: Page, path: string, name: string): Promise<void> {
  await page.goto(path);
  await visible(page.locator("h1, h2").first());
  await checkLayout(page, name);
}

/** The right edge of an element against the window's width, on the page as it is now. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

describe("Layout journey: every page at 390 and 1280 px", () => {
  let browser: Browser;
  let owner: Page;
  let ownerContext: BrowserContext;
  let bookId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerContext = await newUserContext(browser);
    owner = await ownerContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    "fits the public pages (landing, sign-in in English and French, sign-up, password pages)",
    async () => {
      const context = await newUserContext(browser);
      const page = await context.newPage();
      await visit(page, "/", "landing");
      await visit(page, "/sign-in", "sign-in");
      await visit(page, "/sign-up", "sign-up");
      await visit(page, "/forgot-password", "forgot-password");
      await visit(page, "/reset-password?token=not-a-real-token", "reset-password");
      await context.close();

      const french = await newUserContext(browser, "fr-FR");
      const frPage = await french.newPage();
      await frPage.goto("/sign-in");
      await visible(frPage.getByRole("button", { name: fr.auth.signIn.submit }));
      await checkLayout(frPage, "sign-in-fr");
      await french.close();
    },
    MANY_PAGES_MS,
  );

  it(
    "fits onboarding and the signed-in organization pages",
    async () => {
      await signUpOwner(owner, "layout", async (page) => checkLayout(page, "onboarding"));
      await visit(owner, "/app", "dashboard");
      await visit(owner, "/app/books/new", "new-book");
      await visit(owner, "/app/activity", "activity");
      for (const section of ["organization", "members", "billing", "engine", "storage", "api-keys"]) {
        await visit(owner, `/app/settings/${section}`, `settings-${section}`);
      }
      await owner.goto("/app/settings");
      await onPath(owner, /^\/app\/settings\/.+/);
    },
    MANY_PAGES_MS,
  );

  it(
    "fits a book's page and a chapter's editor",
    async () => {
      bookId = await writeBookWithWizard(owner, copy, {
        title: `Layout ${Date.now().toString(36)}`,
        topic: "How small coastal towns adapt to rising seas",
        goal: "Check that the reader fits a phone",
        chapters: 2,
        words: 600,
      });
      await waitForReader(owner, copy);
      await checkLayout(owner, "book");

      const response = await owner.request.get(`/api/books/${bookId}/chapters`);
      expect(response.status()).toBe(200);
      const { chapters } = (await response.json()) as { chapters: { id: string }[] };
      await visit(owner, `/app/books/${bookId}/chapters/${chapters[0]!.id}`, "chapter-editor");
    },
    MANY_PAGES_MS,
  );

  it(
    "keeps the bell and the account menu on a phone's screen, and the menu opens the navigation",
    async () => {
      await owner.goto("/app");
      await visible(owner.getByTestId("user-menu"));
      // Opened from the keyboard on its first use (its code loads then), the account menu focuses its first
      // item, as it does on later keyboard opens.
      await interactive(owner.getByTestId("user-menu"));
      await owner.getByTestId("user-menu").focus();
      await owner.keyboard.press("Enter");
      await visible(owner.getByRole("menu"));
      await owner.waitForFunction(() => document.activeElement?.getAttribute("role") === "menuitem", undefined, {
        timeout: 5_000,
      });
      expect(await owner.evaluate(() => document.activeElement?.textContent)).toBe(m.nav.settings);
      await owner.keyboard.press("Escape");
      await owner.getByRole("menu").waitFor({ state: "detached" });
      await owner.setViewportSize(PHONE);
      await settle(owner);
      expect(await onScreen(owner, "notifications-bell")).toBe(true);
      expect(await onScreen(owner, "user-menu")).toBe(true);
      expect(await onScreen(owner, "mobile-menu-button")).toBe(true);

      // The notifications menu opens inside the window.
      await owner.getByTestId("notifications-bell").click();
      const notifications = owner.getByRole("menu");
      await visible(notifications);
      const box = await notifications.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(owner, "layout-notifications-390");
      await owner.keyboard.press("Escape");

      // The menu button: focus moves into the panel, the navigation is there, Escape closes it.
      const button = owner.getByTestId("mobile-menu-button");
      expect(await button.getAttribute("aria-expanded")).toBe("false");
      await button.click();
      const panel = owner.getByTestId("mobile-menu");
      await visible(panel);
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      await visible(panel.getByTestId("org-switcher"));
      await visible(panel.getByRole("link", { name: m.nav.activity }));
      await screenshot(owner, "layout-mobile-menu-390");
      await expectAccessible(owner, "layout-mobile-menu-390");
      await owner.keyboard.press("Escape");
      await panel.waitFor({ state: "detached" });
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

      // A link in the panel navigates and closes it.
      await button.click();
      await panel.getByRole("link", { name: m.nav.activity }).click();
      await onPath(owner, "/app/activity");
      await panel.waitFor({ state: "detached" });
      await owner.setViewportSize(DESKTOP);
    },
    MANY_PAGES_MS,
  );

  it(
    "fits the verification page and an invitation as its invitee sees it",
    async () => {
      const email = uniqueEmail("layout-invitee");
      const sent = await owner.request.post("/api/organization/invitations", {
        headers: appOrigin(),
        data: { email, role: "MEMBER" },
      });
      expect(sent.status()).toBe(201);
      const { invitation } = (await sent.json()) as { invitation: { id: string } };

      const context = await newUserContext(browser);
      const page = await context.newPage();
      await page.goto("/sign-up");
      await signUp(page, { name: "Layout Invitee", email, password: "correct-horse-battery" });
      await onPath(page, "/verify-email");
      await checkLayout(page, "verify-email");
      await page.goto(await waitForEmailLink(email, /\/verify-email\?token=/));
      await onPath(page, "/onboarding");
      await visit(page, `/invitations/${invitation.id}`, "invitation");
      await context.close();
    },
    MANY_PAGES_MS,
  );

  it(
    "fits the admin console and the outbox as the platform admin",
    async () => {
      const context = await newUserContext(browser);
      await signInContextAsPlatformAdmin(context);
      const page = await context.newPage();
      await visit(page, "/admin", "admin");
      await visit(page, "/dev/outbox", "outbox");
      await context.close();
    },
    MANY_PAGES_MS,
  );
});
