import type { Page } from "playwright-core";
import { screenshot, uniqueEmail } from "./browser";
import { waitForEmailLink } from "./outbox";
import { DEFAULT_DEMO_PASSWORD, DEMO_ADMIN_EMAIL } from "@/server/db/seed";
import { fmt, m, onPath, signUp, visible } from "./ui";

export type Owner = { name: string; email: string; password: string; organization: string };

/**
 * A brand-new verified user who owns a brand-new organization (FREE plan), signed in on `page`: sign up,
 * open the verification link from the local outbox, create the organization, land on the dashboard.
 * Journeys that change plans or settings use their own organization so they never affect each other.
 */
export async function signUpOwner(page: Page, label: string, before?: (page: Page) => Promise<void>): Promise<Owner> {
  const owner: Owner = {
    name: `${label[0]!.toUpperCase()}${label.slice(1)} Owner`,
    email: uniqueEmail(label),
    password: "correct-horse-battery",
    organization: `${label} ${Date.now().toString(36)}`,
  };
  await page.goto("/sign-up");
  await signUp(page, owner);
  await onPath(page, "/verify-email");
  await page.goto(await waitForEmailLink(owner.email, /\/verify-email\?token=/));
  await onPath(page, "/onboarding");
  await visible(page.getByLabel(m.onboarding.orgName));
  await before?.(page);
  await page.getByLabel(m.onboarding.orgName).fill(owner.organization);
  await page.getByRole("button", { name: m.onboarding.create }).click();
  await onPath(page, "/app");
  return owner;
}

/**
 * Buys a paid plan from the billing page through the loopback Paystack fake: the owner clicks the plan's
 * upgrade button, pays on the fake's hosted checkout ("Pay NGN 9900.00"), and comes back through the
 * callback to /app/settings/billing?checkout=paid.
 */
export async function buyPlan(page: Page, planName: string, shot?: string): Promise<void> {
  await page.goto("/app/settings/billing");
  const upgrade = page.getByRole("button", { name: fmt(m.settingsExtra.billing.upgrade, { plan: planName }) });
  await visible(upgrade);
  await upgrade.click();
  // The hosted checkout is another origin (the fake on its own port), reached by a full navigation.
  const pay = page.getByRole("button", { name: /^Pay [A-Z]{3} [\d.]+$/ });
  await visible(pay);
  if (shot) await screenshot(page, shot);
  await pay.click();
  await onPath(page, "/app/settings/billing");
  await visible(page.locator('[data-testid="checkout-banner"][data-outcome="paid"]'));
}

/** Signs a new user up, verifies the address from the outbox and accepts their invitation. */
export async function joinByInvitation(
  page: Page,
  user: { name: string; email: string; password: string },
  organization: string,
): Promise<void> {
  await page.goto("/sign-up");
  await signUp(page, user);
  await onPath(page, "/verify-email");
  await page.goto(await waitForEmailLink(user.email, /\/verify-email\?token=/));
  await onPath(page, "/onboarding");
  await page.goto(new URL(await waitForEmailLink(user.email, /\/invitations\/[^/\s]+$/)).pathname);
  await visible(page.getByText(organization));
  await page.getByRole("button", { name: m.invitation.accept }).click();
  await onPath(page, "/app");
}

/**
 * Signs the seeded platform admin in through the sign-in form and lands on /admin. `before` runs on the
 * filled form, before it is submitted (a screenshot).
 */
export async function signInAsDemoAdmin(page: Page, before?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto("/sign-in?next=/admin");
  await page.getByLabel(m.auth.fields.email).fill(DEMO_ADMIN_EMAIL);
  await page
    .getByLabel(m.auth.fields.password, { exact: true })
    .fill(process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  await before?.(page);
  await page.getByRole("button", { name: m.auth.signIn.submit }).click();
  await onPath(page, "/admin");
}
