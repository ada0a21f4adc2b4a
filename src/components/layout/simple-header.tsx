"use client";

import { LogOut } from "lucide-react";
import { useT } from "@/i18n/i18n-provider";
import { authClient } from "@/lib/auth-client";
import { LocaleSwitcher } from "./locale-switcher";
import { Logo } from "./logo";

/** Header for signed-in pages outside the app shell (onboarding, invitations): logo, language, sign out. */
export function SimpleHeader({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  return (
    <header className="mx-auto flex w-full max-w-6xl items-center justify-between gap-3 px-4 py-5 sm:px-6">
      <Logo />
      <div className="flex items-center gap-3">
        <LocaleSwitcher />
        {signedIn ? (
          <button
            type="button"
            onClick={() => void authClient.signOut().then(() => window.location.assign("/sign-in"))}
            className="inline-flex h-8 items-center gap-1.5 rounded-lg px-2.5 text-sm text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-ink-600"
          >
            <LogOut className="size-4" aria-hidden="true" />
            {t("shell.signOut")}
          </button>
        ) : null}
      </div>
    </header>
  );
}
