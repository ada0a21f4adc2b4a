"use client";

import { type FormEvent, useState } from "react";
import type { ApiKeySummary, ApiScope, UpdateApiKeyInput } from "@/contracts/api-keys";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { ApiKeyRateLimitField } from "./api-key-rate-limit-field";
import { ApiKeyScopesField } from "./api-key-scopes-field";
import { apiKeyFieldErrors, isApiScope } from "./api-key-form";
import { ApiKeyNameField } from "./api-key-name-field";

const sameScopes = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Edits a key's name, scopes and rate limit (what PATCH /api/organization/api-keys/:id accepts) in a modal
 * built on the native <dialog>, like ConfirmDialog: focus stays inside, Escape closes it unless a save is
 * running. Open while `apiKey` is set. The secret is never part of it: the server only ever returns it once.
 */
export function EditApiKeyDialog({
  apiKey,
  onClose,
  onUpdated,
}: {
  apiKey: ApiKeySummary | null;
  onClose: () => void;
  onUpdated: (key: ApiKeySummary) => void;
}) {
  const [busy, setBusy] = useState(false);
  const open = apiKey !== null;
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      aria-labelledby={apiKey ? `edit-key-${apiKey.id}-title` : undefined}
      aria-describedby={apiKey ? `edit-key-${apiKey.id}-description` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-full max-w-lg overflow-y-auto rounded-xl border border-stone-200 bg-white p-0 shadow-xl backdrop:bg-stone-900/40"
      data-testid="edit-api-key"
    >
      {apiKey ? (
        // Keyed by the key: opening another one starts from its own values.
        <EditApiKeyForm
          key={apiKey.id}
          apiKey={apiKey}
          busy={busy}
          setBusy={setBusy}
          onClose={onClose}
          onUpdated={onUpdated}
        />
      ) : null}
    </dialog>
  );
}

function EditApiKeyForm({
  apiKey,
  busy,
  setBusy,
  onClose,
  onUpdated,
}: {
  apiKey: ApiKeySummary;
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onClose: () => void;
  onUpdated: (key: ApiKeySummary) => void;
}) {
  const t = useT();
  const [name, setName] = useState(apiKey.name);
  const [scopes, setScopes] = useState<ApiScope[]>(apiKey.scopes.filter(isApiScope));
  const [rateLimit, setRateLimit] = useState(String(apiKey.rateLimit));
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors([
    "name",
    "scopes",
    "rateLimit",
  ]);
  const titleId = `edit-key-${apiKey.id}-title`;
  const descriptionId = `edit-key-${apiKey.id}-description`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    const problems = apiKeyFieldErrors({ name, scopes, rateLimit }, t);
    if (problems) return setFieldErrors(problems);
    // Only what changed is sent, so the activity log records exactly that.
    const changes: UpdateApiKeyInput = {};
    if (name.trim() !== apiKey.name) changes.name = name.trim();
    if (!sameScopes(scopes, apiKey.scopes)) changes.scopes = scopes;
    if (Number(rateLimit) !== apiKey.rateLimit) changes.rateLimit = Number(rateLimit);
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    const result = await apiFetch(`/api/organization/api-keys/${encodeURIComponent(apiKey.id)}`, {
      method: "PATCH",
      body: changes,
      schema: "updatedApiKeySchema",
    });
    setBusy(false);
    if (!result.ok) return showError(result.error);
    onUpdated(result.data.apiKey);
  }

  return (
    <form onSubmit={submit} noValidate className="p-5" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold text-stone-900">
        {t("settingsExtra.apiKeys.editTitle", { name: apiKey.name })}
      </h2>
      <p id={descriptionId} className="mt-2 text-sm text-stone-600">
        {t("settingsExtra.apiKeys.editDescription")}
      </p>
      <div className="mt-4 space-y-4">
        <Alert tone="error">{formError}</Alert>
        <ApiKeyNameField value={name} onChange={(event) => setName(event.target.value)} error={fieldErrors.name} />
        <ApiKeyScopesField value={scopes} onChange={setScopes} error={fieldErrors.scopes} />
        <ApiKeyRateLimitField
          value={rateLimit}
          onChange={(event) => setRateLimit(event.target.value)}
          error={fieldErrors.rateLimit}
        />
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={busy}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}
