import { en } from "./messages/en";
import { fr } from "./messages/fr";
import type { Locale } from "./locales";
import type { Messages, ShellMessages } from "./translate";

const catalogs: Record<Locale, Messages> = { en, fr };

/** The message tree for a locale. */
export function getMessages(locale: Locale): Messages {
  return catalogs[locale];
}

/** The catalog's part that the landing page and the error pages need (see ShellMessages). */
export function getShellMessages(locale: Locale): ShellMessages {
  const { common, locale: localeNames, errorPage, notFound } = catalogs[locale];
  return { common, locale: localeNames, errorPage, notFound };
}
