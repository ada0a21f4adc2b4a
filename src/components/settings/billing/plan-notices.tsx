"use client";

import { Lock, Sparkles } from "lucide-react";
import { useT } from "@/i18n/i18n-provider";
import { ButtonLink } from "@/components/ui/button";

/** Plan names as the billing API spells them; used when an error only carries the plan id. */
const planNames: Record<string, string> = { FREE: "Free", STARTER: "Starter", PRO: "Pro", ENTERPRISE: "Enterprise" };

/** Display name of a plan id ("ENTERPRISE" → "Enterprise"); unknown ids are shown as they are. */
export function planName(id: string): string {
  return planNames[id] ?? id;
}

/** Explains that the plan lacks something and links to billing (with the plan that would lift it, when known). */
export function UpgradeNotice({ description, upgradeTo }: { description: string; upgradeTo?: string | null }) {
  const t = useT();
  return (
    <section
      aria-labelledby="upgrade-notice-title"
      className="flex flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 px-5 py-4 sm:flex-row sm:items-center sm:justify-between"
      data-testid="upgrade-notice"
    >
      <div className="flex items-start gap-3">
        <Sparkles className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden="true" />
        <div>
          <h2 id="upgrade-notice-title" className="text-sm font-semibold text-amber-950">
            {t("settingsExtra.common.upgradeTitle")}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{description}</p>
        </div>
      </div>
      <ButtonLink href="/app/settings/billing" variant="secondary" className="shrink-0">
        {upgradeTo
          ? t("settingsExtra.common.upgradeTo", { plan: planName(upgradeTo) })
          : t("settingsExtra.common.seePlans")}
      </ButtonLink>
    </section>
  );
}

/** Shown to members and guests who open a settings page reserved to owners and admins. */
export function ManagersOnlyNotice() {
  const t = useT();
  return (
    <div className="flex flex-col items-start gap-4 rounded-xl border border-stone-200 bg-white px-5 py-6">
      <div className="flex items-center gap-3">
        <Lock className="size-5 text-stone-500" aria-hidden="true" />
        <p className="text-sm text-stone-700">{t("settingsExtra.common.managersOnly")}</p>
      </div>
      <ButtonLink href="/app/settings/organization" variant="secondary" size="sm">
        {t("settingsExtra.common.backToOrganization")}
      </ButtonLink>
    </div>
  );
}
