import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { FullCatalog } from "@/i18n/full-catalog";

/** Centered layout for the account pages (sign in, sign up, verification, password reset). */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <FullCatalog>
      <div className="flex min-h-dvh flex-col">
        <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-5 sm:px-6">
          <Logo />
          <LocaleSwitcher />
        </header>
        <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
          {children}
        </main>
      </div>
    </FullCatalog>
  );
}
