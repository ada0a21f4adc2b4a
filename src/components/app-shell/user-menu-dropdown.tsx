"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { LogOut, Settings, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useT } from "@/i18n/i18n-provider";
import type { MenuTriggerProps } from "@/components/ui/lazy-menu";
import { MenuPanel } from "@/components/ui/menu-panel";
import { useMe } from "./me-provider";

const itemClass =
  "flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-2 text-sm text-stone-800 outline-none data-[highlighted]:bg-ink-50 data-[highlighted]:text-ink-900";

/** The account menu itself, loaded when it is first opened (user-menu.tsx); it mounts open. */
export function UserMenuDropdown({ trigger }: { trigger: MenuTriggerProps }) {
  const t = useT();
  const router = useRouter();
  const { me } = useMe();

  async function signOut() {
    // better-auth's client (~40 KB) is loaded when it is needed, not with every signed-in page.
    const { authClient } = await import("@/lib/auth-client");
    await authClient.signOut();
    window.location.assign("/sign-in");
  }

  return (
    <DropdownMenu.Root defaultOpen>
      <DropdownMenu.Trigger {...trigger} />
      <MenuPanel align="end" className="min-w-60">
        <div className="px-2 py-2">
          <p className="truncate text-sm font-medium text-stone-900">{me.user.name}</p>
          <p className="truncate text-xs text-stone-500">{me.user.email}</p>
        </div>
        <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
        <DropdownMenu.Item className={itemClass} onSelect={() => router.push("/app/settings/organization")}>
          <Settings className="size-4 text-stone-500" aria-hidden="true" />
          {t("nav.settings")}
        </DropdownMenu.Item>
        {me.user.role === "SUPER_ADMIN" ? (
          <DropdownMenu.Item className={itemClass} onSelect={() => router.push("/admin")}>
            <ShieldCheck className="size-4 text-stone-500" aria-hidden="true" />
            {t("nav.admin")}
          </DropdownMenu.Item>
        ) : null}
        <DropdownMenu.Separator className="my-1 h-px bg-stone-100" />
        <DropdownMenu.Item className={itemClass} onSelect={() => void signOut()} data-testid="sign-out">
          <LogOut className="size-4 text-stone-500" aria-hidden="true" />
          {t("shell.signOut")}
        </DropdownMenu.Item>
      </MenuPanel>
    </DropdownMenu.Root>
  );
}
