"use client";

import { type ComponentProps, useCallback, useRef, useState } from "react";

/** The trigger's own attributes, the same on the stand-in button and on Radix's trigger. */
export type MenuTriggerProps = Omit<ComponentProps<"button">, "type" | "onClick" | "onKeyDown"> & {
  "data-testid": string;
};

type LazyMenu<M> = {
  /** The menu's module once it was asked for; null until then (render <LazyMenuButton>). */
  loaded: M | null;
  /** Loads the menu and renders it open (its module's menu gets `defaultOpen`). */
  open: () => void;
  /** Starts loading the menu's code ahead of a press. */
  preload: () => void;
};

/**
 * A header menu (organizations, notifications, account) whose Radix code loads when it is first used
 * instead of with every signed-in page. Until then the page shows <LazyMenuButton>, the same button
 * closed; pressing it loads the menu, which replaces it already open. `load` must be a module-level
 * function (an `import()` of the menu's module).
 */
export function useLazyMenu<M>(load: () => Promise<M>): LazyMenu<M> {
  const [loaded, setLoaded] = useState<M | null>(null);
  const pending = useRef<Promise<M> | null>(null);

  const request = useCallback(() => {
    // A failed load (offline, say) is tried again on the next press.
    pending.current ??= load().catch((cause: unknown) => {
      pending.current = null;
      throw cause;
    });
    return pending.current;
  }, [load]);
  const preload = useCallback(() => void request().catch(() => {}), [request]);
  const open = useCallback(
    () => void request().then(setLoaded, (cause: unknown) => console.error("menu failed to load", cause)),
    [request],
  );
  return { loaded, open, preload };
}

// Whether the menu being loaded was opened from the keyboard. Radix moves focus to the first item when its
// trigger is pressed from the keyboard, which it learns from key presses it listens to once mounted; the
// press that loads a lazy menu came before, so the menu's panel is told here (see takeKeyboardOpen).
let openedByKeyboard = false;

/** True once after a lazy menu was opened from the keyboard: its panel then focuses its first item. */
export function takeKeyboardOpen(): boolean {
  const value = openedByKeyboard;
  openedByKeyboard = false;
  return value;
}

/**
 * The stand-in for a menu's trigger until the menu is loaded: a closed menu button as Radix renders it.
 * A click (or Enter, Space) or Arrow Down opens the menu; hovering or focusing it preloads the menu.
 */
export function LazyMenuButton({ menu, ...props }: MenuTriggerProps & { menu: LazyMenu<unknown> }) {
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      {...props}
      onClick={(event) => {
        // A click from Enter or Space has no pointer behind it (detail 0).
        openedByKeyboard = event.detail === 0;
        menu.open();
      }}
      onKeyDown={(event) => {
        if (event.key !== "ArrowDown") return;
        event.preventDefault();
        openedByKeyboard = true;
        menu.open();
      }}
      onPointerEnter={menu.preload}
      onFocus={menu.preload}
    />
  );
}
