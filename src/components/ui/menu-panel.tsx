"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { clsx } from "clsx";
import { type ReactNode, useEffect, useRef } from "react";
import { takeKeyboardOpen } from "./lazy-menu";

/** The floating panel of a header dropdown menu (organizations, notifications, user): one look for all. */
export function MenuPanel({
  align,
  className,
  children,
}: {
  align: "start" | "end";
  /** Width rules (min-w-…, w-…). */
  className: string;
  children: ReactNode;
}) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        align={align}
        sideOffset={6}
        className={clsx("z-50 rounded-xl border border-stone-200 bg-white p-1.5 shadow-lg", className)}
      >
        <FirstItemOnKeyboardOpen />
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

/**
 * A lazy menu opened from the keyboard as it loaded (takeKeyboardOpen): focus goes to its first item, as
 * Radix does on later keyboard opens, after Radix has focused the panel itself.
 */
function FirstItemOnKeyboardOpen() {
  const probe = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!takeKeyboardOpen()) return;
    const frame = requestAnimationFrame(() => {
      const menu = probe.current?.closest('[role="menu"]');
      menu?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return <span ref={probe} hidden />;
}
