/** Locale-aware formatting of billing amounts, sizes and counts (pure, so it is unit-tested). */

/** Currencies whose Paystack subunit is a hundredth (kobo, pesewas, cents); every currency Paystack bills in. */
const subunitsPerUnit = 100;

/** Formats an amount given in the currency's subunit (kobo for NGN) as money, e.g. 990000 → "NGN 9,900.00". */
export function formatMoney(subunits: number, currency: string, locale: string): string {
  const amount = subunits / subunitsPerUnit;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "code" }).format(amount);
  } catch {
    // An unknown currency code: still show the number and the code.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

const byteUnits = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** Formats a byte count with binary steps and the locale's unit names, e.g. 1073741824 → "1 GB". */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: byteUnits[unit],
    // "0 bytes" reads better than the short "0 byte"; larger units use their symbols (kB, MB, GB).
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** Formats a plain count with the locale's grouping, e.g. 12345 → "12,345" (en) or "12 345" (fr). */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A usage value in its unit: bytes as a size, books and calls as a count. */
export function formatUsage(value: number, unit: string, locale: string): string {
  return unit === "bytes" ? formatBytes(value, locale) : formatCount(value, locale);
}

/** Share of the limit used, 0–100 (an unlimited or zero limit has no share). */
export function usagePercent(used: number, limit: number | null): number | null {
  if (limit === null || limit <= 0) return null;
  return Math.min(100, Math.round((used / limit) * 100));
}

/** Month and year of a period start in the locale, in UTC like the billing periods ("Mar 2026"). */
export function formatMonth(iso: string, locale: string, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(locale, { month: style, year: "numeric", timeZone: "UTC" }).format(new Date(iso));
}

/** A calendar date in the locale ("Mar 4, 2026"). */
export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}
