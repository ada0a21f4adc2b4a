"use client";

import { type FormEvent, useState } from "react";
import type { EngineSettingsView } from "@/contracts/engine-settings";
import { useT } from "@/i18n/i18n-provider";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import { SettingsLoadFailure } from "@/components/settings/settings-load-failure";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { TextField } from "@/components/ui/text-field";
import { UrlField } from "@/components/ui/url-field";
import { DefaultEngineChoice } from "./default-engine-choice";
import {
  type EngineForm,
  engineFormFields,
  engineFormFrom,
  engineFormProblems,
  engineSettingsBody,
} from "./engine-form";
import { SecretField } from "./secret-field";

/**
 * AI engine settings (OWNER/ADMIN): the default engine, the OpenAI-compatible server (URL, model, key) and
 * the CrewAI crew (URL, token). Keys are write-only: the page only knows whether one is saved, a blank
 * field keeps it, a new value replaces it, and a checkbox removes it.
 */
export function EngineSettings() {
  const t = useT();
  const query = useApiQuery("/api/organization/engine", "engineSettingsSchema");
  if (query.error) {
    return (
      <SettingsLoadFailure
        error={query.error.status === 403 ? "forbidden" : "failed"}
        title={t("settingsExtra.engine.title")}
        onRetry={() => void query.reload()}
      />
    );
  }
  if (!query.data) return <PageSkeleton />;
  return <EngineSettingsForm initial={query.data} />;
}

function EngineSettingsForm({ initial }: { initial: EngineSettingsView }) {
  const t = useT();
  const [data, setData] = useState(initial);
  const [form, setForm] = useState<EngineForm>(() => engineFormFrom(initial));
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const errors = useApiErrors(engineFormFields);
  const { clearErrors, setFieldErrors, describe } = errors;

  const set = <K extends keyof EngineForm>(key: K, value: EngineForm[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setPlanError(null);
    setSaved(false);
    const problems = Object.entries(engineFormProblems(form));
    if (problems.length > 0) {
      return setFieldErrors(Object.fromEntries(problems.map(([field, key]) => [field, t(key)])));
    }
    setPending(true);
    const result = await apiFetch("/api/organization/engine", {
      method: "PUT",
      body: engineSettingsBody(form),
      schema: "engineSettingsSchema",
    });
    setPending(false);
    if (!result.ok) {
      if (result.error.code === "PLAN_LIMIT_REACHED") return setPlanError(result.error);
      return errors.showError(result.error);
    }
    setData(result.data);
    setForm(engineFormFrom(result.data));
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

        <DefaultEngineChoice
          engines={data.engines}
          value={form.defaultEngine}
          onChange={(engine) => set("defaultEngine", engine)}
          error={fieldError("defaultEngine")}
        />

        <Card>
          <CardHeader
            title={t("settingsExtra.engine.openaiTitle")}
            description={t("settingsExtra.engine.openaiDescription")}
          />
          <CardBody className="max-w-2xl space-y-4">
            {openaiCompatible.environmentDefault ? (
              <p className="text-sm text-stone-600">{t("settingsExtra.engine.environmentDefault")}</p>
            ) : null}
            <UrlField
              label={t("settingsExtra.engine.baseUrl")}
              name="openaiCompatible.baseUrl"
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
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-stone-800">{t("settingsExtra.engine.pricingTitle")}</legend>
              <p className="text-sm text-stone-600">{t("settingsExtra.engine.pricingHint")}</p>
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField
                  label={t("settingsExtra.engine.currency")}
                  name="openaiCompatible.pricing.currency"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={3}
                  value={form.currency}
                  onChange={(event) => set("currency", event.target.value)}
                  hint={t("settingsExtra.engine.currencyHint")}
                  error={fieldError("openaiCompatible.pricing.currency")}
                />
                <TextField
                  label={t("settingsExtra.engine.promptPrice")}
                  name="openaiCompatible.pricing.promptPer1k"
                  inputMode="decimal"
                  autoComplete="off"
                  value={form.promptPrice}
                  onChange={(event) => set("promptPrice", event.target.value)}
                  error={fieldError("openaiCompatible.pricing.promptPer1k")}
                />
                <TextField
                  label={t("settingsExtra.engine.completionPrice")}
                  name="openaiCompatible.pricing.completionPer1k"
                  inputMode="decimal"
                  autoComplete="off"
                  value={form.completionPrice}
                  onChange={(event) => set("completionPrice", event.target.value)}
                  error={fieldError("openaiCompatible.pricing.completionPer1k")}
                />
              </div>
            </fieldset>
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
            <UrlField
              label={t("settingsExtra.engine.crewaiUrl")}
              name="crewai.baseUrl"
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
