"use client";

import { CreditCard } from "lucide-react";
import { useState } from "react";
import type { BillingOverview, BillingSubscription } from "@/contracts/billing";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDate } from "./format";
import { planLines, planPrice } from "./plan-cards";

/** The plan, its limits and the subscription, with manage and cancel for the owner. */
export function CurrentPlanCard({
  overview,
  onChanged,
}: {
  overview: BillingOverview;
  onChanged: (message: MessageKey) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { plan, subscription, canManage, grant, paidPlan } = overview;
  const planName = (id: string) => overview.plans.find((p) => p.id === id)?.name ?? id;
  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.billing.currentTitle")}
        actions={subscription ? <SubscriptionBadge subscription={subscription} /> : null}
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1" data-testid="current-plan" data-plan={plan.id}>
          <p className="flex items-center gap-2 font-serif text-2xl font-semibold text-stone-900">
            <CreditCard className="size-5 text-ink-700" aria-hidden="true" />
            {plan.name}
          </p>
          <p className="text-sm text-stone-700">{planPrice(plan, t, locale)}</p>
        </div>
        {overview.billing === "off" ? (
          <Alert tone="info">
            <span data-testid="billing-off" className="block font-medium">
              {t("settingsExtra.billing.billingOffTitle")}
            </span>
            {t("settingsExtra.billing.billingOffDescription")}
          </Alert>
        ) : null}
        {grant ? (
          <p className="text-sm font-medium text-ink-800" data-testid="plan-grant" data-plan={grant.plan}>
            {grant.endsAt
              ? t("settingsExtra.billing.complimentaryUntil", {
                  plan: planName(grant.plan),
                  date: formatDate(grant.endsAt, locale),
                })
              : t("settingsExtra.billing.complimentary", { plan: planName(grant.plan) })}
            {paidPlan && paidPlan !== "FREE" ? (
              <span className="block font-normal text-stone-600">
                {t("settingsExtra.billing.paidPlanBeside", { plan: planName(paidPlan) })}
              </span>
            ) : null}
          </p>
        ) : null}
        <ul className="grid gap-1 text-sm text-stone-700 sm:grid-cols-2" data-testid="current-plan-limits">
          {planLines(plan, t, locale).map((line) => (
            <li key={line}>• {line}</li>
          ))}
        </ul>
        {subscription ? <SubscriptionDetails subscription={subscription} /> : null}
        {subscription && canManage ? <SubscriptionActions subscription={subscription} onChanged={onChanged} /> : null}
      </CardBody>
    </Card>
  );
}

function SubscriptionBadge({ subscription }: { subscription: BillingSubscription }) {
  const t = useT();
  const tone =
    subscription.status === "ACTIVE"
      ? "green"
      : subscription.status === "ATTENTION"
        ? "red"
        : subscription.status === "NON_RENEWING" || subscription.status === "PENDING"
          ? "amber"
          : "neutral";
  return <Badge tone={tone}>{t(`settingsExtra.billing.subscriptionStatus.${subscription.status}`)}</Badge>;
}

function SubscriptionDetails({ subscription }: { subscription: BillingSubscription }) {
  const t = useT();
  const locale = useLocale();
  const end = subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd, locale) : null;
  if (subscription.status === "ATTENTION") return <Alert tone="error">{t("settingsExtra.billing.attention")}</Alert>;
  if (subscription.status === "ACTIVE" && end) {
    return <p className="text-sm text-stone-600">{t("settingsExtra.billing.renewsOn", { date: end })}</p>;
  }
  if (subscription.status === "NON_RENEWING" && end) {
    return <p className="text-sm text-stone-600">{t("settingsExtra.billing.endsOn", { date: end })}</p>;
  }
  return null;
}

function SubscriptionActions({
  subscription,
  onChanged,
}: {
  subscription: BillingSubscription;
  onChanged: (message: MessageKey) => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"manage" | "cancel" | null>(null);
  const { formError, showError, clearErrors } = useApiErrors([]);
  const cancellable = subscription.status === "ACTIVE" || subscription.status === "ATTENTION";

  async function manage() {
    clearErrors();
    setBusy("manage");
    const result = await apiFetch("/api/billing/manage-link", { schema: "manageLinkSchema" });
    setBusy(null);
    if (!result.ok) return showError(result.error);
    window.location.assign(result.data.link);
  }

  async function cancel() {
    clearErrors();
    setBusy("cancel");
    const result = await apiFetch("/api/billing/cancel", { method: "POST", schema: "cancelledSubscriptionSchema" });
    setBusy(null);
    setConfirming(false);
    if (!result.ok) return showError(result.error);
    onChanged("settingsExtra.billing.cancelDone");
  }

  if (!subscription.manageable && !cancellable) return null;
  return (
    <div className="space-y-3 border-t border-stone-100 pt-4">
      <Alert tone="error">{formError}</Alert>
      {confirming ? (
        <div className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">{t("settingsExtra.billing.cancelWarning")}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" size="sm" loading={busy === "cancel"} onClick={() => void cancel()}>
              {t("settingsExtra.billing.confirmCancel")}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              {t("settingsExtra.billing.keep")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {subscription.manageable ? (
            <Button variant="secondary" size="sm" loading={busy === "manage"} onClick={() => void manage()}>
              {t("settingsExtra.billing.manage")}
            </Button>
          ) : null}
          {cancellable ? (
            <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
              {t("settingsExtra.billing.cancel")}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
