"use client";

import { Gauge } from "lucide-react";
import type { Job } from "@/contracts/books";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { formatNumber } from "./book-format";

/**
 * What a generation cost and how well it kept to length: the tokens the job used (every step, retry and
 * continuation), and the chapters that missed their word budget by more than the tolerance, with by how
 * much — shown on the book page so a miss is never silent.
 */
export function GenerationReport({ job }: { job: Job }) {
  const t = useT();
  const locale = useLocale();
  const usage = job.tokenUsage;
  const report = job.progressDetails?.budgetReport;
  if (!usage && !report) return null;
  const tolerance = Math.round((report?.tolerance ?? 0.15) * 100);
  const missed = report ? report.chapters.filter((c) => !c.withinTolerance) : [];
  return (
    <div
      role="note"
      className="flex items-start gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2.5 text-sm text-stone-700"
      data-testid="generation-report"
    >
      <Gauge className="mt-0.5 size-4 shrink-0 text-stone-500" aria-hidden="true" />
      <div className="space-y-1">
        {usage ? (
          <p data-testid="token-usage">
            {t("books.report.tokens", {
              total: formatNumber(usage.totalTokens ?? usage.promptTokens + usage.completionTokens, locale),
              prompt: formatNumber(usage.promptTokens, locale),
              completion: formatNumber(usage.completionTokens, locale),
            })}
          </p>
        ) : null}
        {report && missed.length === 0 ? <p>{t("books.report.allWithin", { tolerance })}</p> : null}
        {missed.length > 0 ? (
          <div data-testid="budget-missed">
            <p className="font-medium text-amber-900">
              {t("books.report.missed", { count: missed.length, tolerance })}
            </p>
            <ul className="mt-1 list-disc pl-5">
              {missed.map((c) => (
                <li key={c.order}>
                  {t("books.report.missedChapter", {
                    order: c.order,
                    words: formatNumber(c.words, locale),
                    budget: formatNumber(c.budget, locale),
                    deviation: `${c.deviation > 0 ? "+" : ""}${Math.round(c.deviation * 100)} %`,
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
