/** Locale-aware number, byte-size and date formatting for the book screens. */

// Building an Intl formatter costs far more than using one (a phone spent ~0.5 s of a dashboard load on
// them: a shelf formats several numbers and dates per card), so each locale + options pair is built once.
const formatters = new Map<string, unknown>();

function cached<T>(kind: string, locale: string, options: object, build: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  cached("number", locale, options, () => new Intl.NumberFormat(locale, options));
const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached("date", locale, options, () => new Intl.DateTimeFormat(locale, options));

/** 12,345 / 12 345 */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/** True when `count` takes the singular form in this locale (French: 0 and 1; English: 1). */
export function isSingular(count: number, locale: string): boolean {
  return cached("plural", locale, {}, () => new Intl.PluralRules(locale)).select(count) === "one";
}

/** 1.2 MB / 1,2 Mo — the unit follows the locale's conventions. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return numberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** 3 Jan 2026 / 3 janv. 2026 */
export function formatDate(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/** 3 Jan 2026, 14:05 / 3 janv. 2026, 14:05 */
export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** "title, topic and goal" / "titre, sujet et objectif" */
export function formatList(items: string[], locale: string): string {
  const options = { style: "long", type: "conjunction" } as const;
  return cached("list", locale, options, () => new Intl.ListFormat(locale, options)).format(items);
}

/** 14:05 */
export function formatTime(date: Date, locale: string): string {
  return dateTimeFormat(locale, { timeStyle: "short" }).format(date);
}

/** "5 minutes ago" / "il y a 5 minutes" */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const options = { numeric: "auto" } as const;
  const rtf = cached("relative", locale, options, () => new Intl.RelativeTimeFormat(locale, options));
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), "day");
  return formatDate(iso, locale);
}

/** Words in a Markdown text, roughly as the server counts them (markup is not a word). */
export function countMarkdownWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/[#>*_`~|[\]()-]+/g, " ")
    .trim();
  return text ? text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}
