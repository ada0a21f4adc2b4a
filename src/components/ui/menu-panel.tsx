"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { clsx } from "clsx";
import type { ReactNode } from "react";

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
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}
