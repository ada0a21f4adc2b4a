// Lays out exported HTML in Debian's chromium (the browser the e2e journeys use) and reports whether
// anything is wider than the window: the check that a long word wraps instead of widening the page.
import { type Browser, chromium } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export interface HorizontalFit {
  width: number;
  scrollWidth: number;
}

export async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Loads `html` at each window width and returns the document's scroll width next to it. */
export async function horizontalFit(browser: Browser, html: string, widths: number[]): Promise<HorizontalFit[]> {
  const results: HorizontalFit[] = [];
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    try {
      await page.setContent(html, { waitUntil: "load" });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      results.push({ width, scrollWidth });
    } finally {
      await page.close();
    }
  }
  return results;
}
