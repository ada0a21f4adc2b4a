"use client";

import { clsx } from "clsx";
import { type SelectHTMLAttributes, useId } from "react";

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: string | null;
  hideLabel?: boolean;
};

/** Labelled native select (keyboard and screen-reader friendly by default). */
export function SelectField({ label, name, options, error, hideLabel, className, id, ...rest }: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? `${name}-${generated}`;
  const errorId = `${selectId}-error`;
  return (
    <div className={clsx("space-y-1.5", className)}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-stone-800"}>
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={clsx(
          "block h-10 w-full rounded-lg border bg-white px-3 text-sm text-stone-900 shadow-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-ink-500 disabled:bg-stone-100 disabled:text-stone-500",
          error ? "border-red-500" : "border-stone-300",
        )}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="text-sm text-red-700" aria-live="polite">
          {error}
        </p>
      ) : null}
    </div>
  );
}
