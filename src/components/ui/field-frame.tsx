"use client";

import { clsx } from "clsx";
import { type ReactNode, useId } from "react";

/** The ids and ARIA attributes a control needs to be linked to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * Label, hint and announced error around one form control (input, textarea…), linked with
 * aria-describedby; the control itself is rendered by `children` with the props it is given.
 */
export function FieldFrame({
  label,
  name,
  id,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  name: string;
  id?: string;
  error?: string | null;
  hint?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const generated = useId();
  const controlId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = `${controlId}-error`;
  return (
    <div className={clsx("space-y-1.5", className)}>
      <label htmlFor={controlId} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children({
        id: controlId,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": clsx(hintId, error && errorId) || undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <p id={errorId} className="text-sm text-red-700 empty:hidden" aria-live="polite" data-field-error={name}>
        {error ?? ""}
      </p>
    </div>
  );
}

/**
 * The border and focus look shared by text inputs and textareas; `mono` is for pasted keys and code
 * (monospace, smaller, so a long line stays readable).
 */
export const fieldControlClass = (error: string | null | undefined, options: { mono?: boolean } = {}) =>
  clsx(
    "block w-full rounded-lg border bg-white px-3 text-stone-900 shadow-sm placeholder:text-stone-400",
    options.mono ? "font-mono text-xs" : "text-sm",
    "focus:outline-2 focus:outline-offset-0 focus:outline-ink-500",
    "disabled:bg-stone-100 disabled:text-stone-500",
    error ? "border-red-500" : "border-stone-300",
  );
