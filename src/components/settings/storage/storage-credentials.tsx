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

/** The credential inputs typed as text; their label and message keys share the form field's name. */
type CredentialKey =
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken"
  | "connectionString"
  | "accountName"
  | "accountKey";

/** Credentials that are secrets: masked, and never offered to the browser's autofill. */
const secretCredentials: ReadonlySet<CredentialKey> = new Set([
  "secretAccessKey",
  "sessionToken",
  "connectionString",
  "accountKey",
]);

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
  const inputs = (keys: CredentialKey[]) =>
    keys.map((key) => <CredentialInput key={key} credential={key} form={form} set={set} field={field} />);
  if (form.provider === "AWS_S3") return inputs(["accessKeyId", "secretAccessKey", "sessionToken"]);
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
      {inputs(form.azureMode === "connectionString" ? ["connectionString"] : ["accountName", "accountKey"])}
    </>
  );
}

function CredentialInput({
  credential,
  form,
  set,
  field,
}: {
  credential: CredentialKey;
  form: StorageForm;
  set: SetField;
  field: (name: StorageField) => string | undefined;
}) {
  const t = useT();
  const name = `credentials.${credential}` as const;
  const secret = secretCredentials.has(credential);
  return (
    <TextField
      label={t(`settingsExtra.storage.${credential}`)}
      name={name}
      type={secret ? "password" : undefined}
      autoComplete={secret ? "new-password" : "off"}
      spellCheck={false}
      value={form[credential]}
      onChange={(event) => set(credential, event.target.value)}
      error={field(name)}
    />
  );
}
