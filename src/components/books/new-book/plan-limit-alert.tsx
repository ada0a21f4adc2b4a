"use client";

import { useLocale, useT } from "@/i18n/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { formatNumber } from "@/components/books/book-format";

export type PlanLimit = { limit: number; used: number; upgradeTo: string | null };

/** The month's book quota is used up: how many, which plan lifts it, and (for managers) a way to billing. */
export function PlanLimitAlert({ planLimit, canOpenBilling }: { planLimit: PlanLimit; canOpenBilling: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Alert tone="error">
      <p className="font-medium">{t("errors.PLAN_LIMIT_REACHED")}</p>
      <p className="mt-1">
        {t("books.wizard.planLimit", {
          limit: formatNumber(planLimit.limit, locale),
          used: formatNumber(planLimit.used, locale),
        })}
        {planLimit.upgradeTo ? ` ${t("books.wizard.planLimitUpgrade", { plan: planLimit.upgradeTo })}` : ""}
      </p>
      {canOpenBilling ? (
        <a className="mt-2 inline-block font-medium underline" href="/app/settings/billing">
          {t("books.wizard.planLimitBilling")}
        </a>
      ) : null}
    </Alert>
  );
}
