"use client";

import { useEffect, useRef, useState } from "react";
import { type CheckoutOutcome, checkoutOutcomes, type PlanId } from "@/contracts/billing";
import { useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { useMe } from "@/components/app-shell/me-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { SettingsLoadFailure } from "@/components/settings/settings-load-failure";
import { Alert } from "@/components/ui/alert";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { CurrentPlanCard } from "./current-plan-card";
import { InvoicesTable } from "./invoices-table";
import { PlanCards } from "./plan-cards";
import { UsageBars } from "./usage-bars";
import { UsageChart } from "./usage-chart";

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
  // "pending": Paystack has not confirmed yet; its webhook usually lands within seconds, so poll a while.
  const [polling, setPolling] = useState(outcome === "pending");
  const overview = useApiQuery("/api/billing", "billingOverviewSchema", {
    refreshMs: polling ? pendingPollMs : undefined,
  });
  const history = useApiQuery("/api/billing/usage?months=6", "usageHistorySchema");
  // A message key, not a string: a locale switch re-renders it in the new language.
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busyPlan, setBusyPlan] = useState<PlanId | null>(null);
  const { formError, showError, clearErrors } = useApiErrors([]);
  const [pendingSettled, setPendingSettled] = useState(false);
  const initialPlan = useRef<PlanId | null>(null);

  useEffect(() => {
    // The outcome lives in this page's state now; a reload should not announce it again.
    if (checkout) window.history.replaceState(null, "", window.location.pathname);
  }, [checkout]);

  // A paid plan changes the organization (badge in the shell too); refresh what the shell shows.
  useEffect(() => {
    if (outcome === "paid") void refreshMe();
  }, [outcome, refreshMe]);

  // The payment is settled once the subscription is active on a plan other than the one first shown.
  const data = overview.data;
  useEffect(() => {
    if (!data) return;
    initialPlan.current ??= data.plan.id;
    if (polling && data.subscription?.status === "ACTIVE" && data.plan.id !== initialPlan.current) {
      setPolling(false);
      setPendingSettled(true);
      void refreshMe();
    }
  }, [data, polling, refreshMe]);

  useEffect(() => {
    if (!polling) return;
    const giveUp = setTimeout(() => setPolling(false), pendingPollMs * pendingPollTries);
    return () => clearTimeout(giveUp);
  }, [polling]);

  async function choose(plan: PlanId) {
    clearErrors();
    setStatus(null);
    setBusyPlan(plan);
    const result = await apiFetch("/api/billing/checkout", { body: { plan }, schema: "checkoutStartedSchema" });
    if (!result.ok) {
      setBusyPlan(null);
      return showError(result.error);
    }
    setStatus("settingsExtra.billing.redirecting");
    // Paystack's hosted checkout is another site: a full navigation, and it returns to the callback route.
    window.location.assign(result.data.authorizationUrl);
  }

  if (overview.error) {
    return (
      <SettingsLoadFailure
        error={overview.error.status === 403 ? "forbidden" : "failed"}
        title={t("settingsExtra.billing.title")}
        onRetry={() => void Promise.all([overview.reload(), history.reload()])}
      />
    );
  }
  if (!data) return <PageSkeleton />;

  const bannerOutcome: CheckoutOutcome | null = pendingSettled ? "paid" : outcome;

  return (
    <div className="space-y-6">
      <PageHeader title={t("settingsExtra.billing.title")} description={t("settingsExtra.billing.description")} />
      {bannerOutcome ? (
        <Alert tone={bannerTone[bannerOutcome]} className="text-base">
          <span data-testid="checkout-banner" data-outcome={bannerOutcome}>
            {t(`settingsExtra.billing.checkout.${bannerOutcome}`, { plan: data.plan.name })}
          </span>
        </Alert>
      ) : null}
      <Alert tone="success">{status ? t(status) : null}</Alert>
      <Alert tone="error">{formError}</Alert>
      <CurrentPlanCard
        overview={data}
        onChanged={(message) => {
          setStatus(message);
          void overview.reload();
          void history.reload();
        }}
      />
      <UsageBars usage={data.usage} />
      {/* With BILLING=off there is nothing to buy: the current-plan card says so instead. */}
      {data.billing === "off" ? null : (
        <PlanCards
          plans={data.plans}
          currentPlan={data.plan.id}
          canBuy={data.canManage}
          busyPlan={busyPlan}
          onChoose={(plan) => void choose(plan)}
        />
      )}
      {history.data ? <UsageChart history={history.data} /> : null}
      <InvoicesTable invoices={data.invoices} />
    </div>
  );
}
