"use client";

import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import type { ApiKeySummary, ApiScope } from "@/contracts/api-keys";
import { useT } from "@/i18n/i18n-provider";
import { type ApiError, apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { SelectField } from "@/components/ui/select-field";
import { apiKeyFieldErrors, type ExpiryOption, expiryDate, expiryOptions, isExpiryOption } from "./api-key-form";
import { ApiKeyNameField } from "./api-key-name-field";
import { ApiKeyRateLimitField } from "./api-key-rate-limit-field";
import { ApiKeyScopesField } from "./api-key-scopes-field";

/** Creates a key with scopes, rate limit and expiry; a plan without API access is reported to the page. */
export function CreateApiKeyForm({
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
    const problems = apiKeyFieldErrors({ name, scopes, rateLimit }, t);
    if (problems) return setFieldErrors(problems);
    setPending(true);
    const result = await apiFetch("/api/organization/api-keys", {
      schema: "createdApiKeySchema",
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
    <FormCard
      title={t("settingsExtra.apiKeys.createTitle")}
      description={t("settingsExtra.apiKeys.createDescription")}
      onSubmit={submit}
      error={formError}
      formLabel={t("settingsExtra.apiKeys.createTitle")}
      formClassName="max-w-2xl space-y-4"
    >
      <ApiKeyNameField
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
          onChange={(event) => {
            if (isExpiryOption(event.target.value)) setExpiry(event.target.value);
          }}
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
    </FormCard>
  );
}
