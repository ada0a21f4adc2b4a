"use client";

import type { ReactNode } from "react";
import type { Me } from "@/contracts/me";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { NotificationsBell } from "@/components/notifications/notifications-bell";
import { MainNav } from "./main-nav";
import { MeProvider } from "./me-provider";
import { MobileMenu } from "./mobile-menu";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

/**
 * Header (logo, organization switcher, language, user menu), navigation and the page area. Below the `sm`
 * breakpoint the switcher, navigation and language move into the menu button's panel (mobile-menu.tsx).
 */
export function AppShell({
  children,
  requireOrganization = true,
  next,
  initialMe,
}: {
  children: ReactNode;
  initialMe?: Me;
  requireOrganization?: boolean;
  next?: string;
}) {
  return (
    <MeProvider requireOrganization={requireOrganization} next={next} initialMe={initialMe}>
      <div className="flex min-h-dvh flex-col">
        {/* relative: the phone menu's panel opens right under the header. */}
        <header className="relative bg-white">
          <div className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
            {/* Someone with no organization (invited to one book only) would land on onboarding from /app. */}
            <Logo href={initialMe && !initialMe.activeOrganization ? "/shared" : "/app"} />
            {/* On a phone the organization switcher moves into the menu so the bell and account menu fit. */}
            <div className="hidden min-w-0 items-center gap-3 sm:flex">
              <span className="text-stone-300" aria-hidden="true">
                /
              </span>
              <OrgSwitcher />
            </div>
            <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
              <MobileMenu />
              <LocaleSwitcher className="hidden sm:block" />
              <NotificationsBell />
              <UserMenu />
            </div>
          </div>
        </header>
        <MainNav />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
          {children}
        </main>
      </div>
    </MeProvider>
  );
}
