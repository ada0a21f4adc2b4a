"use client";

import { ListChecks, RefreshCw, ScanSearch, SpellCheck2, X } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  type CorrectionSeverity,
  type CorrectionStatus,
  type CorrectionType,
  correctionSeverities,
  correctionStatuses,
  correctionTypes,
} from "@/contracts/correction-kinds";
import type { CheckRun, Correction } from "@/contracts/corrections";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { usePagedApiQuery } from "@/lib/use-paged-api-query";
import { formatDateTime, formatNumber } from "@/components/books/book-format";
import { ProgressBar } from "@/components/books/progress-bar";
import { useBookErrorText } from "@/components/books/use-book-error-text";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { useCorrections } from "./corrections-state";
import { revealChapterThen } from "@/lib/reveal-chapter";
import { FindingActions } from "./finding-actions";
import { CORRECTIONS_SCOPE_ATTRIBUTE } from "./finding-navigation";
import { severityTone } from "./finding-style";
import { isRunningCheck, useCheckRun } from "./use-check-run";

type ChapterRef = { id: string; title: string; order: number };
type Filters = { type: string; severity: string; status: string; chapterId: string };

// A page of the list: each finding is a card with its actions (about 25 elements), and on a long book's
// page fifty of them were half of the page's elements, rendered at once when the list arrived. Ten give the
// overview; "Load more", the filters and the in-text navigation reach the rest.
const PAGE_SIZE = 10;
/** How long "Show in text" waits for a chapter that was not shown yet to load with its marks. */
const SHOW_IN_TEXT_WAIT_MS = 8000;

/**
 * The book's Corrections panel: open counts by severity and type, "Check the book" with its live
 * progress and Cancel (writers), filters, and the findings grouped by chapter with their actions and the
 * bulk ones. Guests see the same findings without buttons. Must sit inside a CorrectionsProvider.
 */
export function CorrectionsPanel({ bookId, chapters }: { bookId: string; chapters: ChapterRef[] }) {
  const t = useT();
  const locale = useLocale();
  const errorText = useBookErrorText();
  const corrections = useCorrections();
  const [filters, setFilters] = useState<Filters>({ type: "", severity: "", status: "OPEN", chapterId: "" });
  const summary = useApiQuery(`/api/books/${bookId}/corrections/summary`, "correctionsOverviewSchema");
  const list = usePagedApiQuery(listPath(bookId, filters), "correctionPageSchema");
  const version = corrections?.version ?? 0;
  const reloadSummary = summary.reload;
  const reloadList = list.reload;

  // Every change made through the provider (here, in the popover, in another list) reloads both.
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void reloadSummary();
    void reloadList();
  }, [version, reloadSummary, reloadList]);

  const [finishedRun, setFinishedRun] = useState<CheckRun | null>(null);
  const refresh = corrections?.refresh;
  const onFinished = useCallback(
    (run: CheckRun) => {
      setFinishedRun(run);
      void refresh?.();
    },
    [refresh],
  );
  const check = useCheckRun(bookId, summary.data?.latestRun ?? null, onFinished);
  const canWrite = corrections?.canWrite ?? false;
  const numbers = useMemo(() => new Map(chapters.map((c, i) => [c.id, { number: i + 1, title: c.title }])), [chapters]);
  const groups = useMemo(() => groupByChapter(list.items ?? [], chapters), [list.items, chapters]);
  const counts = summary.data?.counts;
  const run = check.run;

  return (
    <section
      aria-labelledby="corrections-title"
      className="min-w-0 rounded-xl border border-stone-200 bg-white shadow-sm wrap-anywhere"
      {...{ [CORRECTIONS_SCOPE_ATTRIBUTE]: "" }}
      data-testid="corrections-panel"
    >
      <div className="border-b border-stone-100 px-4 py-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id="corrections-title" className="flex items-center gap-2 text-sm font-semibold text-stone-900">
            <SpellCheck2 className="size-4 text-ink-700" aria-hidden="true" />
            {t("corrections.title")}
          </h2>
          {counts ? (
            <Badge tone={counts.open > 0 ? "amber" : "green"}>
              {t("corrections.counts.open", { count: formatNumber(counts.open, locale) })}
            </Badge>
          ) : null}
        </div>
        <p className="mt-1 text-xs text-stone-600">{t("corrections.description")}</p>
      </div>

      <div className="space-y-4 px-4 py-3 text-sm">
        {/* The check: start, live progress, cancel, and how the last one ended. */}
        <div className="space-y-2">
          {run && isRunningCheck(run.status) ? (
            <div className="space-y-1.5" data-testid="check-progress">
              <p className="text-stone-700" aria-live="polite">
                {run.status === "PENDING" || run.chaptersTotal === 0
                  ? t("corrections.check.pending")
                  : t("corrections.check.running", {
                      done: Math.min(run.chaptersDone + 1, run.chaptersTotal),
                      total: run.chaptersTotal,
                    })}
              </p>
              <ProgressBar value={run.progress} label={t("corrections.check.progressLabel")} size="sm" />
              {canWrite ? (
                <Button
                  size="sm"
                  variant="secondary"
                  loading={check.cancelling}
                  onClick={() => void check.cancel()}
                  data-testid="cancel-check"
                >
                  <X className="size-4" aria-hidden="true" />
                  {t("corrections.check.cancel")}
                </Button>
              ) : null}
            </div>
          ) : canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                loading={check.starting}
                onClick={() => void check.start(false)}
                data-testid="start-check"
              >
                <ScanSearch className="size-4" aria-hidden="true" />
                {t("corrections.check.start")}
              </Button>
              {run ? (
                <Button size="sm" variant="ghost" disabled={check.starting} onClick={() => void check.start(true)}>
                  <RefreshCw className="size-4" aria-hidden="true" />
                  {t("corrections.check.startFull")}
                </Button>
              ) : null}
            </div>
          ) : null}
          <Alert tone="error">{check.error ? errorText(check.error.code) : null}</Alert>
          <CheckOutcome run={run} justFinished={finishedRun?.id === run?.id} />
          {!canWrite ? <p className="text-xs text-stone-600">{t("corrections.readOnly")}</p> : null}
        </div>

        {counts && counts.open > 0 ? (
          <div className="space-y-2">
            <CountList
              label={t("corrections.counts.bySeverity")}
              entries={correctionSeverities
                .map((s) => [t(`corrections.severities.${s}`), counts.bySeverity[s] ?? 0, severityTone[s]] as const)
                .filter(([, n]) => n > 0)}
              locale={locale}
            />
            <CountList
              label={t("corrections.counts.byType")}
              entries={correctionTypes
                .map((type) => [t(`corrections.types.${type}`), counts.byType[type] ?? 0, "neutral"] as const)
                .filter(([, n]) => n > 0)}
              locale={locale}
            />
          </div>
        ) : counts ? (
          <p className="text-stone-600">{t("corrections.counts.none")}</p>
        ) : null}

        {corrections?.notice ? (
          <Alert tone={corrections.notice.tone}>
            <p>{corrections.notice.text}</p>
            {corrections.notice.stale ? (
              <Button size="sm" variant="secondary" className="mt-2" onClick={() => void corrections.refresh()}>
                <RefreshCw className="size-4" aria-hidden="true" />
                {t("corrections.notices.refresh")}
              </Button>
            ) : null}
          </Alert>
        ) : (
          <Alert tone="success" />
        )}

        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="sr-only">{t("corrections.filters.label")}</legend>
          <SelectField
            label={t("corrections.filters.type")}
            name="type"
            value={filters.type}
            onChange={(e) => setFilters({ ...filters, type: e.target.value })}
            options={[
              { value: "", label: t("corrections.filters.all") },
              ...correctionTypes.map((v) => ({ value: v, label: t(`corrections.types.${v}`) })),
            ]}
          />
          <SelectField
            label={t("corrections.filters.severity")}
            name="severity"
            value={filters.severity}
            onChange={(e) => setFilters({ ...filters, severity: e.target.value })}
            options={[
              { value: "", label: t("corrections.filters.all") },
              ...correctionSeverities.map((v) => ({ value: v, label: t(`corrections.severities.${v}`) })),
            ]}
          />
          <SelectField
            label={t("corrections.filters.status")}
            name="status"
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value })}
            options={[
              { value: "", label: t("corrections.filters.all") },
              ...correctionStatuses.map((v) => ({ value: v, label: t(`corrections.statuses.${v}`) })),
            ]}
          />
          <SelectField
            label={t("corrections.filters.chapter")}
            name="chapterId"
            value={filters.chapterId}
            onChange={(e) => setFilters({ ...filters, chapterId: e.target.value })}
            options={[
              { value: "", label: t("corrections.filters.all") },
              ...chapters.map((c, i) => ({ value: c.id, label: `${i + 1}. ${c.title}` })),
            ]}
          />
        </fieldset>

        <p className="text-xs text-stone-500">{t("corrections.keyboard.hint")}</p>

        {list.error ? (
          <Alert tone="error">
            <p>{errorText(list.error.code)}</p>
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => void list.reload()}>
              {t("common.retry")}
            </Button>
          </Alert>
        ) : list.items === undefined ? (
          <p className="text-stone-500">{t("common.loading")}</p>
        ) : list.items.length === 0 ? (
          <p className="text-stone-600" data-testid="corrections-empty">
            {t("corrections.list.empty")}
          </p>
        ) : (
          <div className="space-y-4" data-testid="corrections-list">
            {groups.map((group) => {
              const chapter = group.chapterId ? numbers.get(group.chapterId) : undefined;
              const spelling = group.items.filter(
                (f) => f.type === "SPELLING" && f.status === "OPEN" && f.suggestions.length > 0,
              ).length;
              return (
                <section key={group.chapterId ?? "book"} aria-label={groupLabel(t, chapter)} className="space-y-2">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-600">
                    {groupLabel(t, chapter)}
                  </h3>
                  {canWrite && group.chapterId && spelling > 1 ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      className="h-auto min-h-8 py-1 text-left"
                      disabled={corrections?.pending !== null}
                      onClick={() =>
                        void corrections?.bulk({
                          action: "apply",
                          chapterId: group.chapterId ?? undefined,
                          type: "SPELLING",
                        })
                      }
                      data-testid="apply-all-spelling"
                    >
                      <ListChecks className="size-4 shrink-0" aria-hidden="true" />
                      {t("corrections.actions.applyAllSpelling", { count: spelling })}
                    </Button>
                  ) : null}
                  <ul className="space-y-2">
                    {group.items.map((finding) => (
                      <FindingItem key={finding.id} finding={finding} />
                    ))}
                  </ul>
                </section>
              );
            })}
            {list.nextCursor ? (
              <Button size="sm" variant="secondary" loading={list.loadingMore} onClick={() => void list.loadMore()}>
                {t("corrections.list.loadMore")}
              </Button>
            ) : null}
            <Alert tone="error">{list.moreError ? errorText(list.moreError.code) : null}</Alert>
          </div>
        )}
      </div>
    </section>
  );
}

function listPath(bookId: string, filters: Filters): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.type) query.set("type", filters.type as CorrectionType);
  if (filters.severity) query.set("severity", filters.severity as CorrectionSeverity);
  if (filters.status) query.set("status", filters.status as CorrectionStatus);
  if (filters.chapterId) query.set("chapterId", filters.chapterId);
  return `/api/books/${bookId}/corrections?${query}`;
}

/** Findings by chapter in reading order; book-wide ones (no chapter) first. */
function groupByChapter(items: Correction[], chapters: ChapterRef[]) {
  const order = new Map(chapters.map((c, i) => [c.id, i]));
  const groups = new Map<string | null, Correction[]>();
  for (const item of items) {
    const key = item.chapterId && order.has(item.chapterId) ? item.chapterId : null;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()]
    .map(([chapterId, list]) => ({
      chapterId,
      items: list.sort((a, b) => (a.startOffset ?? 0) - (b.startOffset ?? 0)),
    }))
    .sort(
      (a, b) =>
        (a.chapterId ? (order.get(a.chapterId) ?? 0) + 1 : 0) - (b.chapterId ? (order.get(b.chapterId) ?? 0) + 1 : 0),
    );
}

function groupLabel(t: ReturnType<typeof useT>, chapter: { number: number; title: string } | undefined): string {
  return chapter ? t("corrections.list.chapter", chapter) : t("corrections.list.wholeBook");
}

function CountList({
  label,
  entries,
  locale,
}: {
  label: string;
  entries: (readonly [string, number, "red" | "amber" | "ink" | "neutral"])[];
  locale: string;
}) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {entries.map(([name, count, tone]) => (
        <li key={name}>
          <Badge tone={tone}>
            {name}: {formatNumber(count, locale)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** How the last check ended (said once, as a polite status, when it finished while the page watched). */
function CheckOutcome({ run, justFinished }: { run: CheckRun | null; justFinished: boolean }) {
  const t = useT();
  const locale = useLocale();
  let text: string | null = null;
  if (!run) text = t("corrections.check.never");
  else if (run.status === "CANCELLED") text = t("corrections.check.cancelled");
  else if (run.status === "FAILED") text = t("corrections.check.failed");
  else if (run.status === "COMPLETED" && run.summary && justFinished)
    text = t("corrections.check.finished", {
      errors: run.summary.errors,
      warnings: run.summary.warnings,
      infos: run.summary.infos,
    });
  else if (run.status === "COMPLETED")
    text = t("corrections.check.lastRun", { date: formatDateTime(run.finishedAt ?? run.createdAt, locale) });
  return (
    <p
      className="text-xs text-stone-600"
      role="status"
      data-testid="check-outcome"
      data-run-id={run?.id}
      data-run-status={run?.status}
    >
      {text}
    </p>
  );
}

/** One finding in the list: severity, type, message, the flagged text, its state and its actions. */
function FindingItem({ finding }: { finding: Correction }) {
  const t = useT();
  const corrections = useCorrections();
  const open = finding.status === "OPEN";

  function showInText(button: HTMLElement) {
    if (!corrections || !finding.chapterId) return;
    const markOf = () =>
      document.querySelector<HTMLElement>(`[data-finding-mark][data-finding-ids~="${CSS.escape(finding.id)}"]`);
    const reveal = (mark: HTMLElement) => {
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
      const ids = (mark.dataset.findingIds ?? "").split(" ").filter(Boolean);
      corrections.openFinding({ ids, anchor: mark, returnFocus: button, takeFocus: true });
    };
    const mark = markOf();
    if (mark) return reveal(mark);
    // Its chapter is not shown yet (findings are read chapter by chapter as the reader shows them): bring it
    // near the window, which loads it, then open the finding once its mark is there.
    const article = document.querySelector(`[data-chapter-id="${CSS.escape(finding.chapterId)}"]`)?.parentElement;
    if (article) revealChapterThen(article, finding.chapterId, markOf, reveal, SHOW_IN_TEXT_WAIT_MS);
  }

  // Anchored in a chapter's text, which "Show in text" brings near the window if it is not shown yet.
  const anchored = open && finding.startOffset !== null && finding.chapterId !== null;
  return (
    <li
      className="space-y-1.5 rounded-lg border border-stone-200 p-3"
      data-testid="correction-item"
      data-correction-id={finding.id}
      data-type={finding.type}
      data-status={finding.status}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={severityTone[finding.severity]}>{t(`corrections.severities.${finding.severity}`)}</Badge>
        <Badge>{t(`corrections.types.${finding.type}`)}</Badge>
        {!open ? <Badge tone="green">{statusText(t, finding)}</Badge> : null}
      </div>
      <p className="text-stone-800">{finding.message}</p>
      {finding.source === "PERSON" ? (
        <p className="text-xs text-stone-600" data-testid="suggested-by">
          {t("corrections.list.suggestedBy", { name: finding.author?.name ?? t("review.someone") })}
        </p>
      ) : null}
      {finding.original ? (
        <p className="text-stone-600 wrap-anywhere">
          <q>{finding.original}</q>
          {open && finding.suggestions.length === 0 ? ` · ${t("corrections.list.noSuggestion")}` : null}
        </p>
      ) : null}
      {open ? <FindingActions finding={finding} /> : null}
      <div className="flex flex-wrap gap-1.5">
        {anchored ? (
          <Button size="sm" variant="ghost" onClick={(event) => showInText(event.currentTarget)}>
            {t("corrections.list.showInText")}
          </Button>
        ) : null}
        {open && corrections?.canWrite ? (
          <Button
            size="sm"
            variant="ghost"
            className="h-auto min-h-8 py-1 text-left"
            disabled={corrections.pending !== null}
            onClick={() =>
              void corrections.bulk({ action: "dismiss", ruleId: finding.ruleId, checker: finding.checker })
            }
            data-testid="dismiss-rule"
          >
            {t("corrections.actions.dismissRule", { rule: finding.ruleId })}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function statusText(t: ReturnType<typeof useT>, finding: Correction): string {
  const status = t(`corrections.statuses.${finding.status}`);
  return finding.resolvedBy?.name
    ? t("corrections.list.resolved", { status, name: finding.resolvedBy.name })
    : t("corrections.list.resolvedNoName", { status });
}
