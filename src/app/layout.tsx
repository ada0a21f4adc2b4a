import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CspNonce } from "@/components/csp-nonce";
import { getShellMessages } from "@/i18n/get-messages";
import { I18nProvider } from "@/i18n/i18n-provider";
import { getTranslator } from "@/i18n/server";
import "./globals.css";

/** Title and description in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: "Scriptorium", template: "%s · Scriptorium" }, description: t("landing.tagline") };
}

/**
 * Root document: sets the language and hands client components the catalog's shell part (language picker,
 * error pages); the layouts below add the whole catalog where their pages need it (FullCatalog).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <CspNonce />
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          {t("common.skipToContent")}
        </a>
        <I18nProvider locale={locale} messages={getShellMessages(locale)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
