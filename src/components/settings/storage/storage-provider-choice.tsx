"use client";

import { type StorageProviderId, storageProviders } from "@/contracts/storage-settings";
import { useT } from "@/i18n/i18n-provider";
import { choiceCardClass } from "@/components/ui/choice-card";

/** The provider radio cards, each with its name and what it needs. */
export function StorageProviderChoice({
  value,
  onChange,
}: {
  value: StorageProviderId;
  onChange: (provider: StorageProviderId) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-stone-800">{t("settingsExtra.storage.provider")}</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {storageProviders.map((provider) => (
          <label key={provider} className={choiceCardClass(value === provider, "flex items-start gap-3")}>
            <input
              type="radio"
              name="provider"
              value={provider}
              checked={value === provider}
              onChange={() => onChange(provider)}
              className="mt-0.5 size-4 accent-ink-700"
            />
            <span>
              <span className="block font-medium text-stone-900">
                {t(`settingsExtra.storage.providers.${provider}`)}
              </span>
              <span className="block text-stone-600">{t(`settingsExtra.storage.providerHints.${provider}`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
