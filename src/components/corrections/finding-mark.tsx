"use client";

import { clsx } from "clsx";
import type { KeyboardEvent, ReactNode } from "react";
import { useCorrections } from "./corrections-state";
import { FINDING_MARK_ATTRIBUTE } from "./finding-navigation";
import { markBaseClass, severityMarkClass, worstFirst } from "./finding-style";

/**
 * A run of text that findings cover, rendered in place of the rehype plugin's <mark>: underlined by
 * severity (colour and line style), named for screen readers, and a button that opens the popover.
 */
export function FindingMark(props: { children?: ReactNode; "data-finding-ids"?: string }) {
  const corrections = useCorrections();
  const ids = (props["data-finding-ids"] ?? "").split(" ").filter(Boolean);
  const findings = corrections ? worstFirst(ids.flatMap((id) => corrections.byId.get(id) ?? [])) : [];
  const worst = findings[0];
  if (!corrections || !worst) return <>{props.children}</>;
  const isOpen = corrections.open?.ids.join(" ") === ids.join(" ");

  const show = (mark: HTMLElement) =>
    corrections.openFinding({ ids, anchor: mark, returnFocus: mark, takeFocus: true });

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    show(event.currentTarget);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> cannot wrap across lines inside a paragraph
    <mark
      {...{ [FINDING_MARK_ATTRIBUTE]: "" }}
      data-finding-ids={ids.join(" ")}
      data-severity={worst.severity}
      data-type={worst.type}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the highlighted text itself opens the popover
      role="button"
      tabIndex={0}
      aria-haspopup="dialog"
      aria-describedby={corrections.descriptionId(worst.type, worst.severity)}
      aria-expanded={isOpen}
      className={clsx(markBaseClass, severityMarkClass[worst.severity], isOpen && "bg-ink-50")}
      onClick={(event) => show(event.currentTarget)}
      onKeyDown={onKeyDown}
    >
      {props.children}
    </mark>
  );
}
