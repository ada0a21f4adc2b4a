import { cookies, headers } from "next/headers";
import { getMessages } from "./get-messages";
import { isLocale, type Locale, localeCookie, localeFromAcceptLanguage } from "./locales";
import { createTranslator, type Translate } from "./translate";

/** The request's locale: the `locale` cookie first, then Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(localeCookie)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** Translator for server components, bound to the request's locale. */
export async function getTranslator(): Promise<{ t: Translate; locale: Locale }> {
  const locale = await getLocale();
  return { t: createTranslator(getMessages(locale)), locale };
}
