"use client";

import { BarChart3 } from "lucide-react";
import type { DashboardData } from "@/components/dashboard/dashboard-data";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { canManage, type OrgRole } from "@/contracts/org-roles";
import { useApiQuery } from "@/lib/use-api-query";
import { useMe } from "@/components/app-shell/me-provider";
import { formatBytes, formatNumber } from "./book-format";
import { canWriteBooks } from "./book-roles";
import { ProgressBar } from "./progress-bar";

/** One metric this month: how much was used and the plan's limit (null = unlimited or not known). */
type Amount = { used: number; limit: number | null };
type Usage = { plan: string | null; books: Amount; storage: Amount };

/**
 * This month's books and storage at a glance: owners and admins see them against the plan's limits
 * (GET /api/billing), members see the counts (GET /api/billing/usage); guests have no usage access.
 * Another organization starts afresh (the key remounts the queries). `initial` (the dashboard page's server
 * render) fills the card in the first HTML, so it never appears above the shelf after the page has shown.
 */
export function UsageGlance({ initial = null }: { initial?: DashboardData["usage"] }) {
  const { me } = useMe();
  const role = me.activeOrganization?.role;
  if (!canWriteBooks(role)) return null;
  return <UsageNumbers key={me.activeOrganization?.id} role={role} initial={initial} />;
}

function UsageNumbers({ role, initial }: { role: OrgRole | undefined; initial: DashboardData["usage"] }) {
  const t = useT();
  const locale = useLocale();
  const manager = canManage(role);
  const overview = useApiQuery(manager ? "/api/billing" : null, "billingOverviewSchema", {
    initialData: initial && "overview" in initial ? initial.overview : undefined,
  }).data;
  const history = useApiQuery(manager ? null : "/api/billing/usage?months=1", "usageHistorySchema", {
    initialData: initial && "history" in initial ? initial.history : undefined,
  }).data;

  let usage: Usage | null = null;
  if (overview) {
    const find = (name: string): Amount =>
      overview.usage.metrics.find((m) => m.metric === name) ?? { used: 0, limit: null };
    usage = { plan: overview.plan.name, books: find("BOOKS_CREATED"), storage: find("STORAGE_USED") };
  } else if (history) {
    const values = history.months.at(-1)?.values;
    usage = {
      plan: null,
      books: { used: values?.BOOKS_CREATED ?? 0, limit: null },
      storage: { used: values?.STORAGE_USED ?? 0, limit: null },
    };
  }
  if (!usage) return null;
  const { books, storage } = usage;
  return (
    <section
      aria-labelledby="usage-heading"
      className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      data-testid="usage-glance"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="usage-heading" className="flex items-center gap-2 text-sm font-semibold text-stone-900">
          <BarChart3 className="size-4 text-ink-700" aria-hidden="true" />
          {t("books.usage.title")}
        </h2>
        {usage.plan ? (
          <span className="text-xs text-stone-500">{t("books.usage.plan", { plan: usage.plan })}</span>
        ) : null}
      </div>
      <dl className="mt-3 grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("books.usage.books")}</dt>
          <dd className="text-sm text-stone-800">
            {books.limit === null
              ? usage.plan
                ? t("books.usage.booksUnlimited", { used: formatNumber(books.used, locale) })
                : formatNumber(books.used, locale)
              : t("books.usage.booksOf", {
                  used: formatNumber(books.used, locale),
                  limit: formatNumber(books.limit, locale),
                })}
            <LimitBar amount={books} label={t("books.usage.booksBar")} />
          </dd>
        </div>
        <div className="space-y-1.5">
          <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("books.usage.storage")}</dt>
          <dd className="text-sm text-stone-800">
            {storage.limit === null
              ? formatBytes(storage.used, locale)
              : t("books.usage.storageOf", {
                  used: formatBytes(storage.used, locale),
                  limit: formatBytes(storage.limit, locale),
                })}
            <LimitBar amount={storage} label={t("books.usage.storageBar")} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** How much of a (non-zero) limit is used, red once it is reached; nothing without a limit. */
function LimitBar({ amount, label }: { amount: Amount; label: string }) {
  if (!amount.limit) return null;
  return (
    <ProgressBar
      className="mt-1.5"
      size="sm"
      value={(100 * amount.used) / amount.limit}
      tone={amount.used >= amount.limit ? "red" : "ink"}
      label={label}
    />
  );
}
