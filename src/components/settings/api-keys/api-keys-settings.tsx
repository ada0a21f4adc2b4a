"use client";

import { BookOpen, Copy, KeyRound, Pencil, ShieldAlert } from "lucide-react";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MessageKey, MessageValues } from "@/i18n/translate";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SelectField } from "@/components/ui/select-field";
import { Table, Td, Th } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import type { BillingOverview } from "@/components/settings/billing/billing-types";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import { ApiKeyRateLimitField } from "./api-key-rate-limit-field";
import { ApiKeyScopesField } from "./api-key-scopes-field";
import {
  type ApiKeySummary,
  type ApiScope,
  apiKeyFieldProblems,
  type ExpiryOption,
  expiryDate,
  expiryOptions,
} from "./api-key-types";
import { EditApiKeyDialog } from "./edit-api-key-dialog";
import { type SettingsLoadError, SettingsLoadFailure } from "@/components/settings/settings-load-failure";

/** The API reference served by the app (OpenAPI + viewer). */
const docsHref = "/api/v1/docs";

/** Whether the plan includes the public API, and which plan would (from GET /api/billing). */
type PlanAccess = { included: boolean; plan: string; upgradeTo: string | null };

function planAccess(overview: BillingOverview): PlanAccess {
  const included = overview.plan.features.includes("apiAccess");
  const upgrade = overview.plans.find((plan) => plan.features.includes("apiAccess"));
  return { included, plan: overview.plan.name, upgradeTo: included ? null : (upgrade?.id ?? null) };
}

/**
 * API keys of the organization (OWNER/ADMIN): create with scopes, rate limit and expiry; the secret is
 * shown once with a copy button; the list shows only prefixes, last use and status; edit a key's name,
 * scopes and rate limit; revoke with confirmation.
 */
export function ApiKeysSettings() {
  const t = useT();
  const [keys, setKeys] = useState<ApiKeySummary[] | null>(null);
  const [access, setAccess] = useState<PlanAccess | null>(null);
  const [loadError, setLoadError] = useState<SettingsLoadError | null>(null);
  // Kept as a key and values so a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<{ key: MessageKey; values?: MessageValues } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [editing, setEditing] = useState<ApiKeySummary | null>(null);

  const load = useCallback(async () => {
    const [keysResult, billingResult] = await Promise.all([
      apiFetch<{ apiKeys: ApiKeySummary[] }>("/api/organization/api-keys"),
      apiFetch<BillingOverview>("/api/billing"),
    ]);
    if (!keysResult.ok) return setLoadError(keysResult.status === 403 ? "forbidden" : "failed");
    setLoadError(null);
    setKeys(keysResult.data.apiKeys);
    // Without the billing overview the server still decides (402 on creation).
    if (billingResult.ok) setAccess(planAccess(billingResult.data));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) {
    return (
      <SettingsLoadFailure error={loadError} title={t("settingsExtra.apiKeys.title")} onRetry={() => void load()} />
    );
  }
  if (!keys) return <PageSkeleton />;

  const planBlocks = access ? !access.included : false;
  const upgradeTo = planError?.upgradeTo ?? access?.upgradeTo ?? null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("settingsExtra.apiKeys.title")}
        description={t("settingsExtra.apiKeys.description")}
        actions={
          <a
            href={docsHref}
            className="inline-flex items-center gap-2 text-sm font-medium text-ink-800 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ink-600"
          >
            <BookOpen className="size-4" aria-hidden="true" />
            {t("settingsExtra.apiKeys.docsLink")}
          </a>
        }
      />
      {planBlocks || planError ? (
        <UpgradeNotice
          description={t("settingsExtra.apiKeys.planDescription", { plan: access?.plan ?? "" })}
          upgradeTo={upgradeTo}
        />
      ) : null}
      <Alert tone="success">{status ? t(status.key, status.values) : null}</Alert>
      <Alert tone="error">{actionError}</Alert>
      {secret ? (
        <NewSecretPanel name={secret.name} secret={secret.value} onDone={() => setSecret(null)} />
      ) : planBlocks ? null : (
        <CreateKeyForm
          onCreated={(key, value) => {
            setPlanError(null);
            setActionError(null);
            setStatus({ key: "settingsExtra.apiKeys.created", values: { name: key.name } });
            setSecret({ name: key.name, value });
            setKeys((current) => [key, ...(current ?? [])]);
          }}
          onPlanLimit={setPlanError}
        />
      )}
      <KeysTable
        keys={keys}
        onEdit={(key) => {
          setStatus(null);
          setEditing(key);
        }}
        onRevoked={(key) => {
          setActionError(null);
          setStatus({ key: "settingsExtra.apiKeys.revoked", values: { name: key.name } });
          void load();
        }}
        onError={(message) => {
          setStatus(null);
          setActionError(message);
        }}
      />
      <EditApiKeyDialog
        apiKey={editing}
        onClose={() => setEditing(null)}
        onUpdated={(key) => {
          setEditing(null);
          setActionError(null);
          setStatus({ key: "settingsExtra.apiKeys.updated", values: { name: key.name } });
          setKeys((current) => (current ?? []).map((item) => (item.id === key.id ? key : item)));
        }}
      />
    </div>
  );
}

function CreateKeyForm({
  onCreated,
  onPlanLimit,
}: {
  onCreated: (key: ApiKeySummary, secret: string) => void;
  onPlanLimit: (error: ApiError) => void;
}) {
  const t = useT();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["books:read"]);
  const [rateLimit, setRateLimit] = useState("60");
  const [expiry, setExpiry] = useState<ExpiryOption>("never");
  const [pending, setPending] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors([
    "name",
    "scopes",
    "rateLimit",
    "expiresAt",
  ]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    const problems = apiKeyFieldProblems({ name, scopes, rateLimit });
    if (Object.keys(problems).length > 0) {
      return setFieldErrors(Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, t(key)])));
    }
    setPending(true);
    const result = await apiFetch<{ apiKey: ApiKeySummary; secret: string }>("/api/organization/api-keys", {
      body: { name: name.trim(), scopes, rateLimit: Number(rateLimit), expiresAt: expiryDate(expiry) },
    });
    setPending(false);
    if (!result.ok) {
      if (result.error.code === "PLAN_LIMIT_REACHED") return onPlanLimit(result.error);
      return showError(result.error);
    }
    setName("");
    setScopes(["books:read"]);
    setRateLimit("60");
    setExpiry("never");
    onCreated(result.data.apiKey, result.data.secret);
  }

  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.apiKeys.createTitle")}
        description={t("settingsExtra.apiKeys.createDescription")}
      />
      <CardBody>
        <form
          onSubmit={submit}
          noValidate
          className="max-w-2xl space-y-4"
          aria-label={t("settingsExtra.apiKeys.createTitle")}
        >
          <Alert tone="error">{formError}</Alert>
          <TextField
            label={t("settingsExtra.apiKeys.name")}
            name="name"
            autoComplete="off"
            maxLength={80}
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            hint={t("settingsExtra.apiKeys.nameHint")}
            error={fieldErrors.name}
          />
          <ApiKeyScopesField value={scopes} onChange={setScopes} error={fieldErrors.scopes} />
          <div className="grid gap-4 sm:grid-cols-2">
            <ApiKeyRateLimitField
              value={rateLimit}
              onChange={(event) => setRateLimit(event.target.value)}
              error={fieldErrors.rateLimit}
            />
            <SelectField
              label={t("settingsExtra.apiKeys.expiry")}
              name="expiresAt"
              value={expiry}
              onChange={(event) => setExpiry(event.target.value as ExpiryOption)}
              options={expiryOptions.map((value) => ({
                value,
                label: t(`settingsExtra.apiKeys.expiryOptions.${value}`),
              }))}
              error={fieldErrors.expiresAt}
            />
          </div>
          <Button type="submit" loading={pending}>
            <KeyRound className="size-4" aria-hidden="true" />
            {t("settingsExtra.apiKeys.create")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

/** The one and only display of a new key's secret, with a copy button and a clear warning. */
function NewSecretPanel({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useT();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<"copied" | "failed" | null>(null);

  // Screen-reader and keyboard users land on the panel that needs their attention.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className="space-y-4 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4"
      data-testid="new-api-key"
    >
      <div className="flex items-start gap-3">
        <ShieldAlert className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden="true" />
        <div>
          <h2 id={`${inputId}-title`} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-amber-950">
            {t("settingsExtra.apiKeys.secretTitle")}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{t("settingsExtra.apiKeys.secretWarning")}</p>
        </div>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium text-stone-800">
          {t("settingsExtra.apiKeys.secretLabel", { name })}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id={inputId}
            ref={inputRef}
            readOnly
            value={secret}
            onFocus={(event) => event.target.select()}
            spellCheck={false}
            className="block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm text-stone-900 shadow-sm focus:outline-2 focus:outline-ink-500"
            data-testid="new-api-key-secret"
          />
          <Button variant="secondary" onClick={() => void copy()} className="shrink-0">
            <Copy className="size-4" aria-hidden="true" />
            {t("settingsExtra.apiKeys.copy")}
          </Button>
        </div>
        <p className="text-sm text-stone-700" role="status">
          {copyState === "copied"
            ? t("settingsExtra.apiKeys.copied")
            : copyState === "failed"
              ? t("settingsExtra.apiKeys.copyFailed")
              : ""}
        </p>
      </div>
      <Button onClick={onDone}>{t("settingsExtra.apiKeys.done")}</Button>
    </section>
  );
}

const statusTone = { active: "green", revoked: "red", expired: "neutral" } as const;

function KeysTable({
  keys,
  onEdit,
  onRevoked,
  onError,
}: {
  keys: ApiKeySummary[];
  onEdit: (key: ApiKeySummary) => void;
  onRevoked: (key: ApiKeySummary) => void;
  onError: (message: string) => void;
}) {
  const t = useT();
  if (keys.length === 0) {
    return (
      <EmptyState
        icon={KeyRound}
        title={t("settingsExtra.apiKeys.emptyTitle")}
        description={t("settingsExtra.apiKeys.emptyDescription")}
      />
    );
  }
  const title = t("settingsExtra.apiKeys.listTitle", { count: keys.length });
  return (
    <Card>
      <CardHeader title={title} />
      <Table caption={title}>
        <thead className="bg-stone-50">
          <tr>
            <Th>{t("settingsExtra.apiKeys.columns.name")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.key")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.scopes")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.rateLimit")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.status")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.expires")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.lastUsed")}</Th>
            <Th>{t("settingsExtra.apiKeys.columns.created")}</Th>
            <Th>
              <span className="sr-only">{t("settingsExtra.apiKeys.columns.actions")}</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100" data-testid="api-key-rows">
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} onEdit={onEdit} onRevoked={onRevoked} onError={onError} />
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

function KeyRow({
  apiKey,
  onEdit,
  onRevoked,
  onError,
}: {
  apiKey: ApiKeySummary;
  onEdit: (key: ApiKeySummary) => void;
  onRevoked: (key: ApiKeySummary) => void;
  onError: (message: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { describe } = useApiErrors([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
  const dateTime = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  async function revoke() {
    setBusy(true);
    const result = await apiFetch(`/api/organization/api-keys/${apiKey.id}`, { method: "DELETE" });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return onError(describe(result.error));
    onRevoked(apiKey);
  }

  return (
    <tr data-api-key-name={apiKey.name} data-status={apiKey.status}>
      <Td className="whitespace-nowrap font-medium">{apiKey.name}</Td>
      <Td>
        <code className="whitespace-nowrap rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-800">
          {apiKey.prefix}…
        </code>
      </Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          {apiKey.scopes.map((scope) => (
            <Badge key={scope}>{scope}</Badge>
          ))}
        </div>
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {t("settingsExtra.apiKeys.perMinute", { count: new Intl.NumberFormat(locale).format(apiKey.rateLimit) })}
      </Td>
      <Td>
        <Badge tone={statusTone[apiKey.status]}>{t(`settingsExtra.apiKeys.status.${apiKey.status}`)}</Badge>
      </Td>
      <Td className="whitespace-nowrap text-stone-600">
        {apiKey.expiresAt ? date(apiKey.expiresAt) : t("settingsExtra.apiKeys.never")}
      </Td>
      <Td className="whitespace-nowrap text-stone-600">
        {apiKey.lastUsedAt ? dateTime(apiKey.lastUsedAt) : t("settingsExtra.apiKeys.neverUsed")}
      </Td>
      <Td className="whitespace-nowrap text-stone-600">
        {date(apiKey.createdAt)}
        {apiKey.createdBy ? (
          <span className="block text-xs text-stone-500">
            {t("settingsExtra.apiKeys.createdBy", { name: apiKey.createdBy.name })}
          </span>
        ) : null}
      </Td>
      <Td className="text-right">
        {confirming ? (
          <div className="inline-flex flex-col items-end gap-2">
            <p className="text-xs text-stone-600">{t("settingsExtra.apiKeys.revokeWarning")}</p>
            <div className="inline-flex gap-2">
              <Button size="sm" variant="danger" loading={busy} onClick={() => void revoke()}>
                {t("settingsExtra.apiKeys.confirmRevoke")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </Button>
            </div>
          </div>
        ) : (
          <div className="inline-flex flex-col items-end gap-1">
            {/* An expired key can still be renamed or re-scoped; a revoked one is final (the server refuses). */}
            {apiKey.status !== "revoked" ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onEdit(apiKey)}
                aria-label={t("settingsExtra.apiKeys.editNamed", { name: apiKey.name })}
              >
                <Pencil className="size-3.5" aria-hidden="true" />
                {t("settingsExtra.apiKeys.edit")}
              </Button>
            ) : null}
            {apiKey.status === "active" ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setConfirming(true)}
                aria-label={t("settingsExtra.apiKeys.revokeNamed", { name: apiKey.name })}
              >
                {t("settingsExtra.apiKeys.revoke")}
              </Button>
            ) : null}
          </div>
        )}
      </Td>
    </tr>
  );
}
