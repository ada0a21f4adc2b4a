import type { Locator, Page } from "playwright-core";
import { en } from "@/i18n/messages/en";
import { formatMessage, type MessageValues } from "@/i18n/translate";
import { screenshot } from "./browser";

/** The UI's own English strings, so journeys follow the copy instead of duplicating it. */
export const m = en;

/** A message with its `{placeholders}` filled, as the UI renders it. */
export function fmt(template: string, values: MessageValues): string {
  return formatMessage(template, values);
}

/** Keeps a picture of the page a wait gave up on, then rethrows: failures are easier to read than logs. */
async function capturing<T>(page: Page, what: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const name = `FAILED-${what.replace(/[^\w-]+/g, "_").slice(0, 60)}-${Date.now()}`;
    await screenshot(page, name).catch(() => undefined);
    throw error;
  }
}

/** Waits until the locator is visible (playwright-core has no auto-waiting `expect`). */
export async function visible(locator: Locator, timeout = 20_000): Promise<Locator> {
  await capturing(locator.page(), String(locator), () => locator.first().waitFor({ state: "visible", timeout }));
  return locator;
}

/**
 * Waits until React has hydrated the element (its DOM node carries React's fiber), so a click or a fill reaches
 * the app. Server-rendered pages show their text before their script runs; on a busy machine a journey that acts
 * on that first HTML would click a link as a plain page load or type into a field React then resets.
 */
export async function interactive(locator: Locator, timeout = 30_000): Promise<Locator> {
  await visible(locator, timeout);
  await capturing(locator.page(), `hydrated ${String(locator)}`, () =>
    locator.first().evaluate(
      (element, ms) =>
        new Promise<void>((resolve, reject) => {
          const started = Date.now();
          const check = () => {
            if (Object.keys(element).some((key) => key.startsWith("__reactFiber$"))) resolve();
            else if (Date.now() - started > ms) reject(new Error("the element was never hydrated by React"));
            else setTimeout(check, 50);
          };
          check();
        }),
      timeout,
    ),
  );
  return locator;
}

/** Waits for a path (ignoring the query string) to be the current page. */
export async function onPath(page: Page, pathname: string | RegExp, timeout = 30_000): Promise<void> {
  await capturing(page, `path ${String(pathname)}`, () =>
    page.waitForURL((url) => (typeof pathname === "string" ? url.pathname === pathname : pathname.test(url.pathname)), {
      timeout,
    }),
  );
}

/** Fills and submits the sign-up form. */
export async function signUp(page: Page, user: { name: string; email: string; password: string }): Promise<void> {
  await page.getByLabel(m.auth.fields.name).fill(user.name);
  await page.getByLabel(m.auth.fields.email).fill(user.email);
  await page.getByLabel(m.auth.fields.password, { exact: true }).fill(user.password);
  await page.getByRole("button", { name: m.auth.signUp.submit }).click();
}
