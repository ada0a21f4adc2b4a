// Billing journey (issue 8 acceptance): a new organization on FREE upgrades to STARTER through the loopback
// Paystack fake's hosted checkout; back on the billing page the plan, its limits and an invoice show, and
// the owner cancels the renewal.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@/i18n/messages/fr";
import { launchBrowser, newUserContext, screenshot } from "./browser";
import { buyPlan, signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const billing = m.settingsExtra.billing;

describe("Billing journey", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
    await signUpOwner(page, "billing");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the Free plan, its limits, usage, the plan comparison and no invoices yet", async () => {
    await page.getByRole("link", { name: m.nav.settings }).click();
    await onPath(page, "/app/settings/organization");
    await page.getByRole("link", { name: m.settingsExtra.tabs.billing }).click();
    await onPath(page, "/app/settings/billing");
    const current = page.getByTestId("current-plan");
    await visible(current);
    expect(await current.getAttribute("data-plan")).toBe("FREE");
    await visible(page.getByTestId("current-plan-limits").getByText(fmt(billing.limits.books, { count: 10 })));
    // Usage bars: books against the Free limit of 10.
    const books = page.getByTestId("usage-bars").locator('[data-metric="BOOKS_CREATED"]');
    await visible(books.getByText(fmt(billing.usageOf, { used: "0", limit: "10" })));
    expect(await books.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0");
    // The chart is an image with a text alternative, backed by a table of the numbers.
    const chart = page.getByRole("img", { name: billing.chartTitle });
    await visible(chart);
    expect(await page.getByTestId("usage-chart").locator("rect").count()).toBe(6);
    await visible(page.getByText(billing.invoicesEmptyTitle));
    await visible(page.getByRole("button", { name: fmt(billing.upgrade, { plan: "Starter" }) }));
    await screenshot(page, "billing-01-free");
  });

  it("upgrades FREE → STARTER through the Paystack checkout", async () => {
    await buyPlan(page, "Starter", "billing-02-paystack-checkout");
    await visible(page.getByTestId("checkout-banner").getByText(fmt(billing.checkout.paid, { plan: "Starter" })));
    // The callback answered with a redirect the page then cleaned: a reload shows no banner again.
    expect(new URL(page.url()).search).toBe("");
  });

  it("shows the STARTER plan, its higher limits and the paid invoice", async () => {
    const current = page.getByTestId("current-plan");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="current-plan"]')?.getAttribute("data-plan") === "STARTER",
    );
    await visible(current.getByText("Starter"));
    await visible(page.getByTestId("current-plan-limits").getByText(fmt(billing.limits.books, { count: 100 })));
    const books = page.getByTestId("usage-bars").locator('[data-metric="BOOKS_CREATED"]');
    await visible(books.getByText(fmt(billing.usageOf, { used: "0", limit: "100" })));
    await visible(page.getByText(billing.subscriptionStatus.ACTIVE, { exact: true }));
    // The Starter card is now the current one; Pro and Enterprise remain upgrades.
    await visible(page.locator('[data-plan="STARTER"]').getByText(billing.currentBadge));
    await visible(page.getByRole("button", { name: fmt(billing.upgrade, { plan: "Pro" }) }));

    // The invoice comes from the charge (verified by the callback or the signed webhook, whichever is first).
    const invoices = page.getByTestId("invoice-rows");
    await visible(invoices.locator('tr[data-invoice-status="PAID"]'));
    const row = invoices.locator('tr[data-invoice-status="PAID"]').first();
    expect((await row.textContent())?.replace(/\s/g, " ")).toContain("NGN 9,900.00");
    await screenshot(page, "billing-03-starter");

    // A reload keeps the plan (it was stored, not just shown) and no longer announces the checkout.
    await page.reload();
    await visible(page.getByTestId("current-plan").getByText("Starter"));
    expect(await page.getByTestId("checkout-banner").count()).toBe(0);
  });

  it("lets the owner cancel the renewal and keep the plan until the period ends", async () => {
    await page.getByRole("button", { name: billing.cancel }).click();
    await visible(page.getByText(billing.cancelWarning));
    await page.getByRole("button", { name: billing.confirmCancel }).click();
    await visible(page.getByText(billing.cancelDone));
    await visible(page.getByText(billing.subscriptionStatus.NON_RENEWING, { exact: true }));
    expect(await page.getByTestId("current-plan").getAttribute("data-plan")).toBe("STARTER");
    await screenshot(page, "billing-04-cancelled");
  });

  it("speaks French on the billing page, amounts formatted the French way", async () => {
    await page.getByTestId("locale-switcher").selectOption("fr");
    await visible(page.getByRole("heading", { level: 1, name: fr.settingsExtra.billing.title }));
    await visible(page.getByText(fr.settingsExtra.billing.subscriptionStatus.NON_RENEWING, { exact: true }));
    // Messages shown before the switch follow the new language too.
    await visible(page.getByText(fr.settingsExtra.billing.cancelDone));
    await visible(
      page.getByTestId("current-plan-limits").getByText(fmt(fr.settingsExtra.billing.limits.books, { count: 100 })),
    );
    // Amounts in French: grouped with a (narrow) no-break space, decimal comma, code after the number.
    const amount = await page.getByTestId("invoice-rows").locator("td").last().textContent();
    expect(amount?.replace(/\s/g, " ")).toBe("9 900,00 NGN");
    await screenshot(page, "billing-05-fr");
    await page.getByTestId("locale-switcher").selectOption("en");
    await visible(page.getByRole("heading", { level: 1, name: billing.title }));
  });
});
