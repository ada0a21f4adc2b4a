"use client";

import { clsx } from "clsx";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { BillingOverview, UsageMetric } from "@/contracts/billing";
import { formatDate, formatUsage, usagePercent } from "./format";

/** This month's usage of each metric against the plan's limit, as labelled progress bars. */
export function UsageBars({ usage }: { usage: BillingOverview["usage"] }) {
  const t = useT();
  const locale = useLocale();
  // The period end is exclusive (the first instant of next month): show the last day instead.
  const lastDay = new Date(new Date(usage.periodEnd).getTime() - 1).toISOString();
  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.billing.usageTitle")}
        description={t("settingsExtra.billing.usagePeriod", {
          start: formatDate(usage.periodStart, locale),
          end: formatDate(lastDay, locale),
        })}
      />
      <CardBody>
        <ul className="space-y-5" data-testid="usage-bars">
          {usage.metrics.map((metric) => (
            <UsageBar key={metric.metric} metric={metric} />
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

function UsageBar({ metric }: { metric: UsageMetric }) {
  const t = useT();
  const locale = useLocale();
  const name = t(`settingsExtra.billing.metrics.${metric.metric}`);
  const used = formatUsage(metric.used, metric.unit, locale);
  const percent = usagePercent(metric.used, metric.limit);
  const notIncluded = metric.limit === 0;
  let text: string;
  if (notIncluded) text = t("settingsExtra.billing.notIncluded");
  else if (metric.limit === null) text = t("settingsExtra.billing.usageUnlimited", { used });
  else text = t("settingsExtra.billing.usageOf", { used, limit: formatUsage(metric.limit, metric.unit, locale) });
  const state = percent === null ? null : percent >= 100 ? "atLimit" : percent >= 80 ? ("nearLimit" as const) : null;
  const labelId = `usage-${metric.metric}`;

  return (
    <li data-metric={metric.metric}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={labelId} className="font-medium text-stone-800">
          {name}
        </span>
        <span className="tabular-nums text-stone-700">
          {text}
          {state ? (
            <span className={clsx("ml-2 font-medium", state === "atLimit" ? "text-red-700" : "text-amber-800")}>
              {t(`settingsExtra.billing.${state}`)}
            </span>
          ) : null}
        </span>
      </div>
      {percent !== null ? (
        <div
          role="progressbar"
          aria-labelledby={labelId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
          className="mt-2 h-2.5 overflow-hidden rounded-full bg-stone-200"
        >
          <div
            className={clsx(
              "h-full rounded-full",
              state === "atLimit" ? "bg-red-600" : state === "nearLimit" ? "bg-amber-500" : "bg-ink-600",
            )}
            style={{ width: `${Math.max(percent, metric.used > 0 ? 2 : 0)}%` }}
          />
        </div>
      ) : null}
    </li>
  );
}
