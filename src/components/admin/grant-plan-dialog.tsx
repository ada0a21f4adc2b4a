"use client";

import { type FormEvent, useState } from "react";
import type { AdminOrganization } from "@/contracts/admin";
import { planSchema } from "@/contracts/organizations";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { planNames } from "@/lib/plan-names";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/**
 * The console's "Grant a plan" modal (native <dialog>, like EditApiKeyDialog): plan, reason and an
 * optional end date, sent to POST /api/admin/organizations/:id/grants — or, with `edit`, the organization's
 * active grant filled in and its changes sent to PATCH …/grants/:grantId. Open while `organization` is set.
 */
export function GrantPlanDialog({
  organization,
  edit = false,
  onClose,
  onGranted,
}: {
  organization: AdminOrganization | null;
  edit?: boolean;
  onClose: () => void;
  onGranted: (organization: AdminOrganization, plan: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const ref = useModalDialog(organization !== null);
  return (
    <dialog
      ref={ref}
      aria-labelledby={organization ? `grant-${organization.id}-title` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-full max-w-lg overflow-y-auto rounded-xl border border-stone-200 bg-white p-0 shadow-xl backdrop:bg-stone-900/40"
      data-testid={edit ? "edit-grant-dialog" : "grant-plan-dialog"}
    >
      {organization ? (
        <GrantPlanForm
          key={`${organization.id}-${organization.grant?.id ?? "new"}`}
          organization={organization}
          grant={edit ? organization.grant : null}
          busy={busy}
          setBusy={setBusy}
          onClose={onClose}
          onGranted={onGranted}
        />
      ) : null}
    </dialog>
  );
}

function GrantPlanForm({
  organization,
  grant,
  busy,
  setBusy,
  onClose,
  onGranted,
}: {
  organization: AdminOrganization;
  /** The active grant being edited; null to grant a new plan. */
  grant: AdminOrganization["grant"];
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onClose: () => void;
  onGranted: (organization: AdminOrganization, plan: string) => void;
}) {
  const t = useT();
  const [plan, setPlan] = useState<(typeof planSchema.options)[number]>(grant?.plan ?? "ENTERPRISE");
  const [reason, setReason] = useState(grant?.reason ?? "");
  // The date input's calendar day (UTC) of the end date, as the console shows it.
  const [endsOn, setEndsOn] = useState(grant?.endsAt?.slice(0, 10) ?? "");
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["plan", "reason", "endsAt"]);
  const titleId = `grant-${organization.id}-title`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    if (!reason.trim()) return setFieldErrors({ reason: t("validation.planGrant.reasonRequired") });
    setBusy(true);
    const grants = `/api/admin/organizations/${encodeURIComponent(organization.id)}/grants`;
    const result = await apiFetch(grant ? `${grants}/${encodeURIComponent(grant.id)}` : grants, {
      method: grant ? "PATCH" : "POST",
      body: {
        plan,
        reason: reason.trim(),
        // A calendar day from the date input: the grant ends as that day starts (UTC). An untouched day
        // keeps the grant's exact end time.
        endsAt: !endsOn ? null : endsOn === grant?.endsAt?.slice(0, 10) ? grant.endsAt : `${endsOn}T00:00:00.000Z`,
      },
      schema: "planGrantResponse",
    });
    setBusy(false);
    if (!result.ok) return showError(result.error);
    onGranted(organization, planNames[result.data.grant.plan]);
  }

  return (
    <form onSubmit={submit} noValidate className="p-5" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold text-stone-900">
        {t(grant ? "admin.grant.editTitle" : "admin.grant.dialogTitle", { organization: organization.name })}
      </h2>
      <div className="mt-4 space-y-4">
        <Alert tone="error">{formError}</Alert>
        <SelectField
          label={t("admin.grant.plan")}
          name="plan"
          value={plan}
          onChange={(event) => setPlan(planSchema.parse(event.target.value))}
          options={planSchema.options.map((value) => ({ value, label: planNames[value] }))}
          error={fieldErrors.plan}
        />
        <TextAreaField
          label={t("admin.grant.reason")}
          name="reason"
          value={reason}
          maxLength={500}
          rows={3}
          hint={t("admin.grant.reasonHint")}
          onChange={(event) => setReason(event.target.value)}
          error={fieldErrors.reason}
        />
        <TextField
          label={t("admin.grant.endsAt")}
          name="endsAt"
          type="date"
          value={endsOn}
          hint={t("admin.grant.endsAtHint")}
          onChange={(event) => setEndsOn(event.target.value)}
          error={fieldErrors.endsAt}
        />
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          {t("admin.grant.cancel")}
        </Button>
        <Button type="submit" loading={busy}>
          {t(grant ? "admin.grant.editSubmit" : "admin.grant.submit")}
        </Button>
      </div>
    </form>
  );
}
