"use client";

import { KeyRound, Pencil } from "lucide-react";
import { useState } from "react";
import type { ApiKeySummary } from "@/contracts/api-keys";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";

const statusTone = { active: "green", revoked: "red", expired: "neutral" } as const;

/** The organization's keys: prefix, scopes, limits, status and dates, with edit and revoke per row. */
export function KeysTable({
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
        <TableHead
          columns={[
            t("settingsExtra.apiKeys.columns.name"),
            t("settingsExtra.apiKeys.columns.key"),
            t("settingsExtra.apiKeys.columns.scopes"),
            t("settingsExtra.apiKeys.columns.rateLimit"),
            t("settingsExtra.apiKeys.columns.status"),
            t("settingsExtra.apiKeys.columns.expires"),
            t("settingsExtra.apiKeys.columns.lastUsed"),
            t("settingsExtra.apiKeys.columns.created"),
            { label: t("settingsExtra.apiKeys.columns.actions"), srOnly: true },
          ]}
        />
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
    const result = await apiFetch(`/api/organization/api-keys/${apiKey.id}`, { method: "DELETE", schema: null });
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
