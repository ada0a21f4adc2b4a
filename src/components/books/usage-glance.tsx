"use client";

import { BarChart3 } from "lucide-react";
import { useEffect, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { canManage } from "@/lib/api-types";
import { useMe } from "@/components/app-shell/me-provider";
import { formatBytes, formatNumber } from "./book-format";
import { canWriteBooks } from "./book-roles";
import { ProgressBar } from "./progress-bar";

type Metric = { metric: string; used: number; limit: number | null };
type Overview = { plan: { name: string }; usage: { metrics: Metric[] } };
type History = { months: { values: Record<string, number> }[] };
type Usage = { plan: string | null; books: Metric; storage: Metric };

/**
 * This month's books and storage at a glance: owners and admins see them against the plan's limits
 * (GET /api/billing), members see the counts (GET /api/billing/usage); guests have no usage access.
 */
export function UsageGlance() {
  const t = useT();
  const locale = useLocale();
  const { me } = useMe();
  const role = me.activeOrganization?.role;
  const orgId = me.activeOrganization?.id;
  const [usage, setUsage] = useState<Usage | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the organization changes
  useEffect(() => {
    setUsage(null);
    if (!canWriteBooks(role)) return;
    let cancelled = false;
    void (async () => {
      if (canManage(role)) {
        const result = await apiFetch<Overview>("/api/billing");
        if (cancelled || !result.ok) return;
        const find = (name: string): Metric =>
          result.data.usage.metrics.find((m) => m.metric === name) ?? { metric: name, used: 0, limit: null };
        setUsage({ plan: result.data.plan.name, books: find("BOOKS_CREATED"), storage: find("STORAGE_USED") });
      } else {
        const result = await apiFetch<History>("/api/billing/usage?months=1");
        if (cancelled || !result.ok) return;
        const values = result.data.months.at(-1)?.values ?? {};
        setUsage({
          plan: null,
          books: { metric: "BOOKS_CREATED", used: values.BOOKS_CREATED ?? 0, limit: null },
          storage: { metric: "STORAGE_USED", used: values.STORAGE_USED ?? 0, limit: null },
        });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [role, orgId]);

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
            {books.limit ? (
              <ProgressBar
                className="mt-1.5"
                size="sm"
                value={(100 * books.used) / books.limit}
                tone={books.used >= books.limit ? "red" : "ink"}
                label={t("books.usage.booksBar")}
              />
            ) : null}
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
            {storage.limit ? (
              <ProgressBar
                className="mt-1.5"
                size="sm"
                value={(100 * storage.used) / storage.limit}
                tone={storage.used >= storage.limit ? "red" : "ink"}
                label={t("books.usage.storageBar")}
              />
            ) : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}
