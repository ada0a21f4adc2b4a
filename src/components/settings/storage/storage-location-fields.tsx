"use client";

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
  return (
    <StorageSection title={t("settingsExtra.storage.locationTitle")}>
      {form.provider !== "LOCAL" ? (
        <TextField
          label={
            form.provider === "AZURE_BLOB" ? t("settingsExtra.storage.container") : t("settingsExtra.storage.bucket")
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
        <UrlField
          label={t("settingsExtra.storage.endpoint")}
          name="endpoint"
          value={form.endpoint}
          onChange={(event) => set("endpoint", event.target.value)}
          hint={t("settingsExtra.storage.endpointHint")}
          error={field("endpoint")}
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
        name="prefix"
        autoComplete="off"
        spellCheck={false}
        value={form.prefix}
        onChange={(event) => set("prefix", event.target.value)}
        hint={t("settingsExtra.storage.prefixHint")}
        error={field("prefix")}
      />
      <UrlField
        label={t("settingsExtra.storage.cdnBaseUrl")}
        name="cdnBaseUrl"
        value={form.cdnBaseUrl}
        onChange={(event) => set("cdnBaseUrl", event.target.value)}
        hint={t("settingsExtra.storage.cdnHint")}
        error={field("cdnBaseUrl")}
      />
    </StorageSection>
  );
}
