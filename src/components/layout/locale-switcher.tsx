"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { isLocale, type Locale, locales } from "@/i18n/locales";
import { setLocale } from "@/i18n/set-locale";

/** Language picker: stores the choice in the `locale` cookie and re-renders the server tree. */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function change(next: Locale) {
    startTransition(async () => {
      await setLocale(next);
      router.refresh();
    });
  }

  return (
    <div className={className}>
      <label htmlFor={id} className="sr-only">
        {t("locale.label")}
      </label>
      <div className="relative flex items-center">
        <Languages className="pointer-events-none absolute left-2 size-4 text-stone-500" aria-hidden="true" />
        <select
          id={id}
          value={locale}
          disabled={pending}
          onChange={(event) => {
            if (isLocale(event.target.value)) change(event.target.value);
          }}
          className="h-8 appearance-none rounded-lg border border-stone-300 bg-white pl-7 pr-3 text-sm text-stone-700 focus:outline-2 focus:outline-ink-500"
          data-testid="locale-switcher"
        >
          {locales.map((code) => (
            <option key={code} value={code}>
              {t(`locale.names.${code}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
