"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { slugify } from "@/contracts/slugify";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { UpgradeNotice } from "@/components/settings/billing/plan-notices";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** Creates an organization (the creator becomes its owner and it becomes active), then opens the dashboard. */
export function CreateOrganizationForm() {
  const t = useT();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [pending, setPending] = useState(false);
  // 402 PLAN_LIMIT_REACHED: the user already created their organization and owns none on a multi-organization plan.
  const [planLimit, setPlanLimit] = useState<{ upgradeTo?: string } | null>(null);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["name", "slug"]);
  // The slug the server would derive from the name (the placeholder keeps its example until one is typed).
  const suggested = name.trim() ? slugify(name) : "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setPlanLimit(null);
    if (!name.trim()) return setFieldErrors({ name: t("validation.required") });
    if (slug && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return setFieldErrors({ slug: t("validation.slug") });
    setPending(true);
    const result = await apiFetch("/api/organizations", {
      schema: "createdOrganizationResponse",
      body: slug ? { name: name.trim(), slug } : { name: name.trim() },
    });
    if (!result.ok) {
      setPending(false);
      if (result.error.code === "PLAN_LIMIT_REACHED") return setPlanLimit({ upgradeTo: result.error.upgradeTo });
      return showError(result.error);
    }
    window.location.assign("/app");
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("onboarding.createTitle")}>
      {planLimit ? (
        <div role="alert">
          <UpgradeNotice description={t("onboarding.organizationLimit")} upgradeTo={planLimit.upgradeTo} />
        </div>
      ) : (
        <Alert tone="error">{formError}</Alert>
      )}
      <TextField
        label={t("onboarding.orgName")}
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors.name}
        placeholder={t("onboarding.orgNamePlaceholder")}
        autoComplete="organization"
        required
        maxLength={100}
      />
      <TextField
        label={t("onboarding.slug")}
        name="slug"
        value={slug}
        onChange={(event) => setSlug(event.target.value.toLowerCase())}
        error={fieldErrors.slug}
        placeholder={suggested || "my-team"}
        hint={t("onboarding.slugHint")}
        autoComplete="off"
        spellCheck={false}
        maxLength={48}
      />
      <Button type="submit" className="w-full" loading={pending}>
        {t("onboarding.create")}
      </Button>
    </form>
  );
}
