"use client";

import { useId, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { type MetricId, metricIdSchema, metricIds, metricUnits, type UsageHistory } from "@/contracts/billing";
import { formatMonth, formatUsage } from "./format";

const width = 640;
const height = 220;
const margin = { top: 16, right: 12, bottom: 32, left: 64 };

/**
 * Usage per month as an inline SVG bar chart: one metric at a time (books, storage and calls do not share a
 * scale). The SVG is a titled image with a description and a one-line summary; the exact numbers of every
 * metric are in a table right below it for screen readers and anyone who prefers figures.
 */
export function UsageChart({ history }: { history: UsageHistory }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [metric, setMetric] = useState<MetricId>("BOOKS_CREATED");
  const months = history.months;
  const unit = metricUnits[metric];
  const values = months.map((month) => month.values[metric] ?? 0);
  const max = Math.max(0, ...values);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = months.length > 0 ? plotWidth / months.length : plotWidth;
  const barWidth = Math.min(56, slot * 0.6);
  const scale = (value: number) => (max > 0 ? (value / max) * plotHeight : 0);
  const metricName = t(`settingsExtra.billing.metrics.${metric}`);
  const peakIndex = values.indexOf(max);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;

  return (
    <Card>
      <CardHeader
        title={t("settingsExtra.billing.chartTitle")}
        actions={
          <SelectField
            label={t("settingsExtra.billing.chartMetric")}
            name="chartMetric"
            value={metric}
            onChange={(event) => {
              const chosen = metricIdSchema.safeParse(event.target.value);
              if (chosen.success) setMetric(chosen.data);
            }}
            options={metricIds.map((value) => ({ value, label: t(`settingsExtra.billing.metrics.${value}`) }))}
            className="w-52"
          />
        }
      />
      <CardBody className="space-y-4">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className="h-auto w-full max-w-3xl text-stone-500"
          data-testid="usage-chart"
        >
          <title id={titleId}>{t("settingsExtra.billing.chartTitle")}</title>
          <desc id={descId}>
            {t("settingsExtra.billing.chartDescription", { metric: metricName, count: months.length })}
          </desc>
          {/* Axis: zero and the peak, labelled in the metric's unit. */}
          <line
            x1={margin.left}
            x2={width - margin.right}
            y1={margin.top + plotHeight}
            y2={margin.top + plotHeight}
            stroke="currentColor"
            strokeOpacity="0.4"
          />
          <text
            x={margin.left - 8}
            y={margin.top + plotHeight}
            textAnchor="end"
            dominantBaseline="middle"
            fontSize="12"
            fill="#57534e"
          >
            {formatUsage(0, unit, locale)}
          </text>
          {max > 0 ? (
            <>
              <line
                x1={margin.left}
                x2={width - margin.right}
                y1={margin.top}
                y2={margin.top}
                stroke="currentColor"
                strokeOpacity="0.15"
                strokeDasharray="4 4"
              />
              <text
                x={margin.left - 8}
                y={margin.top}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize="12"
                fill="#57534e"
              >
                {formatUsage(max, unit, locale)}
              </text>
            </>
          ) : null}
          {months.map((month, index) => {
            const value = values[index] ?? 0;
            const barHeight = scale(value);
            const x = margin.left + slot * index + (slot - barWidth) / 2;
            const current = index === months.length - 1;
            return (
              <g key={month.periodStart}>
                <rect
                  x={x}
                  y={margin.top + plotHeight - Math.max(barHeight, value > 0 ? 2 : 0)}
                  width={barWidth}
                  height={Math.max(barHeight, value > 0 ? 2 : 0)}
                  rx="3"
                  className={current ? "fill-ink-600" : "fill-ink-300"}
                >
                  <title>{`${formatMonth(month.periodStart, locale, "long")}: ${formatUsage(value, unit, locale)}`}</title>
                </rect>
                <text x={x + barWidth / 2} y={height - 10} textAnchor="middle" fontSize="12" fill="#57534e">
                  {formatMonth(month.periodStart, locale)}
                </text>
              </g>
            );
          })}
        </svg>
        {max === 0 ? (
          <p className="text-sm text-stone-600">{t("settingsExtra.billing.chartEmpty")}</p>
        ) : months.length > 0 ? (
          <p className="text-sm text-stone-600">
            {t("settingsExtra.billing.chartSummary", {
              metric: metricName,
              max: formatUsage(max, unit, locale),
              month: formatMonth(months[Math.max(0, peakIndex)]!.periodStart, locale, "long"),
              current: formatUsage(values[values.length - 1] ?? 0, unit, locale),
            })}
          </p>
        ) : null}
        <details className="group rounded-lg border border-stone-200">
          <summary className="cursor-pointer rounded-lg px-4 py-2 text-sm font-medium text-ink-800 focus-visible:outline-2 focus-visible:outline-ink-600">
            {t("settingsExtra.billing.showTable")}
          </summary>
          <Table caption={t("settingsExtra.billing.chartTitle")}>
            <TableHead
              columns={[
                t("settingsExtra.billing.month"),
                ...metricIds.map((value) => ({
                  label: t(`settingsExtra.billing.metrics.${value}`),
                  className: "text-right",
                })),
              ]}
            />
            <tbody className="divide-y divide-stone-100">
              {months.map((month) => (
                <tr key={month.periodStart}>
                  <Th scope="row" className="normal-case tracking-normal text-stone-800">
                    {formatMonth(month.periodStart, locale, "long")}
                  </Th>
                  {metricIds.map((value) => (
                    <Td key={value} className="text-right tabular-nums">
                      {formatUsage(month.values[value] ?? 0, metricUnits[value], locale)}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </details>
      </CardBody>
    </Card>
  );
}
