"use client";

import { HardDrive, PlugZap } from "lucide-react";
import { type FormEvent, useState } from "react";
import type { StorageConnectionResult, StorageProviderId, StorageSettingsSaved } from "@/contracts/storage-settings";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MessageKey, MessageValues } from "@/i18n/translate";
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
import { StorageCredentials } from "./storage-credentials";
import {
  buildStorageBody,
  canKeepCredentials,
  type StorageField,
  type StorageForm,
  type StorageProblem,
  type StorageView,
  storageFieldFor,
  storageFields,
  storageFormFrom,
  withoutFieldPrefix,
} from "./storage-form";
import { StorageLocationFields } from "./storage-location-fields";
import { StorageProviderChoice } from "./storage-provider-choice";
import { StorageResetCard } from "./storage-reset-card";

const problemKeys: Record<StorageProblem, MessageKey> = {
  required: "validation.required",
  url: "settingsExtra.common.invalidUrl",
  requiredWhenAny: "settingsExtra.common.requiredWhenAny",
  credentialsNeeded: "settingsExtra.storage.credentialsNeeded",
  gcsKeyInvalid: "settingsExtra.storage.gcsKeyInvalid",
};

/**
 * Storage settings (OWNER/ADMIN): provider, bucket or container, endpoint, prefix, CDN, and write-only
 * credentials; a connection test on the form as typed; back to the platform default.
 */
export function StorageSettings() {
  const t = useT();
  const query = useApiQuery("/api/organization/storage", "storageSettingsSchema");
  if (query.error) {
    return (
      <SettingsLoadFailure
        error={query.error.status === 403 ? "forbidden" : "failed"}
        title={t("settingsExtra.storage.title")}
        onRetry={() => void query.reload()}
      />
    );
  }
  if (!query.data) return <PageSkeleton />;
  return <StorageSettingsForm initial={query.data.storage} />;
}

function StorageSettingsForm({ initial }: { initial: StorageView }) {
  const t = useT();
  const locale = useLocale();
  const [view, setView] = useState(initial);
  const [form, setForm] = useState<StorageForm>(() => storageFormFrom(initial));
  const [busy, setBusy] = useState<"save" | "test" | "reset" | null>(null);
  // Kept as a key and values so a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<{ key: MessageKey; values?: MessageValues } | null>(null);
  const [test, setTest] = useState<StorageConnectionResult | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const errors = useApiErrors(storageFields);
  const { clearErrors, setFieldErrors, describe, showError } = errors;

  const set = <K extends keyof StorageForm>(key: K, value: StorageForm[K]) => {
    setStatus(null);
    setTest(null);
    setForm((current) => ({ ...current, [key]: value }));
  };

  /** Client checks first; null when the form cannot be sent yet (errors are then shown). */
  function prepare(): Record<string, unknown> | null {
    clearErrors();
    setPlanError(null);
    setStatus(null);
    setTest(null);
    const built = buildStorageBody(form, view);
    if (!built.ok) {
      const problems = Object.entries(built.problems).flatMap(([field, problem]) =>
        problem ? [[field, t(problemKeys[problem])]] : [],
      );
      setFieldErrors(Object.fromEntries(problems));
      return null;
    }
    return built.body;
  }

  function showApiError(error: ApiError) {
    if (error.code === "PLAN_LIMIT_REACHED") return setPlanError(error);
    const field = error.field ? storageFieldFor(error.field, form.provider) : null;
    if (field) return setFieldErrors({ [field]: withoutFieldPrefix(describe(error), error.field ?? "") });
    showError(error);
  }

  function applySaved(saved: StorageSettingsSaved) {
    setView(saved.storage);
    setForm(storageFormFrom(saved.storage));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = prepare();
    if (!body) return;
    setBusy("save");
    const result = await apiFetch("/api/organization/storage", {
      method: "PUT",
      body,
      schema: "storageSettingsSavedSchema",
    });
    setBusy(null);
    if (!result.ok) return showApiError(result.error);
    applySaved(result.data);
    setStatus(
      result.data.formatsMarkedStale > 0
        ? { key: "settingsExtra.storage.savedStale", values: { count: result.data.formatsMarkedStale } }
        : { key: "settingsExtra.storage.saved" },
    );
  }

  async function runTest() {
    const body = prepare();
    if (!body) return;
    setBusy("test");
    const result = await apiFetch("/api/organization/storage/test", { body, schema: "storageConnectionResultSchema" });
    setBusy(null);
    if (!result.ok) return showApiError(result.error);
    setTest(result.data);
  }

  async function reset() {
    clearErrors();
    setBusy("reset");
    const result = await apiFetch("/api/organization/storage", {
      method: "DELETE",
      schema: "storageSettingsSavedSchema",
    });
    setBusy(null);
    if (!result.ok) return showApiError(result.error);
    applySaved(result.data);
    setTest(null);
    setStatus({ key: "settingsExtra.storage.resetDone" });
  }

  const providerName = (id: StorageProviderId) => t(`settingsExtra.storage.providers.${id}`);
  const field = (name: StorageField) => errors.fieldErrors[name];

  return (
    <div className="space-y-6">
      <PageHeader title={t("settingsExtra.storage.title")} description={t("settingsExtra.storage.description")} />
      {planError ? <UpgradeNotice description={describe(planError)} upgradeTo={planError.upgradeTo} /> : null}

      <Card>
        <CardBody className="flex items-start gap-3">
          <HardDrive className="mt-0.5 size-5 shrink-0 text-ink-700" aria-hidden="true" />
          <div>
            <h2 className="text-sm font-semibold text-stone-900">{t("settingsExtra.storage.currentTitle")}</h2>
            <p className="mt-1 text-sm text-stone-700" data-testid="storage-current" data-source={view.source}>
              {view.source === "platform" || !view.updatedAt
                ? t("settingsExtra.storage.platformDefault", { provider: providerName(view.provider) })
                : t("settingsExtra.storage.ownStorage", {
                    provider: providerName(view.provider),
                    date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(view.updatedAt)),
                  })}
            </p>
          </div>
        </CardBody>
      </Card>

      <form onSubmit={save} noValidate aria-label={t("settingsExtra.storage.formTitle")}>
        <Card>
          <CardHeader
            title={t("settingsExtra.storage.formTitle")}
            description={t("settingsExtra.storage.formDescription")}
          />
          <CardBody className="space-y-6">
            <Alert tone="error">{errors.formError}</Alert>
            <Alert tone="success">{status ? t(status.key, status.values) : null}</Alert>
            <StorageProviderChoice
              value={form.provider}
              onChange={(provider) => {
                clearErrors();
                set("provider", provider);
              }}
            />
            <StorageLocationFields form={form} set={set} field={field} />
            {form.provider !== "LOCAL" ? (
              <StorageCredentials form={form} keep={canKeepCredentials(view, form.provider)} set={set} field={field} />
            ) : null}
            {test ? (
              <Alert tone={test.ok ? "success" : "error"}>
                <span data-testid="storage-test-result" data-ok={test.ok}>
                  {test.ok
                    ? t("settingsExtra.storage.testOk", { ms: test.latencyMs })
                    : t("settingsExtra.storage.testFailed", {
                        step: t(`settingsExtra.storage.steps.${test.step}`),
                        message: test.error.message,
                      })}
                </span>
              </Alert>
            ) : null}
            <div className="flex flex-wrap gap-3">
              <Button type="submit" loading={busy === "save"} disabled={busy !== null && busy !== "save"}>
                {t("common.save")}
              </Button>
              <Button
                variant="secondary"
                loading={busy === "test"}
                disabled={busy !== null && busy !== "test"}
                onClick={() => void runTest()}
              >
                <PlugZap className="size-4" aria-hidden="true" />
                {t("settingsExtra.storage.test")}
              </Button>
            </div>
          </CardBody>
        </Card>
      </form>

      {view.source === "organization" ? <StorageResetCard busy={busy === "reset"} onReset={reset} /> : null}
    </div>
  );
}
