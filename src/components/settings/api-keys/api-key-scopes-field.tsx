"use client";

import { useId } from "react";
import { useT } from "@/i18n/i18n-provider";
import { type ApiScope, apiScopes } from "@/contracts/api-keys";

/** The scope checkboxes of a key's form, with their names, hints and an announced error. */
export function ApiKeyScopesField({
  value,
  onChange,
  error,
}: {
  value: ApiScope[];
  onChange: (scopes: ApiScope[]) => void;
  error?: string;
}) {
  const t = useT();
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-stone-800">{t("settingsExtra.apiKeys.scopes")}</legend>
      <div className="mt-2 space-y-2">
        {apiScopes.map((scope) => (
          <label key={scope} className="flex items-start gap-3 text-sm">
            <input
              type="checkbox"
              name="scopes"
              value={scope}
              checked={value.includes(scope)}
              aria-invalid={error ? true : undefined}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, scope] : value.filter((current) => current !== scope))
              }
              className="mt-0.5 size-4 accent-ink-700"
            />
            <span>
              <span className="font-medium text-stone-900">{t(`settingsExtra.apiKeys.scopeNames.${scope}`)}</span>{" "}
              <code className="rounded bg-stone-100 px-1 text-xs text-stone-700">{scope}</code>
              <span className="block text-stone-600">{t(`settingsExtra.apiKeys.scopeHints.${scope}`)}</span>
            </span>
          </label>
        ))}
      </div>
      <p id={errorId} className="mt-1 text-sm text-red-700 empty:hidden" aria-live="polite" data-field-error="scopes">
        {error ?? ""}
      </p>
    </fieldset>
  );
}
