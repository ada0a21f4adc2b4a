// Accessibility and screenshot sweep of the main pages: axe-core (WCAG 2.1 A/AA + best practices) must
// find no serious or critical violation; each page is saved as test-results/screenshots/a11y-*.png and
// axe's full report as test-results/axe/*.json.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signInAsDemoAdmin, signUpOwner } from "./owner-account";
import { m, onPath, visible } from "./ui";

/** Waits for the page's h1 and for every loading skeleton to be gone, then audits and photographs it. */
async function audit(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await visible(page.getByRole("heading", { level: 1, name: heading }));
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
  await screenshot(page, `a11y-${name}`);
  const violations = await seriousViolations(page, name);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe("Accessibility sweep", () => {
  let browser: Browser;
  let visitor: BrowserContext;
  let owner: BrowserContext;
  let ownerPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    visitor = await newUserContext(browser);
    owner = await newUserContext(browser);
    ownerPage = await owner.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("landing, sign-in and sign-up", async () => {
    const page = await visitor.newPage();
    await page.goto("/");
    await audit(page, "landing", m.landing.headline);
    await page.goto("/sign-in");
    await audit(page, "sign-in", m.auth.signIn.title);
    await page.goto("/sign-up");
    await audit(page, "sign-up", m.auth.signUp.title);
    await page.close();
  });

  it("onboarding, then the dashboard", async () => {
    await signUpOwner(ownerPage, "a11y", async (page) => {
      await audit(page, "onboarding", /.+/);
    });
    await audit(ownerPage, "dashboard", /.+/);
  });

  it("activity", async () => {
    await ownerPage.goto("/app/activity");
    await audit(ownerPage, "activity", m.activity.title);
  });

  const settingsPages: [string, string][] = [
    ["organization", m.settings.organization.title],
    ["members", m.settings.members.title],
    ["engine", m.settingsExtra.engine.title],
    ["storage", m.settingsExtra.storage.title],
    ["api-keys", m.settingsExtra.apiKeys.title],
    ["billing", m.settingsExtra.billing.title],
  ];
  for (const [slug, title] of settingsPages) {
    it(`settings/${slug}`, async () => {
      await ownerPage.goto(`/app/settings/${slug}`);
      await onPath(ownerPage, `/app/settings/${slug}`);
      await audit(ownerPage, `settings-${slug}`, title);
    });
  }

  it("admin console and outbox", async () => {
    const context = await newUserContext(browser);
    const page = await context.newPage();
    await signInAsDemoAdmin(page);
    await visible(page.getByRole("table", { name: m.admin.organizations }));
    await audit(page, "admin", m.admin.title);
    await page.goto("/dev/outbox");
    await audit(page, "outbox", m.outbox.title);
    await context.close();
  });
});
