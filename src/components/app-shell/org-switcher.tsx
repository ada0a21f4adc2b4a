"use client";

import { Building2, ChevronsUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Spinner } from "@/components/ui/spinner";
import { LazyMenuButton, type MenuTriggerProps, useLazyMenu } from "@/components/ui/lazy-menu";
import { useMe } from "./me-provider";

const loadMenu = () => import("./org-switcher-dropdown");

/**
 * Lists the user's organizations; choosing one makes it active for this session. The list's Radix code
 * loads when it is first opened.
 */
export function OrgSwitcher() {
  const t = useT();
  const router = useRouter();
  const { me, refresh } = useMe();
  const [switching, setSwitching] = useState(false);
  const menu = useLazyMenu(loadMenu);
  const active = me.activeOrganization;

  async function choose(organizationId: string) {
    if (organizationId === active?.id) return;
    setSwitching(true);
    const result = await apiFetch("/api/organizations/active", {
      schema: "switchOrganizationResponse",
      body: { organizationId },
    });
    if (result.ok) {
      await refresh();
      router.refresh();
    }
    setSwitching(false);
  }

  const trigger: MenuTriggerProps = {
    // min-w-0: on a phone the switcher gives up width (the name truncates) so the header fits the window.
    className:
      "inline-flex h-9 min-w-0 max-w-56 items-center gap-2 rounded-lg border border-stone-300 bg-white px-2.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ink-600",
    "data-testid": "org-switcher",
    children: (
      <>
        {switching ? (
          <Spinner className="size-4 shrink-0" />
        ) : (
          <Building2 className="size-4 shrink-0 text-stone-500" aria-hidden="true" />
        )}
        <span className="truncate">{active?.name ?? t("shell.noOrganization")}</span>
        {/* The accessible name starts with the visible name (WCAG 2.5.3, label in name). */}
        <span className="sr-only">, {t("shell.switchOrganization")}</span>
        <ChevronsUpDown className="size-4 shrink-0 text-stone-400" aria-hidden="true" />
      </>
    ),
  };
  if (!menu.loaded) return <LazyMenuButton menu={menu} {...trigger} />;
  return (
    <menu.loaded.OrgSwitcherDropdown
      trigger={trigger}
      organizations={me.organizations}
      activeId={active?.id}
      onChoose={(organizationId) => void choose(organizationId)}
    />
  );
}
