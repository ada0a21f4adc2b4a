"use client";

import type { ChangeEvent } from "react";
import { useT } from "@/i18n/i18n-provider";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import { UrlField } from "@/components/ui/url-field";
import type { StorageField, StorageForm } from "./storage-form";
import { StorageSection } from "./storage-section";

/** Where files go: bucket or container, region and endpoint (per provider), prefix and CDN. */
export function StorageLocationFields({
  form,
  set,
  field,
}: {
  form: StorageForm;
  set: <K extends keyof StorageForm>(key: K, value: StorageForm[K]) => void;
  field: (name: StorageField) => string | undefined;
}) {
  const t = useT();
  // Each text input is named after its form key, which is also the API field its errors come back on.
  const bind = (name: "bucket" | "region" | "endpoint" | "prefix" | "cdnBaseUrl") => ({
    name,
    value: form[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.target.value),
    error: field(name),
  });
  // Bucket names, regions and prefixes are identifiers: no autofill, no spell check.
  const identifier = { autoComplete: "off", spellCheck: false };
  return (
    <StorageSection title={t("settingsExtra.storage.locationTitle")}>
      {form.provider !== "LOCAL" ? (
        <TextField
          label={
            form.provider === "AZURE_BLOB" ? t("settingsExtra.storage.container") : t("settingsExtra.storage.bucket")
          }
          {...identifier}
          required
          {...bind("bucket")}
        />
      ) : null}
      {form.provider === "AWS_S3" ? (
        <TextField
          label={t("settingsExtra.storage.region")}
          {...identifier}
          {...bind("region")}
          hint={t("settingsExtra.storage.regionHint")}
        />
      ) : null}
      {form.provider !== "LOCAL" ? (
        <UrlField
          label={t("settingsExtra.storage.endpoint")}
          {...bind("endpoint")}
          hint={t("settingsExtra.storage.endpointHint")}
        />
      ) : null}
      {form.provider === "AWS_S3" ? (
        <CheckboxField
          label={t("settingsExtra.storage.forcePathStyle")}
          hint={t("settingsExtra.storage.forcePathStyleHint")}
          checked={form.forcePathStyle}
          onChange={(checked) => set("forcePathStyle", checked)}
        />
      ) : null}
      <TextField
        label={t("settingsExtra.storage.prefix")}
        {...identifier}
        {...bind("prefix")}
        hint={t("settingsExtra.storage.prefixHint")}
      />
      <UrlField
        label={t("settingsExtra.storage.cdnBaseUrl")}
        {...bind("cdnBaseUrl")}
        hint={t("settingsExtra.storage.cdnHint")}
      />
    </StorageSection>
  );
}
