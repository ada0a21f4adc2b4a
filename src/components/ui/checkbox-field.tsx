"use client";

import { clsx } from "clsx";
import { useId } from "react";

/**
 * A checkbox with its label and an optional hint linked by aria-describedby. `danger` colours the box for
 * choices that remove something (e.g. a saved secret).
 */
export function CheckboxField({
  label,
  hint,
  checked,
  onChange,
  tone = "ink",
  name,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  tone?: "ink" | "danger";
  name?: string;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={clsx("mt-0.5 size-4", tone === "danger" ? "accent-red-600" : "accent-ink-700")}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-stone-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
