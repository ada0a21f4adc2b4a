// Journey: plans granted by the platform (issue 19). The seeded Demo Enterprise shows its complimentary
// grant in the console; the super admin grants a new organization Enterprise until 31 Jan 2027 through the
// console's dialog, its owner sees it on the billing page and can create an API key at once; the admin edits
// it to Pro until 30 Jun 2027 (the billing page and the organization switcher follow), then ends it and the
// organization is back on Free. Each screen is checked with axe.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ENTERPRISE_ORG_SLUG, DEMO_ORG_SLUG } from "@/server/db/seed";
import { expectAccessible } from "./book-kit";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { signInAsDemoAdmin, signUpOwner } from "./owner-account";
import { fmt, m, visible } from "./ui";

const grantCopy = m.admin.grant;

describe("A super admin grants a plan from the console", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("grants Enterprise until a date, the owner sees it and uses it, then the admin ends it", {
    timeout: 300_000,
  }, async () => {
    const ownerContext = await newUserContext(browser);
    const ownerPage = await ownerContext.newPage();
    const owner = await signUpOwner(ownerPage, "granted");

    const adminContext = await newUserContext(browser);
    const page = await adminContext.newPage();
    await signInAsDemoAdmin(page);

    // The seed: Demo Enterprise on its grant, Demo Publishing on Free with none.
    const enterpriseRow = page.locator(`tr[data-testid="admin-organization"][data-slug="${DEMO_ENTERPRISE_ORG_SLUG}"]`);
    await visible(enterpriseRow);
    expect(await enterpriseRow.getAttribute("data-plan")).toBe("ENTERPRISE");
    expect(await enterpriseRow.getByTestId("admin-organization-grant").textContent()).toContain("Enterprise");
    const publishingRow = page.locator(`tr[data-testid="admin-organization"][data-slug="${DEMO_ORG_SLUG}"]`);
    expect(await publishingRow.getAttribute("data-plan")).toBe("FREE");

    // The owner's new organization: Free, no grant.
    const row = page.locator('tr[data-testid="admin-organization"]').filter({ hasText: owner.organization });
    await visible(row);
    expect(await row.getAttribute("data-plan")).toBe("FREE");
    await expectAccessible(page, "admin-console");

    await row.getByRole("button", { name: grantCopy.open }).click();
    const dialog = page.getByRole("dialog", { name: fmt(grantCopy.dialogTitle, { organization: owner.organization }) });
    await visible(dialog);
    await screenshot(page, "grant-00-dialog-open");
    // The reason is required.
    await dialog.getByRole("button", { name: grantCopy.submit }).click();
    await visible(dialog.locator('[data-field-error="reason"]'));
    await dialog.getByLabel(grantCopy.plan, { exact: true }).selectOption("ENTERPRISE");
    await dialog.getByLabel(grantCopy.reason, { exact: true }).fill("Pilot of the public API");
    await dialog.getByLabel(grantCopy.endsAt).fill("2027-01-31");
    await expectAccessible(page, "admin-grant-dialog");
    await screenshot(page, "grant-01-dialog");
    await dialog.getByRole("button", { name: grantCopy.submit }).click();

    await visible(page.getByText(fmt(grantCopy.granted, { organization: owner.organization, plan: "Enterprise" })));
    await expect.poll(() => row.getAttribute("data-plan"), { timeout: 30_000 }).toBe("ENTERPRISE");
    const grantCell = row.getByTestId("admin-organization-grant");
    await visible(grantCell.getByText(/Jan 31, 2027/));
    expect(await grantCell.textContent()).toContain("Platform Admin"); // who granted it
    await expectAccessible(page, "admin-console-granted");
    await screenshot(page, "grant-02-console");

    // The owner: the billing page shows the complimentary plan, limits follow, an API key can be created.
    await ownerPage.goto("/app/settings/billing");
    const granted = ownerPage.getByTestId("plan-grant");
    await visible(granted);
    expect(await granted.textContent()).toContain(
      fmt(m.settingsExtra.billing.complimentaryUntil, { plan: "Enterprise", date: "Jan 31, 2027" }),
    );
    expect(await ownerPage.getByTestId("current-plan").getAttribute("data-plan")).toBe("ENTERPRISE");
    await expectAccessible(ownerPage, "billing-granted");
    await screenshot(ownerPage, "grant-03-billing");
    const key = await ownerPage.request.post("/api/organization/api-keys", {
      headers: { origin: new URL(ownerPage.url()).origin },
      data: { name: "granted key", scopes: ["books:read"] },
    });
    expect(key.status()).toBe(201);

    // The admin edits it: Pro until 30 Jun 2027, the dialog filled with the grant's current terms.
    await row.getByRole("button", { name: grantCopy.edit }).click();
    const editDialog = page.getByRole("dialog", {
      name: fmt(grantCopy.editTitle, { organization: owner.organization }),
    });
    await visible(editDialog);
    expect(await editDialog.getByLabel(grantCopy.reason, { exact: true }).inputValue()).toBe("Pilot of the public API");
    expect(await editDialog.getByLabel(grantCopy.endsAt).inputValue()).toBe("2027-01-31");
    await editDialog.getByLabel(grantCopy.plan, { exact: true }).selectOption("PRO");
    await editDialog.getByLabel(grantCopy.reason, { exact: true }).fill("Pilot moved to Pro");
    await editDialog.getByLabel(grantCopy.endsAt).fill("2027-06-30");
    await expectAccessible(page, "admin-edit-grant-dialog");
    await screenshot(page, "grant-04-edit-dialog");
    await editDialog.getByRole("button", { name: grantCopy.editSubmit }).click();
    await visible(page.getByText(fmt(grantCopy.updated, { organization: owner.organization, plan: "Pro" })));
    await expect.poll(() => row.getAttribute("data-plan"), { timeout: 30_000 }).toBe("PRO");
    await visible(grantCell.getByText(/Jun 30, 2027/));
    await expectAccessible(page, "admin-console-edited");
    await ownerPage.reload();
    await visible(ownerPage.locator('[data-testid="current-plan"][data-plan="PRO"]'));
    expect(await ownerPage.getByTestId("plan-grant").textContent()).toContain(
      fmt(m.settingsExtra.billing.complimentaryUntil, { plan: "Pro", date: "Jun 30, 2027" }),
    );
    // The organization switcher shows the effective (granted) plan.
    await ownerPage.getByTestId("org-switcher").click();
    const switcherItem = ownerPage.getByTestId("org-switcher-item").filter({ hasText: owner.organization });
    await visible(switcherItem);
    expect(await switcherItem.getAttribute("data-plan")).toBe("PRO");
    expect(await switcherItem.textContent()).toContain("Pro");
    await ownerPage.keyboard.press("Escape");

    // The admin ends it: back on Free at once.
    await row.getByRole("button", { name: grantCopy.end }).click();
    await page.getByRole("button", { name: grantCopy.endSubmit }).click();
    await visible(page.getByText(fmt(grantCopy.ended, { organization: owner.organization })));
    await expect.poll(() => row.getAttribute("data-plan"), { timeout: 30_000 }).toBe("FREE");
    await ownerPage.reload();
    await visible(ownerPage.locator('[data-testid="current-plan"][data-plan="FREE"]'));
    expect(await ownerPage.getByTestId("plan-grant").count()).toBe(0);

    await ownerContext.close();
    await adminContext.close();
  });
});
