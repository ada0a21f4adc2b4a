"use client";

import { useT } from "@/i18n/i18n-provider";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { StorageSection } from "./storage-section";
import type { StorageField, StorageForm } from "./storage-form";

type SetField = <K extends keyof StorageForm>(key: K, value: StorageForm[K]) => void;

/**
 * The write-only credentials of a cloud provider: whether saved ones are kept, and the inputs for new
 * ones (blank keeps the saved credentials when the provider is unchanged).
 */
export function StorageCredentials({
  form,
  keep,
  set,
  field,
}: {
  form: StorageForm;
  keep: boolean;
  set: SetField;
  field: (name: StorageField) => string | undefined;
}) {
  const t = useT();
  return (
    <StorageSection title={t("settingsExtra.storage.credentialsTitle")}>
      <p className="text-sm text-stone-600" data-testid="storage-credentials-state" data-saved={keep}>
        {keep ? t("settingsExtra.storage.credentialsSaved") : t("settingsExtra.storage.credentialsNeeded")}
      </p>
      {field("credentials") ? (
        <p className="text-sm text-red-700" role="alert" data-field-error="credentials">
          {field("credentials")}
        </p>
      ) : null}
      <CredentialInputs form={form} set={set} field={field} />
    </StorageSection>
  );
}

function CredentialInputs({
  form,
  set,
  field,
}: {
  form: StorageForm;
  set: SetField;
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
      <TextAreaField
        label={t("settingsExtra.storage.gcsKey")}
        name="credentials.json"
        hint={t("settingsExtra.storage.gcsKeyHint")}
        rows={6}
        mono
        spellCheck={false}
        autoComplete="off"
        value={form.gcsKey}
        onChange={(event) => set("gcsKey", event.target.value)}
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
