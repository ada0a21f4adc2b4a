"use client";

import { useT } from "@/i18n/i18n-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ManagersOnlyNotice } from "./billing/plan-notices";

/** Why a settings page could not load: not an owner/admin (403), or anything else (retryable). */
export type SettingsLoadError = "forbidden" | "failed";

/** What a managers-only settings page shows instead of its form when its data could not be loaded. */
export function SettingsLoadFailure({
  error,
  title,
  onRetry,
}: {
  error: SettingsLoadError;
  title: string;
  onRetry: () => void;
}) {
  const t = useT();
  if (error === "forbidden") {
    return (
      <div className="space-y-6">
        <PageHeader title={title} />
        <ManagersOnlyNotice />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <Alert tone="error">{t("errors.loadFailed")}</Alert>
      <Button variant="secondary" onClick={onRetry}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
