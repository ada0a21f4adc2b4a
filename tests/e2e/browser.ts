import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's chromium, driven headless; never a downloaded browser. */
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
];

export const screenshotDir = path.resolve("test-results", "screenshots");

/** The app under test, started by tests/e2e/run.ts. */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run the journeys with `npm run test:e2e`");
  return url;
}

/**
 * Headers for the journeys' direct API calls (`page.request`, which shares the page's cookies but is not
 * the page): the Origin the app's own fetches carry, without which a cookie-authenticated write is refused.
 */
export const appOrigin = () => ({ origin: new URL(baseUrl()).origin });

/** Launches the browser once per journey file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath, args });
}

/**
 * Content Security Policy violations the browser reported on any page of any user context of this journey
 * file ("Refused to execute inline script…"); tests/e2e/csp-guard.ts fails the file when there are any.
 */
export const cspViolations: string[] = [];

/** One user = one context (own cookies), English unless asked otherwise. */
export async function newUserContext(browser: Browser, locale = "en-US"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale, viewport: { width: 1280, height: 860 } });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(`${message.location().url || "?"}: ${message.text()}`);
    }
  });
  return context;
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** A unique address per run so journeys never collide with earlier data. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;
}
