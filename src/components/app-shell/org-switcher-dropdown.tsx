"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import type { Me } from "@/contracts/me";
import { useT } from "@/i18n/i18n-provider";
import { planNames } from "@/lib/plan-names";
import type { MenuTriggerProps } from "@/components/ui/lazy-menu";
import { MenuPanel } from "@/components/ui/menu-panel";

const itemClass =
  "flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-2 text-sm text-stone-800 outline-none data-[highlighted]:bg-ink-50 data-[highlighted]:text-ink-900";

/** The organization switcher's menu, loaded when it is first opened (org-switcher.tsx); it mounts open. */
export function OrgSwitcherDropdown({
  trigger,
  organizations,
  activeId,
  onChoose,
}: {
  trigger: MenuTriggerProps;
  organizations: Me["organizations"];
  activeId: string | undefined;
  onChoose: (organizationId: string) => void;
}) {
  const t = useT();
  const router = useRouter();
  return (
    <DropdownMenu.Root defaultOpen>
      <DropdownMenu.Trigger {...trigger} />
      <MenuPanel align="start" className="min-w-64">
        <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-stone-500">
          {t("shell.organizations")}
        </DropdownMenu.Label>
        {organizations.map((org) => (
          <DropdownMenu.Item
            key={org.id}
            className={itemClass}
            onSelect={() => onChoose(org.id)}
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
            {org.id === activeId ? (
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
