// Journey 2: the French locale end to end (switcher → cookie → server-rendered French, translated API
// errors), the sign-in error path, and the super-admin console with the seeded demo administrator.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@/i18n/messages/fr";
import { DEMO_ADMIN_EMAIL, DEMO_ORG_NAME } from "@/server/db/seed";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signInAsDemoAdmin } from "./owner-account";
import { m, visible } from "./ui";

describe("Locale, sign-in errors and the admin console", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("switches the whole UI to French and shows translated sign-in errors next to the form", async () => {
    const context = await newUserContext(browser);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByTestId("locale-switcher").filter({ visible: true }).selectOption("fr");
    await visible(page.getByRole("heading", { level: 1, name: fr.landing.headline }));
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect((await context.cookies()).find((cookie) => cookie.name === "locale")?.value).toBe("fr");
    await screenshot(page, "13-landing-fr");

    await page.goto("/sign-in");
    await page.getByLabel(fr.auth.fields.email).fill("nobody@example.test");
    await page.getByLabel(fr.auth.fields.password, { exact: true }).fill("wrong-password");
    await page.getByRole("button", { name: fr.auth.signIn.submit }).click();
    const alert = page.getByRole("alert").filter({ hasText: fr.errors.INVALID_EMAIL_OR_PASSWORD });
    await visible(alert);
    await screenshot(page, "14-sign-in-error-fr");
    await context.close();
  });

  it("shows organizations and users to the super admin", async () => {
    const context = await newUserContext(browser);
    const page = await context.newPage();
    await signInAsDemoAdmin(page, (form) => screenshot(form, "15-sign-in"));
    const organizations = page.getByRole("table", { name: m.admin.organizations });
    await visible(organizations.getByText(DEMO_ORG_NAME));
    await visible(page.getByRole("table", { name: m.admin.users }).getByText(DEMO_ADMIN_EMAIL));
    await visible(page.getByRole("link", { name: m.nav.admin }));
    await screenshot(page, "16-admin");
    await context.close();
  });

  it("answers unknown pages with the translated 404 page", async () => {
    const context = await newUserContext(browser);
    const page = await context.newPage();
    const response = await page.goto("/this-page-does-not-exist");
    expect(response?.status()).toBe(404);
    await visible(page.getByRole("heading", { name: m.notFound.title }));
    await screenshot(page, "17-not-found");
    await context.close();
  });
});
