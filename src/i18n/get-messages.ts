import { en } from "./messages/en";
import { fr } from "./messages/fr";
import type { Locale } from "./locales";
import type { Messages } from "./translate";

const catalogs: Record<Locale, Messages> = { en, fr };

/** The message tree for a locale. */
export function getMessages(locale: Locale): Messages {
  return catalogs[locale];
}
