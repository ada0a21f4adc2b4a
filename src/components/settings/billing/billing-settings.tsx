"use client";

import { CreditCard } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { apiFetch } from "@/lib/api-fetch";
import { useMe } from "@/components/app-shell/me-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import {
  type BillingOverview,
  type BillingSubscription,
  type CheckoutOutcome,
  checkoutOutcomes,
  type PlanId,
  type UsageHistory,
} from "./billing-types";
import { formatDate } from "./format";
import { InvoicesTable } from "./invoices-table";
import { PlanCards, planLines, planPrice } from "./plan-cards";
import { UsageBars } from "./usage-bars";
import { UsageChart } from "./usage-chart";
import { type SettingsLoadError, SettingsLoadFailure } from "@/components/settings/settings-load-failure";

const bannerTone: Record<CheckoutOutcome, "success" | "info" | "error"> = {
  paid: "success",
  pending: "info",
  failed: "error",
  unknown: "info",
  cancelled: "info",
};

/** Checks again this often while a payment is waiting for Paystack's confirmation (webhook or verify). */
const pendingPollMs = 3_000;
const pendingPollTries = 20;

/**
 * The billing page (OWNER/ADMIN): checkout outcome banner, current plan and subscription, usage bars,
 * usage over time, plan comparison with checkout (OWNER), invoices.
 */
export function BillingSettings({ checkout }: { checkout: string | null }) {
  const t = useT();
  const { refresh: refreshMe } = useMe();
  const outcome = checkoutOutcomes.find((value) => value === checkout) ?? null;
  const [overview, setOverview] = useState<BillingOverview | null>(null);
  const [history, setHistory] = useState<UsageHistory | null>(null);
  const [loadError, setLoadError] = useState<SettingsLoadError | null>(null);
  // A message key, not a string: a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busyPlan, setBusyPlan] = useState<PlanId | null>(null);
  const { formError, showError, clearErrors } = useApiErrors([]);
  const [pendingSettled, setPendingSettled] = useState(false);
  const initialPlan = useRef<PlanId | null>(null);

  const load = useCallback(async () => {
    const [overviewResult, historyResult] = await Promise.all([
      apiFetch<BillingOverview>("/api/billing"),
      apiFetch<UsageHistory>("/api/billing/usage?months=6"),
    ]);
    if (!overviewResult.ok) {
      setLoadError(overviewResult.status === 403 ? "forbidden" : "failed");
      return null;
    }
    setLoadError(null);
    setOverview(overviewResult.data);
    initialPlan.current ??= overviewResult.data.plan.id;
    if (historyResult.ok) setHistory(historyResult.data);
    return overviewResult.data;
  }, []);

  useEffect(() => {
    void load();
    // The outcome lives in this page's state now; a reload should not announce it again.
    if (checkout) window.history.replaceState(null, "", window.location.pathname);
  }, [load, checkout]);

  // A paid plan changes the organization (badge in the shell too); refresh what the shell shows.
  useEffect(() => {
    if (outcome === "paid") void refreshMe();
  }, [outcome, refreshMe]);

  // "pending": Paystack has not confirmed yet; its webhook usually lands within seconds.
  useEffect(() => {
    if (outcome !== "pending") return;
    let tries = 0;
    const timer = setInterval(async () => {
      tries += 1;
      const next = await load();
      const active = next?.subscription?.status === "ACTIVE" && next.plan.id !== initialPlan.current;
      if (active || tries >= pendingPollTries) {
        clearInterval(timer);
        if (active) {
          setPendingSettled(true);
          void refreshMe();
        }
      }
    }, pendingPollMs);
    return () => clearInterval(timer);
  }, [outcome, load, refreshMe]);

  async function choose(plan: PlanId) {
    clearErrors();
    setStatus(null);
    setBusyPlan(plan);
    const result = await apiFetch<{ authorizationUrl: string }>("/api/billing/checkout", { body: { plan } });
    if (!result.ok) {
      setBusyPlan(null);
      return showError(result.error);
    }
    setStatus("settingsExtra.billing.redirecting");
    // Paystack's hosted checkout is another site: a full navigation, and it returns to the callback route.
    window.location.assign(result.data.authorizationUrl);
  }

  if (loadError) {
    return (
      <SettingsLoadFailure error={loadError} title={t("settingsExtra.billing.title")} onRetry={() => void load()} />
    );
  }
  if (!overview) return <PageSkeleton />;

  const bannerOutcome: CheckoutOutcome | null = pendingSettled ? "paid" : outcome;

  return (
    <div className="space-y-6">
      <PageHeader title={t("settingsExtra.billing.title")} description={t("settingsExtra.billing.description")} />
      {bannerOutcome ? (
        <Alert tone={bannerTone[bannerOutcome]} className="text-base">
          <span data-testid="checkout-banner" data-outcome={bannerOutcome}>
            {t(`settingsExtra.billing.checkout.${bannerOutcome}`, { plan: overview.plan.name })}
          </span>
        </Alert>
      ) : null}
      <Alert tone="success">{status ? t(status) : null}</Alert>
      <Alert tone="error">{formError}</Alert>
      <CurrentPlanCard
        overview={overview}
        onChanged={(message) => {
          setStatus(message);
          void load();
        }}
      />
      <UsageBars usage={overview.usage} />
      <PlanCards
        plans={overview.plans}
        currentPlan={overview.plan.id}
        canBuy={overview.canManage}
        busyPlan={busyPlan}
        onChoose={(plan) => void choose(plan)}
      />
      {history ? <UsageChart history={history} /> : null}
      <InvoicesTable invoices={overview.invoices} />
    </div>
  );
}

function CurrentPlanCard({
  overview,
  onChanged,
}: {
  overview: BillingOverview;
  onChanged: (message: MessageKey) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { plan, subscription, canManage } = overview;
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
    const result = await apiFetch<{ link: string }>("/api/billing/manage-link");
    setBusy(null);
    if (!result.ok) return showError(result.error);
    window.location.assign(result.data.link);
  }

  async function cancel() {
    clearErrors();
    setBusy("cancel");
    const result = await apiFetch("/api/billing/cancel", { method: "POST" });
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
