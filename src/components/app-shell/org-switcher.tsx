"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { planNames } from "@/lib/plan-names";
import { Spinner } from "@/components/ui/spinner";
import { MenuPanel } from "@/components/ui/menu-panel";
import { useMe } from "./me-provider";

const itemClass =
  "flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-2 text-sm text-stone-800 outline-none data-[highlighted]:bg-ink-50 data-[highlighted]:text-ink-900";

/** Lists the user's organizations; choosing one makes it active for this session. */
export function OrgSwitcher() {
  const t = useT();
  const router = useRouter();
  const { me, refresh } = useMe();
  const [switching, setSwitching] = useState(false);
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

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        // min-w-0: on a phone the switcher gives up width (the name truncates) so the header fits the window.
        className="inline-flex h-9 min-w-0 max-w-56 items-center gap-2 rounded-lg border border-stone-300 bg-white px-2.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ink-600"
        data-testid="org-switcher"
      >
        {switching ? (
          <Spinner className="size-4 shrink-0" />
        ) : (
          <Building2 className="size-4 shrink-0 text-stone-500" aria-hidden="true" />
        )}
        <span className="truncate">{active?.name ?? t("shell.noOrganization")}</span>
        {/* The accessible name starts with the visible name (WCAG 2.5.3, label in name). */}
        <span className="sr-only">, {t("shell.switchOrganization")}</span>
        <ChevronsUpDown className="size-4 shrink-0 text-stone-400" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <MenuPanel align="start" className="min-w-64">
        <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-stone-500">
          {t("shell.organizations")}
        </DropdownMenu.Label>
        {me.organizations.map((org) => (
          <DropdownMenu.Item
            key={org.id}
            className={itemClass}
            onSelect={() => void choose(org.id)}
            data-testid="org-switcher-item"
            data-plan={org.plan}
          >
            <span className="flex size-6 items-center justify-center rounded-md bg-stone-100 text-xs font-semibold text-stone-700">
              {org.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="min-w-0 flex-1 truncate">{org.name}</span>
            {/* The effective plan (paid or granted, the higher), the one the organization's limits follow. */}
            <span className="text-right text-xs text-stone-500">
              {planNames[org.plan]}
              <span className="block">{t(`roles.${org.role}`)}</span>
            </span>
            {org.id === active?.id ? (
              <Check className="size-4 text-ink-700" aria-label={t("shell.current")} />
            ) : (
              <span className="size-4" />
            )}
          </DropdownMenu.Item>
        ))}
        <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
        <DropdownMenu.Item className={itemClass} onSelect={() => router.push("/onboarding?create=1")}>
          <Plus className="size-4 text-stone-500" aria-hidden="true" />
          {t("shell.createOrganization")}
        </DropdownMenu.Item>
      </MenuPanel>
    </DropdownMenu.Root>
  );
}
