"use client";

import { clsx } from "clsx";
import { Activity, LayoutDashboard, Settings, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { useMe } from "./me-provider";

type NavItem = { href: string; label: MessageKey; icon: typeof Activity; exact?: boolean; match?: string };

/** Primary navigation; the Admin entry only exists for super admins. */
export function MainNav() {
  const t = useT();
  const pathname = usePathname();
  const { me } = useMe();
  // Organization pages make no sense without an organization (a super admin may have none).
  const items: NavItem[] =
    me.organizations.length > 0
      ? [
          { href: "/app", label: "nav.dashboard", icon: LayoutDashboard, exact: true },
          { href: "/app/activity", label: "nav.activity", icon: Activity },
          { href: "/app/settings/organization", label: "nav.settings", icon: Settings, match: "/app/settings" },
        ]
      : [];
  if (me.user.role === "SUPER_ADMIN") items.push({ href: "/admin", label: "nav.admin", icon: ShieldCheck });

  return (
    <nav aria-label={t("nav.label")} className="border-b border-stone-200 bg-white">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 sm:px-6">
        {items.map(({ href, label, icon: Icon, exact, match }) => {
          const prefix = match ?? href;
          const current = exact ? pathname === href : pathname === prefix || pathname.startsWith(`${prefix}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "-mb-px flex items-center gap-2 border-b-2 px-3 py-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ink-600",
                  current
                    ? "border-ink-700 text-ink-800"
                    : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900",
                )}
              >
                <Icon className="size-4" aria-hidden="true" />
                {t(label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
