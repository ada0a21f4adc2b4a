"use client";

import { clsx } from "clsx";
import { type TextareaHTMLAttributes, useId } from "react";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  error?: string | null;
  hint?: string;
};

/** Labelled textarea whose hint and error are linked with aria-describedby (same look as TextField). */
export function TextAreaField({ label, name, error, hint, className, id, rows = 3, ...rest }: TextAreaFieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  return (
    <div className={clsx("space-y-1.5", className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={inputId}
        name={name}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={clsx(hintId, error && errorId) || undefined}
        className={clsx(
          "block w-full rounded-lg border bg-white px-3 py-2 text-sm text-stone-900 shadow-sm placeholder:text-stone-400",
          "focus:outline-2 focus:outline-offset-0 focus:outline-ink-500 disabled:bg-stone-100 disabled:text-stone-500",
          error ? "border-red-500" : "border-stone-300",
        )}
        {...rest}
      />
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
