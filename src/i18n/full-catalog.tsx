import type { ReactNode } from "react";
import { getMessages } from "./get-messages";
import { I18nProvider } from "./i18n-provider";
import { getLocale } from "./server";

/**
 * The whole catalog of the request's language for the client components below it. The root layout hands the
 * browser only the shell part (the landing page needs little more than the language picker, and the whole
 * catalog was ~55 KB of every page's HTML); the layouts of the other pages wrap them in this.
 */
export async function FullCatalog({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={getMessages(locale)}>
      {children}
    </I18nProvider>
  );
}
