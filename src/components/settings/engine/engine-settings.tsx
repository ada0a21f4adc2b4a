"use client";

import { clsx } from "clsx";
import { KeyRound } from "lucide-react";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { TextField } from "@/components/ui/text-field";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import { type SettingsLoadError, SettingsLoadFailure } from "@/components/settings/settings-load-failure";

type EngineId = "demo" | "openai-compatible" | "crewai";

/** GET/PUT /api/organization/engine: secrets only as "is set" flags. */
export type EngineSettingsResponse = {
  settings: {
    defaultEngine: EngineId;
    openaiCompatible: {
      baseUrl: string | null;
      model: string | null;
      temperature: number | null;
      hasApiKey: boolean;
      environmentDefault: boolean;
    };
    crewai: { baseUrl: string | null; hasToken: boolean; environmentDefault: boolean };
  };
  engines: { id: string; label: string; isDemo: boolean; configured: boolean }[];
};

type Form = {
  defaultEngine: string;
  baseUrl: string;
  model: string;
  temperature: string;
  apiKey: string;
  removeApiKey: boolean;
  crewUrl: string;
  crewToken: string;
  removeCrewToken: boolean;
};

/** API field names shown next to their input (the inputs carry the same names). */
const formFields = [
  "defaultEngine",
  "openaiCompatible.baseUrl",
  "openaiCompatible.model",
  "openaiCompatible.temperature",
  "openaiCompatible.apiKey",
  "crewai.baseUrl",
  "crewai.token",
];

function formFrom(data: EngineSettingsResponse): Form {
  const { settings } = data;
  return {
    defaultEngine: settings.defaultEngine,
    baseUrl: settings.openaiCompatible.baseUrl ?? "",
    model: settings.openaiCompatible.model ?? "",
    temperature: settings.openaiCompatible.temperature === null ? "" : String(settings.openaiCompatible.temperature),
    apiKey: "",
    removeApiKey: false,
    crewUrl: settings.crewai.baseUrl ?? "",
    crewToken: "",
    removeCrewToken: false,
  };
}

const isHttpUrl = (value: string) => /^https?:\/\/[^\s/]+/i.test(value);

/**
 * AI engine settings (OWNER/ADMIN): the default engine, the OpenAI-compatible server (URL, model, key) and
 * the CrewAI crew (URL, token). Keys are write-only: the page only knows whether one is saved, a blank
 * field keeps it, a new value replaces it, and a checkbox removes it.
 */
export function EngineSettings() {
  const t = useT();
  const [data, setData] = useState<EngineSettingsResponse | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<SettingsLoadError | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const errors = useApiErrors(formFields);
  const { clearErrors, setFieldErrors, describe } = errors;

  const load = useCallback(async () => {
    const result = await apiFetch<EngineSettingsResponse>("/api/organization/engine");
    if (!result.ok) return setLoadError(result.status === 403 ? "forbidden" : "failed");
    setLoadError(null);
    setData(result.data);
    setForm(formFrom(result.data));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) {
    return (
      <SettingsLoadFailure error={loadError} title={t("settingsExtra.engine.title")} onRetry={() => void load()} />
    );
  }
  if (!data || !form) return <PageSkeleton />;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((current) => (current ? { ...current, [key]: value } : current));
  };

  function validate(values: Form): Record<string, string> {
    const problems: Record<string, string> = {};
    if (values.baseUrl.trim() && !isHttpUrl(values.baseUrl.trim()))
      problems["openaiCompatible.baseUrl"] = t("settingsExtra.common.invalidUrl");
    if (values.crewUrl.trim() && !isHttpUrl(values.crewUrl.trim()))
      problems["crewai.baseUrl"] = t("settingsExtra.common.invalidUrl");
    if (values.temperature.trim()) {
      const number = Number(values.temperature.replace(",", "."));
      if (!Number.isFinite(number) || number < 0 || number > 2)
        problems["openaiCompatible.temperature"] = t("settingsExtra.engine.temperatureInvalid");
    }
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    clearErrors();
    setPlanError(null);
    setSaved(false);
    const problems = validate(form);
    if (Object.keys(problems).length > 0) return setFieldErrors(problems);
    const text = (value: string) => (value.trim() === "" ? null : value.trim());
    const body = {
      defaultEngine: form.defaultEngine,
      openaiCompatible: {
        baseUrl: text(form.baseUrl),
        model: text(form.model),
        temperature: form.temperature.trim() === "" ? null : Number(form.temperature.replace(",", ".")),
        // Omitted keeps the saved key; null removes it; a value replaces it.
        ...(form.removeApiKey ? { apiKey: null } : form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : {}),
      },
      crewai: {
        baseUrl: text(form.crewUrl),
        ...(form.removeCrewToken ? { token: null } : form.crewToken.trim() ? { token: form.crewToken.trim() } : {}),
      },
    };
    setPending(true);
    const result = await apiFetch<EngineSettingsResponse>("/api/organization/engine", { method: "PUT", body });
    setPending(false);
    if (!result.ok) {
      if (result.error.code === "PLAN_LIMIT_REACHED") return setPlanError(result.error);
      return errors.showError(result.error);
    }
    setData(result.data);
    setForm(formFrom(result.data));
    setSaved(true);
  }

  const { openaiCompatible, crewai } = data.settings;
  const fieldError = (name: string) => errors.fieldErrors[name];

  return (
    <div className="space-y-6">
      <PageHeader title={t("settingsExtra.engine.title")} description={t("settingsExtra.engine.description")} />
      {planError ? <UpgradeNotice description={describe(planError)} upgradeTo={planError.upgradeTo} /> : null}
      <form onSubmit={submit} noValidate className="space-y-6" aria-label={t("settingsExtra.engine.title")}>
        <Alert tone="error">{errors.formError}</Alert>
        <Alert tone="success">{saved ? t("settingsExtra.engine.saved") : null}</Alert>

        <Card>
          <CardHeader
            title={t("settingsExtra.engine.defaultTitle")}
            description={t("settingsExtra.engine.defaultDescription")}
          />
          <CardBody>
            <fieldset aria-describedby={fieldError("defaultEngine") ? "default-engine-error" : undefined}>
              <legend className="sr-only">{t("settingsExtra.engine.defaultTitle")}</legend>
              <div className="grid gap-3 md:grid-cols-3">
                {data.engines.map((engine) => {
                  const checked = form.defaultEngine === engine.id;
                  const known = ["demo", "openai-compatible", "crewai"].includes(engine.id);
                  return (
                    <label
                      key={engine.id}
                      className={clsx(
                        "flex cursor-pointer flex-col gap-1 rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ink-600",
                        checked ? "border-ink-600 bg-ink-50/60 ring-1 ring-ink-600" : "border-stone-300 bg-white",
                      )}
                    >
                      <span className="flex items-center justify-between gap-2">
                        <span className="flex items-center gap-2 font-medium text-stone-900">
                          <input
                            type="radio"
                            name="defaultEngine"
                            value={engine.id}
                            checked={checked}
                            onChange={() => set("defaultEngine", engine.id)}
                            className="size-4 accent-ink-700"
                          />
                          {known ? t(`settingsExtra.engine.names.${engine.id}` as MessageKey) : engine.label}
                        </span>
                        <Badge tone={engine.configured ? "green" : "amber"}>
                          {engine.configured ? t("settingsExtra.engine.ready") : t("settingsExtra.engine.needsSetup")}
                        </Badge>
                      </span>
                      {known ? (
                        <span className="text-stone-600">
                          {t(`settingsExtra.engine.hints.${engine.id}` as MessageKey)}
                        </span>
                      ) : null}
                    </label>
                  );
                })}
              </div>
              {fieldError("defaultEngine") ? (
                <p id="default-engine-error" className="mt-2 text-sm text-red-700" role="alert">
                  {fieldError("defaultEngine")}
                </p>
              ) : null}
            </fieldset>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title={t("settingsExtra.engine.openaiTitle")}
            description={t("settingsExtra.engine.openaiDescription")}
          />
          <CardBody className="max-w-2xl space-y-4">
            {openaiCompatible.environmentDefault ? (
              <p className="text-sm text-stone-600">{t("settingsExtra.engine.environmentDefault")}</p>
            ) : null}
            <TextField
              label={t("settingsExtra.engine.baseUrl")}
              name="openaiCompatible.baseUrl"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={form.baseUrl}
              onChange={(event) => set("baseUrl", event.target.value)}
              hint={t("settingsExtra.engine.baseUrlHint")}
              error={fieldError("openaiCompatible.baseUrl")}
            />
            <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
              <TextField
                label={t("settingsExtra.engine.model")}
                name="openaiCompatible.model"
                autoComplete="off"
                spellCheck={false}
                value={form.model}
                onChange={(event) => set("model", event.target.value)}
                hint={t("settingsExtra.engine.modelHint")}
                error={fieldError("openaiCompatible.model")}
              />
              <TextField
                label={t("settingsExtra.engine.temperature")}
                name="openaiCompatible.temperature"
                inputMode="decimal"
                autoComplete="off"
                value={form.temperature}
                onChange={(event) => set("temperature", event.target.value)}
                hint={t("settingsExtra.engine.temperatureHint")}
                error={fieldError("openaiCompatible.temperature")}
              />
            </div>
            <SecretField
              label={t("settingsExtra.engine.apiKey")}
              name="openaiCompatible.apiKey"
              saved={openaiCompatible.hasApiKey}
              savedText={t("settingsExtra.engine.apiKeySaved")}
              missingText={t("settingsExtra.engine.apiKeyMissing")}
              removeLabel={t("settingsExtra.engine.removeApiKey")}
              value={form.apiKey}
              remove={form.removeApiKey}
              onValue={(value) => set("apiKey", value)}
              onRemove={(value) => set("removeApiKey", value)}
              error={fieldError("openaiCompatible.apiKey")}
              testId="openai-key-status"
            />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title={t("settingsExtra.engine.crewaiTitle")}
            description={t("settingsExtra.engine.crewaiDescription")}
          />
          <CardBody className="max-w-2xl space-y-4">
            {crewai.environmentDefault ? (
              <p className="text-sm text-stone-600">{t("settingsExtra.engine.environmentDefault")}</p>
            ) : null}
            <TextField
              label={t("settingsExtra.engine.crewaiUrl")}
              name="crewai.baseUrl"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={form.crewUrl}
              onChange={(event) => set("crewUrl", event.target.value)}
              hint={t("settingsExtra.engine.crewaiUrlHint")}
              error={fieldError("crewai.baseUrl")}
            />
            <SecretField
              label={t("settingsExtra.engine.token")}
              name="crewai.token"
              saved={crewai.hasToken}
              savedText={t("settingsExtra.engine.tokenSaved")}
              missingText={t("settingsExtra.engine.tokenMissing")}
              removeLabel={t("settingsExtra.engine.removeToken")}
              value={form.crewToken}
              remove={form.removeCrewToken}
              onValue={(value) => set("crewToken", value)}
              onRemove={(value) => set("removeCrewToken", value)}
              error={fieldError("crewai.token")}
              testId="crewai-token-status"
            />
          </CardBody>
        </Card>

        <Button type="submit" loading={pending}>
          {t("common.save")}
        </Button>
      </form>
    </div>
  );
}

/** A write-only secret: says whether one is saved, a blank input keeps it, a checkbox removes it. */
function SecretField({
  label,
  name,
  saved,
  savedText,
  missingText,
  removeLabel,
  value,
  remove,
  onValue,
  onRemove,
  error,
  testId,
}: {
  label: string;
  name: string;
  saved: boolean;
  savedText: string;
  missingText: string;
  removeLabel: string;
  value: string;
  remove: boolean;
  onValue: (value: string) => void;
  onRemove: (value: boolean) => void;
  error?: string;
  testId: string;
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <p className="flex items-center gap-2 text-sm text-stone-700" data-testid={testId} data-saved={saved}>
        <KeyRound className="size-4 text-stone-500" aria-hidden="true" />
        {saved ? savedText : missingText}
        <Badge tone={saved ? "green" : "neutral"}>
          {saved ? t("settingsExtra.common.set") : t("settingsExtra.common.notSet")}
        </Badge>
      </p>
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        disabled={remove}
        onChange={(event) => onValue(event.target.value)}
        hint={saved ? t("settingsExtra.engine.keepHint") : undefined}
        error={error}
      />
      {saved ? (
        <label className="flex items-center gap-2 text-sm text-stone-700">
          <input
            type="checkbox"
            checked={remove}
            onChange={(event) => onRemove(event.target.checked)}
            className="size-4 accent-red-600"
          />
          {removeLabel}
        </label>
      ) : null}
    </div>
  );
}
