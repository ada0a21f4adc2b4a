"use client";

import { clsx } from "clsx";
import { HardDrive, PlugZap } from "lucide-react";
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MessageKey, MessageValues } from "@/i18n/translate";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { TextField } from "@/components/ui/text-field";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import {
  buildStorageBody,
  canKeepCredentials,
  type StorageField,
  type StorageForm,
  type StorageProblem,
  type StorageProviderId,
  type StorageView,
  storageFieldFor,
  storageFields,
  storageFormFrom,
  storageProviders,
  withoutFieldPrefix,
} from "./storage-form";
import { type SettingsLoadError, SettingsLoadFailure } from "@/components/settings/settings-load-failure";

type TestResult =
  | { ok: true; provider: string; latencyMs: number }
  | { ok: false; provider: string; step: string; error: { code: string; message: string } };

const stepKeys = ["configure", "write", "read", "sign", "delete"] as const;

/**
 * Storage settings (OWNER/ADMIN): provider, bucket or container, endpoint, prefix, CDN, and write-only
 * credentials; a connection test on the form as typed; back to the platform default.
 */
export function StorageSettings() {
  const t = useT();
  const locale = useLocale();
  const [view, setView] = useState<StorageView | null>(null);
  const [form, setForm] = useState<StorageForm | null>(null);
  const [loadError, setLoadError] = useState<SettingsLoadError | null>(null);
  const [busy, setBusy] = useState<"save" | "test" | "reset" | null>(null);
  // Kept as a key and values so a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<{ key: MessageKey; values?: MessageValues } | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const errors = useApiErrors(storageFields);
  const { clearErrors, setFieldErrors, describe, showError } = errors;

  const load = useCallback(async () => {
    const result = await apiFetch<{ storage: StorageView }>("/api/organization/storage");
    if (!result.ok) return setLoadError(result.status === 403 ? "forbidden" : "failed");
    setLoadError(null);
    setView(result.data.storage);
    setForm(storageFormFrom(result.data.storage));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const problemText = useCallback(
    (problem: StorageProblem): string =>
      ({
        required: t("validation.required"),
        url: t("settingsExtra.common.invalidUrl"),
        requiredWhenAny: t("settingsExtra.common.requiredWhenAny"),
        credentialsNeeded: t("settingsExtra.storage.credentialsNeeded"),
        gcsKeyInvalid: t("settingsExtra.storage.gcsKeyInvalid"),
      })[problem],
    [t],
  );

  if (loadError) {
    return (
      <SettingsLoadFailure error={loadError} title={t("settingsExtra.storage.title")} onRetry={() => void load()} />
    );
  }
  if (!view || !form) return <PageSkeleton />;

  const set = <K extends keyof StorageForm>(key: K, value: StorageForm[K]) => {
    setStatus(null);
    setTest(null);
    setForm((current) => (current ? { ...current, [key]: value } : current));
  };

  /** Client checks first; null when the form cannot be sent yet (errors are then shown). */
  function prepare(): Record<string, unknown> | null {
    if (!form || !view) return null;
    clearErrors();
    setPlanError(null);
    setStatus(null);
    setTest(null);
    const built = buildStorageBody(form, view);
    if (!built.ok) {
      setFieldErrors(
        Object.fromEntries(
          Object.entries(built.problems).map(([field, problem]) => [field, problemText(problem as StorageProblem)]),
        ),
      );
      return null;
    }
    return built.body;
  }

  function showApiError(error: ApiError) {
    if (error.code === "PLAN_LIMIT_REACHED") return setPlanError(error);
    const field = error.field && form ? storageFieldFor(error.field, form.provider) : null;
    if (field) return setFieldErrors({ [field]: withoutFieldPrefix(describe(error), error.field ?? "") });
    showError(error);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = prepare();
    if (!body) return;
    setBusy("save");
    const result = await apiFetch<{ storage: StorageView; formatsMarkedStale: number }>("/api/organization/storage", {
      method: "PUT",
      body,
    });
    setBusy(null);
    if (!result.ok) return showApiError(result.error);
    setView(result.data.storage);
    setForm(storageFormFrom(result.data.storage));
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
    const result = await apiFetch<TestResult>("/api/organization/storage/test", { body });
    setBusy(null);
    if (!result.ok) return showApiError(result.error);
    setTest(result.data);
  }

  async function reset() {
    clearErrors();
    setBusy("reset");
    const result = await apiFetch<{ storage: StorageView; formatsMarkedStale: number }>("/api/organization/storage", {
      method: "DELETE",
    });
    setBusy(null);
    setConfirmingReset(false);
    if (!result.ok) return showApiError(result.error);
    setView(result.data.storage);
    setForm(storageFormFrom(result.data.storage));
    setTest(null);
    setStatus({ key: "settingsExtra.storage.resetDone" });
  }

  const providerName = (id: StorageProviderId) => t(`settingsExtra.storage.providers.${id}`);
  const field = (name: StorageField) => errors.fieldErrors[name];
  const keep = canKeepCredentials(view, form.provider);
  const stepName = (step: string) =>
    (stepKeys as readonly string[]).includes(step)
      ? t(`settingsExtra.storage.steps.${step as (typeof stepKeys)[number]}`)
      : step;

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

            <fieldset>
              <legend className="text-sm font-medium text-stone-800">{t("settingsExtra.storage.provider")}</legend>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                {storageProviders.map((provider) => (
                  <label
                    key={provider}
                    className={clsx(
                      "flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ink-600",
                      form.provider === provider
                        ? "border-ink-600 bg-ink-50/60 ring-1 ring-ink-600"
                        : "border-stone-300 bg-white",
                    )}
                  >
                    <input
                      type="radio"
                      name="provider"
                      value={provider}
                      checked={form.provider === provider}
                      onChange={() => {
                        clearErrors();
                        set("provider", provider);
                      }}
                      className="mt-0.5 size-4 accent-ink-700"
                    />
                    <span>
                      <span className="block font-medium text-stone-900">{providerName(provider)}</span>
                      <span className="block text-stone-600">
                        {t(`settingsExtra.storage.providerHints.${provider}`)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            <Section title={t("settingsExtra.storage.locationTitle")}>
              {form.provider !== "LOCAL" ? (
                <TextField
                  label={
                    form.provider === "AZURE_BLOB"
                      ? t("settingsExtra.storage.container")
                      : t("settingsExtra.storage.bucket")
                  }
                  name="bucket"
                  autoComplete="off"
                  spellCheck={false}
                  required
                  value={form.bucket}
                  onChange={(event) => set("bucket", event.target.value)}
                  error={field("bucket")}
                />
              ) : null}
              {form.provider === "AWS_S3" ? (
                <TextField
                  label={t("settingsExtra.storage.region")}
                  name="region"
                  autoComplete="off"
                  spellCheck={false}
                  value={form.region}
                  onChange={(event) => set("region", event.target.value)}
                  hint={t("settingsExtra.storage.regionHint")}
                  error={field("region")}
                />
              ) : null}
              {form.provider !== "LOCAL" ? (
                <TextField
                  label={t("settingsExtra.storage.endpoint")}
                  name="endpoint"
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  value={form.endpoint}
                  onChange={(event) => set("endpoint", event.target.value)}
                  hint={t("settingsExtra.storage.endpointHint")}
                  error={field("endpoint")}
                />
              ) : null}
              {form.provider === "AWS_S3" ? (
                <Checkbox
                  label={t("settingsExtra.storage.forcePathStyle")}
                  hint={t("settingsExtra.storage.forcePathStyleHint")}
                  checked={form.forcePathStyle}
                  onChange={(checked) => set("forcePathStyle", checked)}
                />
              ) : null}
              <TextField
                label={t("settingsExtra.storage.prefix")}
                name="prefix"
                autoComplete="off"
                spellCheck={false}
                value={form.prefix}
                onChange={(event) => set("prefix", event.target.value)}
                hint={t("settingsExtra.storage.prefixHint")}
                error={field("prefix")}
              />
              <TextField
                label={t("settingsExtra.storage.cdnBaseUrl")}
                name="cdnBaseUrl"
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                value={form.cdnBaseUrl}
                onChange={(event) => set("cdnBaseUrl", event.target.value)}
                hint={t("settingsExtra.storage.cdnHint")}
                error={field("cdnBaseUrl")}
              />
            </Section>

            {form.provider !== "LOCAL" ? (
              <Section title={t("settingsExtra.storage.credentialsTitle")}>
                <p className="text-sm text-stone-600" data-testid="storage-credentials-state" data-saved={keep}>
                  {keep ? t("settingsExtra.storage.credentialsSaved") : t("settingsExtra.storage.credentialsNeeded")}
                </p>
                {field("credentials") ? (
                  <p className="text-sm text-red-700" role="alert" data-field-error="credentials">
                    {field("credentials")}
                  </p>
                ) : null}
                <CredentialInputs form={form} set={set} field={field} />
              </Section>
            ) : null}

            {test ? (
              <Alert tone={test.ok ? "success" : "error"}>
                <span data-testid="storage-test-result" data-ok={test.ok}>
                  {test.ok
                    ? t("settingsExtra.storage.testOk", { ms: test.latencyMs })
                    : t("settingsExtra.storage.testFailed", { step: stepName(test.step), message: test.error.message })}
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

      {view.source === "organization" ? (
        <Card tone="danger">
          <CardHeader
            title={t("settingsExtra.storage.resetTitle")}
            description={t("settingsExtra.storage.resetDescription")}
          />
          <CardBody className="flex flex-wrap gap-2">
            {confirmingReset ? (
              <>
                <Button variant="danger" loading={busy === "reset"} onClick={() => void reset()}>
                  {t("settingsExtra.storage.confirmReset")}
                </Button>
                <Button variant="ghost" onClick={() => setConfirmingReset(false)}>
                  {t("common.cancel")}
                </Button>
              </>
            ) : (
              <Button variant="secondary" onClick={() => setConfirmingReset(true)}>
                {t("settingsExtra.storage.reset")}
              </Button>
            )}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="border-t border-stone-100 pt-4">
      <fieldset className="max-w-2xl space-y-4">
        <legend className="text-sm font-semibold text-stone-900">{title}</legend>
        {children}
      </fieldset>
    </div>
  );
}

function Checkbox({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 accent-ink-700"
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

function CredentialInputs({
  form,
  set,
  field,
}: {
  form: StorageForm;
  set: <K extends keyof StorageForm>(key: K, value: StorageForm[K]) => void;
  field: (name: StorageField) => string | undefined;
}) {
  const t = useT();
  const secret = { autoComplete: "new-password", spellCheck: false, type: "password" } as const;
  if (form.provider === "AWS_S3") {
    return (
      <>
        <TextField
          label={t("settingsExtra.storage.accessKeyId")}
          name="credentials.accessKeyId"
          autoComplete="off"
          spellCheck={false}
          value={form.accessKeyId}
          onChange={(event) => set("accessKeyId", event.target.value)}
          error={field("credentials.accessKeyId")}
        />
        <TextField
          label={t("settingsExtra.storage.secretAccessKey")}
          name="credentials.secretAccessKey"
          {...secret}
          value={form.secretAccessKey}
          onChange={(event) => set("secretAccessKey", event.target.value)}
          error={field("credentials.secretAccessKey")}
        />
        <TextField
          label={t("settingsExtra.storage.sessionToken")}
          name="credentials.sessionToken"
          {...secret}
          value={form.sessionToken}
          onChange={(event) => set("sessionToken", event.target.value)}
          error={field("credentials.sessionToken")}
        />
      </>
    );
  }
  if (form.provider === "GOOGLE_CLOUD") {
    return (
      <TextArea
        label={t("settingsExtra.storage.gcsKey")}
        name="credentials.json"
        hint={t("settingsExtra.storage.gcsKeyHint")}
        value={form.gcsKey}
        onChange={(value) => set("gcsKey", value)}
        error={field("credentials.json")}
      />
    );
  }
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">{t("settingsExtra.storage.azureAuth")}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {(["connectionString", "accountKey"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm text-stone-800">
              <input
                type="radio"
                name="azureMode"
                value={mode}
                checked={form.azureMode === mode}
                onChange={() => set("azureMode", mode)}
                className="size-4 accent-ink-700"
              />
              {t(`settingsExtra.storage.azureModes.${mode}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {form.azureMode === "connectionString" ? (
        <TextField
          label={t("settingsExtra.storage.connectionString")}
          name="credentials.connectionString"
          {...secret}
          value={form.connectionString}
          onChange={(event) => set("connectionString", event.target.value)}
          error={field("credentials.connectionString")}
        />
      ) : (
        <>
          <TextField
            label={t("settingsExtra.storage.accountName")}
            name="credentials.accountName"
            autoComplete="off"
            spellCheck={false}
            value={form.accountName}
            onChange={(event) => set("accountName", event.target.value)}
            error={field("credentials.accountName")}
          />
          <TextField
            label={t("settingsExtra.storage.accountKey")}
            name="credentials.accountKey"
            {...secret}
            value={form.accountKey}
            onChange={(event) => set("accountKey", event.target.value)}
            error={field("credentials.accountKey")}
          />
        </>
      )}
    </>
  );
}

/** A labelled multi-line input for pasted key files; same error wiring as TextField. */
function TextArea({
  label,
  name,
  hint,
  value,
  onChange,
  error,
}: {
  label: string;
  name: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={clsx(hint && hintId, error && errorId) || undefined}
        className={clsx(
          "block w-full rounded-lg border bg-white px-3 py-2 font-mono text-xs text-stone-900 shadow-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-ink-500",
          error ? "border-red-500" : "border-stone-300",
        )}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <p id={errorId} className="text-sm text-red-700 empty:hidden" aria-live="polite" data-field-error={name}>
        {error ?? ""}
      </p>
    </div>
  );
}
