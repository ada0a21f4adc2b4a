"use client";

import type { EngineId, EngineSettingsView } from "@/contracts/engine-settings";
import { useT } from "@/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { choiceCardClass } from "@/components/ui/choice-card";

/** The engine new books use, one card per engine with whether it is ready to run. */
export function DefaultEngineChoice({
  engines,
  value,
  onChange,
  error,
}: {
  engines: EngineSettingsView["engines"];
  value: EngineId;
  onChange: (engine: EngineId) => void;
  error?: string;
}) {
  const t = useT();
  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.engine.defaultTitle")}
        description={t("settingsExtra.engine.defaultDescription")}
      />
      <CardBody>
        <fieldset aria-describedby={error ? "default-engine-error" : undefined}>
          <legend className="sr-only">{t("settingsExtra.engine.defaultTitle")}</legend>
          <div className="grid gap-3 md:grid-cols-3">
            {engines.map((engine) => {
              const checked = value === engine.id;
              return (
                <label key={engine.id} className={choiceCardClass(checked, "flex flex-col gap-1")}>
                  <span className="flex items-center justify-between gap-2">
                    <span className="flex items-center gap-2 font-medium text-stone-900">
                      <input
                        type="radio"
                        name="defaultEngine"
                        value={engine.id}
                        checked={checked}
                        onChange={() => onChange(engine.id)}
                        className="size-4 accent-ink-700"
                      />
                      {t(`settingsExtra.engine.names.${engine.id}`)}
                    </span>
                    <Badge tone={engine.configured ? "green" : "amber"}>
                      {engine.configured ? t("settingsExtra.engine.ready") : t("settingsExtra.engine.needsSetup")}
                    </Badge>
                  </span>
                  <span className="text-stone-600">{t(`settingsExtra.engine.hints.${engine.id}`)}</span>
                </label>
              );
            })}
          </div>
          {error ? (
            <p id="default-engine-error" className="mt-2 text-sm text-red-700" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
      </CardBody>
    </Card>
  );
}
