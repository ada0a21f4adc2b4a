"use client";

import type { ReactNode } from "react";
import type { Me } from "@/contracts/me";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { NotificationsBell } from "@/components/notifications/notifications-bell";
import { MainNav } from "./main-nav";
import { MeProvider } from "./me-provider";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

/** Header (logo, organization switcher, language, user menu), navigation and the page area. */
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
        <header className="bg-white">
          <div className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
            <Logo href="/app" />
            <span className="text-stone-300" aria-hidden="true">
              /
            </span>
            <OrgSwitcher />
            <div className="ml-auto flex items-center gap-3">
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
