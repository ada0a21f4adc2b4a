import type { ReactNode } from "react";

/** A titled group of the storage form's fields, set off by a rule. */
export function StorageSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="border-t border-stone-100 pt-4">
      <fieldset className="max-w-2xl space-y-4">
        <legend className="text-sm font-semibold text-stone-900">{title}</legend>
        {children}
      </fieldset>
    </div>
  );
}
