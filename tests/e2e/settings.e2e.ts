// Settings journey: the AI engine (OpenAI-compatible, its key write-only), storage form validation (client
// and server errors on the right input), and API keys (plan gate → upgrade to Enterprise through the Paystack
// fake → create a key shown once → it works on /api/v1 → revoke it → it is refused → edit another key's name,
// scopes and rate limit, which the API honours at once; axe-core on the edit dialog and the list).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./book-kit";
import { baseUrl, launchBrowser, newUserContext, screenshot } from "./browser";
import { buyPlan, signUpOwner } from "./owner-account";
import { fmt, m, onPath, visible } from "./ui";

const engine = m.settingsExtra.engine;
const storage = m.settingsExtra.storage;
const keys = m.settingsExtra.apiKeys;
const openAiKey = `sk-e2e-${Date.now().toString(36)}-do-not-show`;

describe("Settings journey", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newUserContext(browser)).newPage();
    await signUpOwner(page, "settings");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows storage validation errors on the right input (client and server)", async () => {
    await page.goto("/app/settings/organization");
    await page.getByRole("link", { name: m.settingsExtra.tabs.storage }).click();
    await onPath(page, "/app/settings/storage");
    const form = page.getByRole("form", { name: storage.formTitle });
    await visible(form);
    expect(await page.getByTestId("storage-current").getAttribute("data-source")).toBe("platform");
    await form.getByRole("radio", { name: storage.providers.AWS_S3 }).check();

    // Client: the bucket is required.
    await form.getByRole("button", { name: m.common.save }).click();
    await visible(form.locator('[data-field-error="bucket"]').filter({ hasText: m.validation.required }));
    expect(await form.getByLabel(storage.bucket, { exact: true }).getAttribute("aria-invalid")).toBe("true");

    // Server: the bucket name breaks the provider's rules; the 400 names "bucket" and lands there.
    await form.getByLabel(storage.bucket, { exact: true }).fill("my bucket!");
    await form.getByLabel(storage.accessKeyId).fill("AKIAE2EEXAMPLE");
    await form.getByLabel(storage.secretAccessKey).fill("e2e-secret-access-key");
    await form.getByRole("button", { name: m.common.save }).click();
    const bucketError = form.locator('[data-field-error="bucket"]');
    await visible(bucketError.filter({ hasText: /letters, digits/i }));
    expect(await form.getByLabel(storage.bucket, { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel(storage.secretAccessKey).getAttribute("aria-invalid")).toBeNull();

    // Client: half of a key pair is not enough.
    await form.getByLabel(storage.bucket, { exact: true }).fill("my-bucket");
    await form.getByLabel(storage.secretAccessKey).fill("");
    await form.getByRole("button", { name: m.common.save }).click();
    await visible(
      form
        .locator('[data-field-error="credentials.secretAccessKey"]')
        .filter({ hasText: m.settingsExtra.common.requiredWhenAny }),
    );
    expect(await form.getByLabel(storage.secretAccessKey).getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "settings-02-storage-validation");

    // Nothing was saved along the way.
    const saved = (await (await page.request.get("/api/organization/storage")).json()) as {
      storage: { source: string };
    };
    expect(saved.storage.source).toBe("platform");

    // The connection test writes, reads, signs and deletes a file on the platform disk.
    await form.getByRole("radio", { name: storage.providers.LOCAL }).check();
    await form.getByRole("button", { name: storage.test }).click();
    const result = page.getByTestId("storage-test-result");
    await visible(result);
    expect(await result.getAttribute("data-ok")).toBe("true");
  });

  it("offers the upgrade path for API keys on the Free plan", async () => {
    await page.getByRole("link", { name: m.settingsExtra.tabs.apiKeys }).click();
    await onPath(page, "/app/settings/api-keys");
    const notice = page.getByTestId("upgrade-notice");
    await visible(notice.getByText(fmt(keys.planDescription, { plan: "Free" })));
    expect(await page.getByRole("form", { name: keys.createTitle }).count()).toBe(0);
    await visible(page.getByRole("link", { name: keys.docsLink }));
    await screenshot(page, "settings-03-api-keys-upgrade");
    await notice.getByRole("link", { name: fmt(m.settingsExtra.common.upgradeTo, { plan: "Enterprise" }) }).click();
    await onPath(page, "/app/settings/billing");
    await buyPlan(page, "Enterprise");
    await visible(page.getByTestId("current-plan").getByText("Enterprise"));
  });

  // Real engines are a paid feature: configured once the organization is on Enterprise (previous step).
  it("configures the OpenAI-compatible engine; the key is never shown back", async () => {
    await page.goto("/app/settings/organization");
    await page.getByRole("link", { name: m.settingsExtra.tabs.engine }).click();
    await onPath(page, "/app/settings/engine");
    const form = page.getByRole("form", { name: engine.title });
    await visible(form);
    expect(await page.getByTestId("openai-key-status").getAttribute("data-saved")).toBe("false");

    // A malformed URL is caught next to its input before anything is sent.
    await form.getByLabel(engine.baseUrl).fill("not a url");
    await form.getByRole("button", { name: m.common.save }).click();
    await visible(form.locator('[data-field-error="openaiCompatible.baseUrl"]').filter({ hasText: /http/ }));
    expect(await form.getByLabel(engine.baseUrl).getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel(engine.baseUrl).fill("https://llm.example.test/v1");
    await form.getByLabel(engine.model).fill("gpt-4o-mini");
    await form.getByLabel(engine.temperature).fill("0.7");
    await form.getByLabel(engine.apiKey, { exact: true }).fill(openAiKey);
    await form.getByRole("radio", { name: engine.names["openai-compatible"] }).check();
    await form.getByRole("button", { name: m.common.save }).click();
    await visible(page.getByText(engine.saved));
    expect(await page.getByTestId("openai-key-status").getAttribute("data-saved")).toBe("true");
    await visible(page.getByText(engine.apiKeySaved));
    expect(await form.getByLabel(engine.apiKey, { exact: true }).inputValue()).toBe("");
    await screenshot(page, "settings-01-engine-saved");

    // After a reload: the settings are back, the key only as "saved", nowhere in the page.
    await page.reload();
    await visible(page.getByTestId("openai-key-status"));
    expect(await page.getByTestId("openai-key-status").getAttribute("data-saved")).toBe("true");
    expect(await form.getByLabel(engine.model).inputValue()).toBe("gpt-4o-mini");
    expect(await form.getByRole("radio", { name: engine.names["openai-compatible"] }).isChecked()).toBe(true);
    expect(await form.getByLabel(engine.apiKey, { exact: true }).inputValue()).toBe("");
    expect(await page.content()).not.toContain(openAiKey);
    const api = await page.request.get("/api/organization/engine");
    expect(await api.text()).not.toContain(openAiKey);
  });

  it("creates an API key shown once, which works, then only its prefix; revokes it", async () => {
    await page.goto("/app/settings/api-keys");
    const form = page.getByRole("form", { name: keys.createTitle });
    await visible(form);
    // Scopes are required.
    await form.getByLabel(keys.name).fill("CI pipeline");
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:read"]) }).uncheck();
    await form.getByRole("button", { name: keys.create }).click();
    await visible(form.locator('[data-field-error="scopes"]').filter({ hasText: keys.scopesRequired }));

    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:read"]) }).check();
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).check();
    await form.getByLabel(keys.rateLimit).fill("120");
    await form.getByLabel(keys.expiry).selectOption("d90");
    await form.getByRole("button", { name: keys.create }).click();

    const panel = page.getByTestId("new-api-key");
    await visible(panel.getByText(keys.secretWarning));
    const secret = await page.getByTestId("new-api-key-secret").inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await screenshot(page, "settings-04-api-key-secret");

    // The key works against the public API, outside the browser session.
    const books = await fetch(`${baseUrl()}/api/v1/books`, { headers: { authorization: `Bearer ${secret}` } });
    expect(books.status).toBe(200);

    await panel.getByRole("button", { name: keys.done }).click();
    expect(await page.getByTestId("new-api-key").count()).toBe(0);
    const row = page.locator('tr[data-api-key-name="CI pipeline"]');
    await visible(row);
    const prefix = (await row.locator("code").first().textContent())?.replace("…", "") ?? "";
    expect(prefix.length).toBeGreaterThan(3);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await row.textContent()).toContain(fmt(keys.perMinute, { count: 120 }));
    await page.reload();
    await visible(page.locator('tr[data-api-key-name="CI pipeline"]'));
    expect(await page.content()).not.toContain(secret);

    await page
      .locator('tr[data-api-key-name="CI pipeline"]')
      .getByRole("button", { name: fmt(keys.revokeNamed, { name: "CI pipeline" }) })
      .click();
    await page.getByRole("button", { name: keys.confirmRevoke }).click();
    await visible(page.getByText(fmt(keys.revoked, { name: "CI pipeline" })));
    await visible(page.locator('tr[data-api-key-name="CI pipeline"][data-status="revoked"]'));
    await screenshot(page, "settings-05-api-key-revoked");
    const refused = await fetch(`${baseUrl()}/api/v1/books`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
  });

  it("edits a key's name, scopes and rate limit; the change shows after a reload and the API honours it", async () => {
    await page.goto("/app/settings/api-keys");
    const form = page.getByRole("form", { name: keys.createTitle });
    await visible(form);
    // A write-only key: listing books is refused until the edit grants books:read.
    await form.getByLabel(keys.name).fill("Uploader");
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:read"]) }).uncheck();
    await form.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).check();
    await form.getByRole("button", { name: keys.create }).click();
    const secret = await (await visible(page.getByTestId("new-api-key-secret"))).inputValue();
    await page.getByTestId("new-api-key").getByRole("button", { name: keys.done }).click();
    const listBooks = () => fetch(`${baseUrl()}/api/v1/books`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await listBooks()).status).toBe(403);

    await page.getByRole("button", { name: fmt(keys.editNamed, { name: "Uploader" }) }).click();
    const dialog = page.getByRole("dialog", { name: fmt(keys.editTitle, { name: "Uploader" }) });
    await visible(dialog);
    expect(await dialog.getByLabel(keys.name).inputValue()).toBe("Uploader");
    expect(await dialog.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).isChecked()).toBe(
      true,
    );
    expect(await dialog.getByLabel(keys.rateLimit).inputValue()).toBe("60");
    await expectAccessible(page, "settings-api-key-edit");

    // Errors next to their fields, nothing sent.
    await dialog.getByLabel(keys.name).fill("  ");
    await dialog.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).uncheck();
    await dialog.getByLabel(keys.rateLimit).fill("0");
    await dialog.getByRole("button", { name: m.common.save }).click();
    await visible(dialog.locator('[data-field-error="name"]').filter({ hasText: m.validation.required }));
    await visible(dialog.locator('[data-field-error="scopes"]').filter({ hasText: keys.scopesRequired }));
    await visible(dialog.locator('[data-field-error="rateLimit"]').filter({ hasText: keys.rateLimitInvalid }));
    expect(await dialog.getByLabel(keys.name).getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "settings-06-api-key-edit-errors");
    await expectAccessible(page, "settings-api-key-edit-errors");

    await dialog.getByLabel(keys.name).fill("Nightly export");
    await dialog.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:read"]) }).check();
    await dialog.getByRole("checkbox", { name: new RegExp(keys.scopeNames["books:write"]) }).check();
    await dialog.getByLabel(keys.rateLimit).fill("240");
    await dialog.getByRole("button", { name: m.common.save }).click();
    await visible(page.getByText(fmt(keys.updated, { name: "Nightly export" })));
    await dialog.waitFor({ state: "hidden" });
    const row = page.locator('tr[data-api-key-name="Nightly export"]');
    await visible(row);
    expect(await page.locator('tr[data-api-key-name="Uploader"]').count()).toBe(0);
    await screenshot(page, "settings-07-api-key-edited");

    // After a reload: the new name, both scopes and the new limit; the secret is nowhere.
    await page.reload();
    await visible(row);
    expect(await row.getAttribute("data-status")).toBe("active");
    const rowText = (await row.textContent()) ?? "";
    expect(rowText).toContain("books:read");
    expect(rowText).toContain("books:write");
    expect(rowText).toContain(fmt(keys.perMinute, { count: 240 }));
    expect(await page.locator('tr[data-api-key-name="Uploader"]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page, "settings-api-keys-list");

    // The same secret now reads books, with the new limit.
    const allowed = await listBooks();
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("x-ratelimit-limit")).toBe("240");
  });
});
