"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "@/i18n/i18n-provider";
import { canManage } from "@/contracts/org-roles";
import { useMe } from "@/components/app-shell/me-provider";

/** Tabs between the organization's settings pages. */
export function SettingsNav() {
  const t = useT();
  const pathname = usePathname();
  const { me } = useMe();
  const items = [
    { href: "/app/settings/organization", label: t("settings.tabs.organization") },
    { href: "/app/settings/members", label: t("settings.tabs.members") },
  ];
  // Engine, storage, API keys and billing are read and changed by owners and admins only.
  if (canManage(me.activeOrganization?.role)) {
    items.push(
      { href: "/app/settings/engine", label: t("settingsExtra.tabs.engine") },
      { href: "/app/settings/storage", label: t("settingsExtra.tabs.storage") },
      { href: "/app/settings/api-keys", label: t("settingsExtra.tabs.apiKeys") },
      { href: "/app/settings/billing", label: t("settingsExtra.tabs.billing") },
    );
  }
  return (
    <nav aria-label={t("settings.tabs.label")} className="mb-6">
      <ul className="flex flex-wrap gap-1 rounded-lg bg-stone-100 p-1 text-sm sm:inline-flex">
        {items.map((item) => {
          const current = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "block rounded-md px-3 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-ink-600",
                  current ? "bg-white text-stone-900 shadow-sm" : "text-stone-600 hover:text-stone-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
