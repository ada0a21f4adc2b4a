"use client";

import { clsx } from "clsx";
import { Check } from "lucide-react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { Translate } from "@/i18n/translate";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { type BillingPlan, type OfferedPlan, type PlanId, planIdSchema } from "@/contracts/billing";
import { formatBytes, formatCount, formatMoney } from "./format";

const order: readonly PlanId[] = planIdSchema.options;

/** The plan's limits and features as translated lines. */
export function planLines(plan: BillingPlan, t: Translate, locale: string) {
  const lines = [
    plan.limits.booksPerMonth === null
      ? t("settingsExtra.billing.limits.booksUnlimited")
      : t("settingsExtra.billing.limits.books", { count: formatCount(plan.limits.booksPerMonth, locale) }),
    plan.limits.storageBytes === null
      ? t("settingsExtra.billing.limits.storageUnlimited")
      : t("settingsExtra.billing.limits.storage", { size: formatBytes(plan.limits.storageBytes, locale) }),
  ];
  for (const feature of plan.features) lines.push(t(`settingsExtra.billing.features.${feature}`));
  return lines;
}

/** A plan's monthly price, or "Free". */
export function planPrice(plan: BillingPlan, t: Translate, locale: string) {
  return plan.monthlyPrice === 0
    ? t("settingsExtra.billing.freePrice")
    : t("settingsExtra.billing.perMonth", { price: formatMoney(plan.monthlyPrice, plan.currency, locale) });
}

/**
 * Every plan side by side with its price, limits and features. The owner gets a button to buy any other
 * paid plan (Paystack's hosted checkout); admins see the same comparison read-only.
 */
export function PlanCards({
  plans,
  currentPlan,
  canBuy,
  busyPlan,
  onChoose,
}: {
  plans: OfferedPlan[];
  currentPlan: PlanId;
  canBuy: boolean;
  busyPlan: PlanId | null;
  onChoose: (plan: PlanId) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const currentRank = order.indexOf(currentPlan);
  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.billing.plansTitle")}
        description={canBuy ? t("settingsExtra.billing.plansDescription") : t("settingsExtra.billing.ownerOnly")}
      />
      <CardBody>
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="plan-cards">
          {plans.map((plan) => {
            const current = plan.id === currentPlan;
            const higher = order.indexOf(plan.id) > currentRank;
            return (
              <li
                key={plan.id}
                data-plan={plan.id}
                className={clsx(
                  "flex flex-col rounded-xl border p-4",
                  current ? "border-ink-600 bg-ink-50/60 ring-1 ring-ink-600" : "border-stone-200 bg-white",
                )}
              >
                <div className="flex items-center justify-between gap-2">
                  <h3 className="text-base font-semibold text-stone-900">{plan.name}</h3>
                  {current ? <Badge tone="ink">{t("settingsExtra.billing.currentBadge")}</Badge> : null}
                </div>
                <p className="mt-1 text-sm font-medium text-stone-700">{planPrice(plan, t, locale)}</p>
                <ul className="mt-3 flex-1 space-y-1.5 text-sm text-stone-700">
                  {planLines(plan, t, locale).map((line) => (
                    <li key={line} className="flex items-start gap-2">
                      <Check className="mt-0.5 size-4 shrink-0 text-ink-700" aria-hidden="true" />
                      <span>{line}</span>
                    </li>
                  ))}
                </ul>
                {canBuy && !current ? (
                  <div className="mt-4">
                    {plan.id === "FREE" ? (
                      <p className="text-xs text-stone-600">{t("settingsExtra.billing.freeByCancelling")}</p>
                    ) : plan.purchasable ? (
                      <Button
                        className="w-full"
                        variant={higher ? "primary" : "secondary"}
                        loading={busyPlan === plan.id}
                        disabled={busyPlan !== null}
                        onClick={() => onChoose(plan.id)}
                      >
                        {higher
                          ? t("settingsExtra.billing.upgrade", { plan: plan.name })
                          : t("settingsExtra.billing.switchTo", { plan: plan.name })}
                      </Button>
                    ) : (
                      <p className="text-xs text-stone-600">{t("settingsExtra.billing.notAvailable")}</p>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </CardBody>
    </Card>
  );
}
