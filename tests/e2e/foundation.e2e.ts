// Journey 1, the Foundation acceptance: sign up → verify from the outbox (read by the platform admin) → create an organization →
// invite a second user → they sign up, verify, see and accept the invitation → the owner makes them ADMIN →
// the activity log shows every step. Each user has their own browser context (own cookies).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserContext, screenshot, uniqueEmail } from "./browser";
import { outboxFor, signInContextAsPlatformAdmin, waitForEmailLink } from "./outbox";
import { fmt, m, onPath, signUp, visible } from "./ui";

const password = "correct-horse-battery";
const owner = { name: "Olivia Owner", email: uniqueEmail("owner"), password };
const second = { name: "Sam Second", email: uniqueEmail("second"), password };
const organization = `Quill & Co ${Date.now().toString(36)}`;

describe("Foundation journey", () => {
  let browser: Browser;
  let ownerContext: BrowserContext;
  let secondContext: BrowserContext;
  let adminContext: BrowserContext;
  let ownerPage: Page;
  let secondPage: Page;
  let adminPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerContext = await newUserContext(browser);
    secondContext = await newUserContext(browser);
    adminContext = await newUserContext(browser);
    ownerPage = await ownerContext.newPage();
    secondPage = await secondContext.newPage();
    adminPage = await adminContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lets the owner sign up from the landing page", async () => {
    await ownerPage.goto("/");
    await visible(ownerPage.getByRole("heading", { level: 1, name: m.landing.headline }));
    await screenshot(ownerPage, "01-landing");
    await ownerPage.getByRole("link", { name: m.auth.signUp.submit }).first().click();
    await onPath(ownerPage, "/sign-up");
    await visible(ownerPage.getByRole("heading", { name: m.auth.signUp.title }));
    await screenshot(ownerPage, "02-sign-up");

    // Client-side validation speaks next to the field before anything is sent.
    await ownerPage.getByRole("button", { name: m.auth.signUp.submit }).click();
    await visible(ownerPage.getByText(m.validation.required));
    expect(await ownerPage.getByLabel(m.auth.fields.name).getAttribute("aria-invalid")).toBe("true");

    await signUp(ownerPage, owner);
    await onPath(ownerPage, "/verify-email");
    await visible(ownerPage.getByText(fmt(m.auth.verify.sentTo, { email: owner.email })));
    await screenshot(ownerPage, "03-verify-email");
  });

  it("shows the verification email in the local outbox to the platform admin, and verifies the address", async () => {
    // The new user cannot read the outbox (it holds everyone's links): the page asks for a sign-in.
    await ownerPage.goto(`/dev/outbox?to=${encodeURIComponent(owner.email)}`);
    await onPath(ownerPage, "/sign-in");
    expect(await ownerPage.locator(`[data-outbox-email]`).count()).toBe(0);

    await signInContextAsPlatformAdmin(adminContext);
    await adminPage.goto(`/dev/outbox?to=${encodeURIComponent(owner.email)}`);
    await visible(adminPage.locator(`[data-outbox-email="${owner.email}"]`));
    const link = adminPage.getByTestId("outbox-body").locator("a").filter({ hasText: "/verify-email" });
    await visible(link);
    await screenshot(adminPage, "04-outbox");
    const href = await link.first().getAttribute("href");
    expect(href).toContain("/api/auth/verify-email?token=");
    expect(href).toBe(await waitForEmailLink(owner.email, /\/verify-email\?token=/));

    await ownerPage.goto(href!);
    await onPath(ownerPage, "/onboarding");
    await visible(ownerPage.getByRole("heading", { level: 1, name: fmt(m.onboarding.welcome, { name: owner.name }) }));
    await screenshot(ownerPage, "05-onboarding");
  });

  it("creates the first organization and lands on the empty dashboard", async () => {
    await ownerPage.getByLabel(m.onboarding.orgName).fill(organization);
    await ownerPage.getByRole("button", { name: m.onboarding.create }).click();
    await onPath(ownerPage, "/app");
    await visible(ownerPage.getByRole("heading", { name: m.dashboard.emptyTitle }));
    await visible(ownerPage.getByText(fmt(m.dashboard.subtitle, { organization })));
    expect(await ownerPage.getByTestId("org-switcher").textContent()).toContain(organization);
    await screenshot(ownerPage, "06-dashboard");
  });

  it("invites a second user as MEMBER", async () => {
    await ownerPage.getByRole("link", { name: m.nav.settings }).click();
    await onPath(ownerPage, "/app/settings/organization");
    await visible(ownerPage.getByRole("heading", { name: m.settings.organization.title }));
    await screenshot(ownerPage, "07-organization-settings");

    await ownerPage.getByRole("link", { name: m.settings.tabs.members }).click();
    await onPath(ownerPage, "/app/settings/members");
    const form = ownerPage.getByRole("form", { name: m.settings.members.inviteTitle });
    await visible(form);
    await form.getByLabel(m.settings.members.inviteEmail).fill(second.email);
    await form.getByLabel(m.settings.members.inviteRole, { exact: true }).selectOption("MEMBER");
    await form.getByRole("button", { name: m.settings.members.sendInvite }).click();
    await visible(ownerPage.getByText(fmt(m.settings.members.invited, { email: second.email })));
    await visible(ownerPage.locator(`tr[data-invitation-email="${second.email}"]`));
    await screenshot(ownerPage, "08-members-invited");

    const emails = await outboxFor(second.email);
    expect(emails.some((email) => /\/invitations\/\S+/.test(email.text))).toBe(true);
  });

  it("lets the second user sign up, verify, see the invitation and accept it", async () => {
    await secondPage.goto("/sign-up");
    await signUp(secondPage, second);
    await onPath(secondPage, "/verify-email");

    await secondPage.goto(await waitForEmailLink(second.email, /\/verify-email\?token=/));
    await onPath(secondPage, "/onboarding");
    const waiting = secondPage.getByRole("region", { name: m.onboarding.invitationsTitle });
    await visible(waiting.getByText(organization));
    await screenshot(secondPage, "09-onboarding-invitation");

    // The link from the invitation email opens the invitation page, where the user accepts.
    const invitationLink = await waitForEmailLink(second.email, /\/invitations\/[^/\s]+$/);
    await secondPage.goto(new URL(invitationLink).pathname);
    await visible(secondPage.getByText(organization));
    await screenshot(secondPage, "10-invitation");
    await secondPage.getByRole("button", { name: m.invitation.accept }).click();
    await onPath(secondPage, "/app");
    await visible(secondPage.getByText(fmt(m.dashboard.subtitle, { organization })));
  });

  it("lets the owner promote the second user to ADMIN", async () => {
    await ownerPage.reload();
    const row = ownerPage.locator(`tr[data-member-email="${second.email}"]`);
    await visible(row);
    await row.getByLabel(fmt(m.settings.members.roleFor, { name: second.name })).selectOption("ADMIN");
    await visible(ownerPage.getByText(fmt(m.settings.members.roleChanged, { name: second.name, role: m.roles.ADMIN })));
    // The pending invitation is gone once accepted.
    expect(await ownerPage.locator(`tr[data-invitation-email="${second.email}"]`).count()).toBe(0);
    await screenshot(ownerPage, "11-members-promoted");

    // Inviting an existing member is refused, and the API's error lands next to the email input.
    const form = ownerPage.getByRole("form", { name: m.settings.members.inviteTitle });
    await form.getByLabel(m.settings.members.inviteEmail).fill(second.email);
    await form.getByRole("button", { name: m.settings.members.sendInvite }).click();
    await visible(form.locator('[data-field-error="email"]').filter({ hasText: m.errors.ALREADY_MEMBER }));
    expect(await form.getByLabel(m.settings.members.inviteEmail).getAttribute("aria-invalid")).toBe("true");
  });

  it("records org.created, member.invited, member.joined and member.role_changed in the activity log", async () => {
    await ownerPage.getByRole("link", { name: m.nav.activity }).click();
    await onPath(ownerPage, "/app/activity");
    const rows = ownerPage.getByTestId("activity-rows");
    await visible(rows);
    for (const action of ["org.created", "member.invited", "member.joined", "member.role_changed"]) {
      await visible(rows.locator(`tr[data-action="${action}"]`));
    }
    const promoted = rows.locator('tr[data-action="member.role_changed"]');
    expect(await promoted.first().textContent()).toContain(owner.name);
    await screenshot(ownerPage, "12-activity");

    await ownerPage.getByLabel(m.activity.filterLabel).selectOption("member.joined");
    await visible(rows.locator('tr[data-action="member.joined"]'));
    await ownerPage.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=activity-rows] tr")].every(
        (tr) => tr.getAttribute("data-action") === "member.joined",
      ),
    );
    expect(await rows.locator("tr").count()).toBe(1);

    // The new admin can read the log too.
    await secondPage.goto("/app/activity");
    await visible(secondPage.getByTestId("activity-rows").locator('tr[data-action="member.role_changed"]'));
  });
});
