"use client";

import { type FormEvent, useState } from "react";
import { canManage } from "@/contracts/org-roles";
import type { Organization } from "@/contracts/organizations";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { useMe } from "@/components/app-shell/me-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { TextField } from "@/components/ui/text-field";

/** Organization settings: rename (owners and admins) and delete (owners, with the slug typed back). */
export function OrganizationSettings() {
  const t = useT();
  const { refresh } = useMe();
  const { data, error, setData } = useApiQuery("/api/organization", "organizationResponse");

  if (error) return <Alert tone="error">{t("errors.loadFailed")}</Alert>;
  if (!data) return <PageSkeleton />;
  const { organization, role } = data;

  return (
    <div className="space-y-6">
      <PageHeader title={t("settings.organization.title")} description={t("settings.organization.description")} />
      <RenameCard
        organization={organization}
        editable={canManage(role)}
        onRenamed={(next) => {
          setData({ organization: next, role });
          void refresh();
        }}
      />
      {role === "OWNER" ? <DeleteCard organization={organization} /> : null}
    </div>
  );
}

function RenameCard({
  organization,
  editable,
  onRenamed,
}: {
  organization: Organization;
  editable: boolean;
  onRenamed: (organization: Organization) => void;
}) {
  const t = useT();
  const [name, setName] = useState(organization.name);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, showError, clearErrors, setFieldErrors } = useApiErrors(["name"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setSaved(false);
    if (!name.trim()) {
      setFieldErrors({ name: t("validation.required") });
      return;
    }
    setPending(true);
    const result = await apiFetch("/api/organization", {
      schema: "renamedOrganizationResponse",
      method: "PATCH",
      body: { name: name.trim() },
    });
    setPending(false);
    if (!result.ok) return showError(result.error);
    setSaved(true);
    onRenamed({ ...organization, ...result.data.organization });
  }

  return (
    <FormCard
      title={t("settings.organization.generalTitle")}
      description={t("settings.organization.generalDescription")}
      onSubmit={submit}
      error={formError}
      formClassName="max-w-lg space-y-4"
    >
      <Alert tone="success">{saved ? t("settings.organization.saved") : null}</Alert>
      <TextField
        label={t("settings.organization.name")}
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors.name}
        disabled={!editable}
        required
        maxLength={100}
      />
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-stone-800">{t("settings.organization.slug")}</p>
        <p className="font-mono text-sm text-stone-600">{organization.slug}</p>
      </div>
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-stone-800">{t("settings.organization.plan")}</p>
        <Badge tone="ink">{organization.plan}</Badge>
      </div>
      {editable ? (
        <Button type="submit" loading={pending}>
          {t("common.save")}
        </Button>
      ) : (
        <p className="text-sm text-stone-500">{t("settings.readOnly")}</p>
      )}
    </FormCard>
  );
}

function DeleteCard({ organization }: { organization: Organization }) {
  const t = useT();
  const [confirmSlug, setConfirmSlug] = useState("");
  const [pending, setPending] = useState(false);
  const { fieldErrors, formError, showError, clearErrors } = useApiErrors(["confirmSlug"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setPending(true);
    const result = await apiFetch("/api/organization", { method: "DELETE", schema: null, body: { confirmSlug } });
    setPending(false);
    if (!result.ok) return showError(result.error);
    // A full load: the active organization changed on the server and every cached view is stale.
    window.location.assign("/app");
  }

  return (
    <FormCard
      tone="danger"
      title={t("settings.organization.dangerTitle")}
      description={t("settings.organization.dangerDescription")}
      onSubmit={submit}
      error={formError}
      formClassName="max-w-lg space-y-4"
    >
      <TextField
        label={t("settings.organization.confirmLabel", { slug: organization.slug })}
        name="confirmSlug"
        value={confirmSlug}
        onChange={(event) => setConfirmSlug(event.target.value)}
        error={fieldErrors.confirmSlug}
        autoComplete="off"
        spellCheck={false}
      />
      <Button type="submit" variant="danger" loading={pending} disabled={confirmSlug !== organization.slug}>
        {t("settings.organization.delete")}
      </Button>
    </FormCard>
  );
}
