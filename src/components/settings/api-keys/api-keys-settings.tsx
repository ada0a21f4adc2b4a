"use client";

import { BookOpen } from "lucide-react";
import { useState } from "react";
import type { ApiKeySummary } from "@/contracts/api-keys";
import type { BillingOverview } from "@/contracts/billing";
import { useT } from "@/i18n/i18n-provider";
import type { MessageKey, MessageValues } from "@/i18n/translate";
import type { ApiError } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { PageHeader } from "@/components/app-shell/page-header";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import { SettingsLoadFailure } from "@/components/settings/settings-load-failure";
import { Alert } from "@/components/ui/alert";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { KeysTable } from "./api-keys-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { EditApiKeyDialog } from "./edit-api-key-dialog";
import { NewSecretPanel } from "./new-api-key-secret";

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
  const keys = useApiQuery("/api/organization/api-keys", "apiKeyListSchema");
  // Without the billing overview the server still decides (402 on creation).
  const billing = useApiQuery("/api/billing", "billingOverviewSchema");
  // Kept as a key and values so a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<{ key: MessageKey; values?: MessageValues } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [editing, setEditing] = useState<ApiKeySummary | null>(null);

  if (keys.error) {
    return (
      <SettingsLoadFailure
        error={keys.error.status === 403 ? "forbidden" : "failed"}
        title={t("settingsExtra.apiKeys.title")}
        onRetry={() => void Promise.all([keys.reload(), billing.reload()])}
      />
    );
  }
  // The plan gate is known before the form shows, as the server would refuse a key anyway.
  if (!keys.data || (billing.loading && billing.data === undefined)) return <PageSkeleton />;

  const access = billing.data ? planAccess(billing.data) : null;
  const planBlocks = access ? !access.included : false;
  const upgradeTo = planError?.upgradeTo ?? access?.upgradeTo ?? null;
  const replaceKeys = (change: (current: ApiKeySummary[]) => ApiKeySummary[]) =>
    keys.setData((current) => ({ apiKeys: change(current?.apiKeys ?? []) }));

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
        <CreateApiKeyForm
          onCreated={(key, value) => {
            setPlanError(null);
            setActionError(null);
            setStatus({ key: "settingsExtra.apiKeys.created", values: { name: key.name } });
            setSecret({ name: key.name, value });
            replaceKeys((current) => [key, ...current]);
          }}
          onPlanLimit={setPlanError}
        />
      )}
      <KeysTable
        keys={keys.data.apiKeys}
        onEdit={(key) => {
          setStatus(null);
          setEditing(key);
        }}
        onRevoked={(key) => {
          setActionError(null);
          setStatus({ key: "settingsExtra.apiKeys.revoked", values: { name: key.name } });
          void keys.reload();
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
          replaceKeys((current) => current.map((item) => (item.id === key.id ? key : item)));
        }}
      />
    </div>
  );
}
