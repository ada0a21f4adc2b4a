"use client";

import { clsx } from "clsx";
import { Activity, LayoutDashboard, Settings, ShieldCheck, Users } from "lucide-react";
import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import { useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { useMe } from "./me-provider";

type NavItem = { href: string; label: MessageKey; icon: typeof Activity; exact?: boolean; match?: string };

/** The navigation entries for this user; the Admin entry only exists for super admins. */
function useNavItems(): NavItem[] {
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
  // Books shared with the person: the one entry someone without an organization has.
  items.push({ href: "/shared", label: "nav.shared", icon: Users });
  if (me.user.role === "SUPER_ADMIN") items.push({ href: "/admin", label: "nav.admin", icon: ShieldCheck });
  return items;
}

/**
 * The navigation links: a row of tabs under the header from the `sm` breakpoint up, or a column inside the
 * phone menu (mobile-menu.tsx). Both render the same entries so a page is reachable the same way.
 */
export function NavLinks({ layout, onNavigate }: { layout: "tabs" | "column"; onNavigate?: () => void }) {
  const t = useT();
  const pathname = usePathname();
  const items = useNavItems();
  return (
    <ul
      className={
        layout === "tabs" ? "mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 sm:px-6" : "flex flex-col gap-1"
      }
    >
      {items.map(({ href, label, icon: Icon, exact, match }) => {
        const prefix = match ?? href;
        const current = exact ? pathname === href : pathname === prefix || pathname.startsWith(`${prefix}/`);
        return (
          <li key={href}>
            <IntentLink
              href={href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              className={clsx(
                "flex items-center gap-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ink-600",
                layout === "tabs" ? "-mb-px border-b-2 px-3 py-3" : "rounded-md px-3 py-2.5",
                layout === "tabs" &&
                  (current
                    ? "border-ink-700 text-ink-800"
                    : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900"),
                layout === "column" &&
                  (current ? "bg-ink-50 text-ink-800" : "text-stone-700 hover:bg-stone-100 hover:text-stone-900"),
              )}
            >
              <Icon className="size-4" aria-hidden="true" />
              {t(label)}
            </IntentLink>
          </li>
        );
      })}
    </ul>
  );
}

/** Primary navigation as tabs under the header; on a phone it lives in the menu instead (hidden here). */
export function MainNav() {
  const t = useT();
  return (
    <nav aria-label={t("nav.label")} className="hidden border-b border-stone-200 bg-white sm:block">
      <NavLinks layout="tabs" />
    </nav>
  );
}
