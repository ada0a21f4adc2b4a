"use client";

import { X } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { useCorrections } from "./corrections-state";
import { FindingActions } from "./finding-actions";
import { findingStep, FINDING_POPOVER_ATTRIBUTE, isTypingTarget } from "./finding-navigation";
import { severityTone, worstFirst } from "./finding-style";

const GAP = 6;
const MARGIN = 8;

/**
 * The popover of one mark: each finding's type and severity, message, the flagged text and its actions.
 * A non-modal dialog placed under the mark (kept inside the viewport's width); Escape or the close button
 * closes it and gives focus back to the mark, a click elsewhere closes it, Alt+↓ / Alt+↑ move on.
 */
export function FindingPopover() {
  const t = useT();
  const corrections = useCorrections();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const open = corrections?.open ?? null;
  const findings = open && corrections ? worstFirst(open.ids.flatMap((id) => corrections.byId.get(id) ?? [])) : [];
  const empty = findings.length === 0;

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const box = ref.current;
      if (!box || !open.anchor.isConnected) return;
      const rect = open.anchor.getBoundingClientRect();
      const width = box.offsetWidth;
      const maxLeft = document.documentElement.clientWidth - width - MARGIN;
      setPosition({
        top: rect.bottom + window.scrollY + GAP,
        left: Math.max(MARGIN, Math.min(rect.left, maxLeft)) + window.scrollX,
      });
    };
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, [open]);

  // Focus moves in when opened from the mark or the keyboard (not from a click in the editor's text).
  useEffect(() => {
    if (!open?.takeFocus || !position) return;
    const box = ref.current;
    const first = box?.querySelector<HTMLElement>("button:not([disabled]), input");
    (first ?? box)?.focus({ preventScroll: true });
  }, [open, position]);

  // A finding resolved meanwhile (by this popover's action or a refresh) closes it.
  useEffect(() => {
    if (open && empty) corrections?.closeFinding(false);
  }, [open, empty, corrections]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (ref.current?.contains(target) || open.anchor.contains(target)) return;
      corrections?.closeFinding(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, corrections]);

  if (!open || !corrections || empty) return null;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      corrections?.closeFinding(true);
      return;
    }
    const step = findingStep(event, isTypingTarget(event.target));
    if (step !== null) {
      event.preventDefault();
      event.stopPropagation();
      corrections?.step(step, open?.anchor ?? null);
    }
  }

  const first = findings[0];
  return createPortal(
    <div
      ref={ref}
      {...{ [FINDING_POPOVER_ATTRIBUTE]: "" }}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="absolute z-50 w-[min(22rem,calc(100vw-1rem))] rounded-xl border border-stone-200 bg-white p-4 text-left font-sans text-sm text-stone-800 shadow-lg wrap-anywhere"
      style={position ? { top: position.top, left: position.left } : { top: 0, left: 0, visibility: "hidden" }}
      data-testid="finding-popover"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={titleId} className="font-semibold text-stone-900">
          {first ? t("corrections.popover.label", { type: t(`corrections.types.${first.type}`) }) : null}
        </h2>
        <button
          type="button"
          onClick={() => corrections.closeFinding(true)}
          className="-m-1 rounded-md p-1 text-stone-500 hover:bg-stone-100 hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-ink-600"
          aria-label={t("corrections.popover.close")}
        >
          <X className="size-4" aria-hidden="true" />
        </button>
      </div>
      <ul className="mt-2 space-y-4">
        {findings.map((finding) => (
          <li key={finding.id} className="space-y-2" data-finding-id={finding.id}>
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge tone={severityTone[finding.severity]}>{t(`corrections.severities.${finding.severity}`)}</Badge>
              <Badge>{t(`corrections.types.${finding.type}`)}</Badge>
            </div>
            <p>{finding.message}</p>
            {finding.original ? (
              <p className="text-stone-600 wrap-anywhere">
                {t("corrections.popover.original", { original: finding.original })}
              </p>
            ) : null}
            <FindingActions finding={finding} onDone={() => corrections.closeFinding(true)} />
          </li>
        ))}
      </ul>
      <p className="mt-3 border-t border-stone-100 pt-2 text-xs text-stone-500">{t("corrections.keyboard.hint")}</p>
    </div>,
    document.body,
  );
}
