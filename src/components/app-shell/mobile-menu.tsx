"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { useT } from "@/i18n/i18n-provider";
import { NavLinks } from "./main-nav";
import { OrgSwitcher } from "./org-switcher";

/**
 * The phone header's menu (below the `sm` breakpoint): a disclosure button that opens a panel under the
 * header with the organization switcher, the navigation and the language picker, which the header has no
 * room for at 390 px. Opening moves focus into the panel; Escape, a link or the button close it and give
 * focus back to the button.
 */
export function MobileMenu() {
  const t = useT();
  const pathname = usePathname();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  // A navigation (a link, the browser's back button) closes the panel.
  const [openedOn, setOpenedOn] = useState(pathname);
  if (open && openedOn !== pathname) setOpen(false);

  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>("button, a, select")?.focus();
    function onKeyDown(event: KeyboardEvent) {
      // Escape inside the organization menu (portaled, outside this panel's DOM) only closes that menu.
      const target = event.target as Node | null;
      const inside = target === buttonRef.current || Boolean(target && panelRef.current?.contains(target));
      if (event.key === "Escape" && inside) {
        event.preventDefault();
        close();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open, close]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (open) return close();
          setOpenedOn(pathname);
          setOpen(true);
        }}
        className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-stone-300 bg-white text-stone-700 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ink-600 sm:hidden"
        data-testid="mobile-menu-button"
      >
        {open ? <X className="size-5" aria-hidden="true" /> : <Menu className="size-5" aria-hidden="true" />}
        <span className="sr-only">{t("shell.openMenu")}</span>
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          className="absolute inset-x-0 top-full z-40 space-y-4 border-y border-stone-200 bg-white px-4 py-4 shadow-lg sm:hidden"
          data-testid="mobile-menu"
        >
          <OrgSwitcher />
          <nav aria-label={t("shell.mobileMenu")}>
            <NavLinks layout="column" onNavigate={close} />
          </nav>
          <LocaleSwitcher />
        </div>
      ) : null}
    </>
  );
}
