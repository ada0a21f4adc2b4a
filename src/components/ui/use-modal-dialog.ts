"use client";

import { useEffect, useRef } from "react";

/**
 * Keeps a native <dialog> shown as a modal while `open` is true (focus trap, Escape and the inert page
 * come from the browser); returns the ref to put on the element.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
