"use client";

import { useT } from "@/i18n/i18n-provider";
import { LazyMenuButton, type MenuTriggerProps, useLazyMenu } from "@/components/ui/lazy-menu";
import { useMe } from "./me-provider";

const loadMenu = () => import("./user-menu-dropdown");

/** Initials for the avatar bubble. */
function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((p) => p.slice(0, 1).toUpperCase()).join("") || "?";
}

/** Avatar menu with the account's name, shortcuts and sign-out (its Radix code loads on first use). */
export function UserMenu() {
  const t = useT();
  const { me } = useMe();
  const menu = useLazyMenu(loadMenu);

  const trigger: MenuTriggerProps = {
    className:
      "flex size-9 items-center justify-center rounded-full bg-ink-700 text-sm font-semibold text-white hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600",
    "data-testid": "user-menu",
    children: (
      <>
        {/* Initials are decoration; the full name is the accessible name (no aria-label that hides them). */}
        <span aria-hidden="true">{initials(me.user.name)}</span>
        <span className="sr-only">{t("shell.userMenu", { name: me.user.name })}</span>
      </>
    ),
  };
  if (!menu.loaded) return <LazyMenuButton menu={menu} {...trigger} />;
  return <menu.loaded.UserMenuDropdown trigger={trigger} />;
}
