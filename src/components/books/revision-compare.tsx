"use client";

import { ChevronDown, ChevronRight, GitCompare, RotateCcw } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { Spinner } from "@/components/ui/spinner";
import type { ComparedChapter, DiffRunView, Revision, RevisionComparison } from "@/contracts/books";
import { formatNumber } from "./book-format";
import { ConfirmDialog } from "./confirm-dialog";

const CURRENT = "current";

/** The runs of a diff as text: insertions in <ins>, deletions in <del>, each announced, not only coloured. */
function DiffText({ runs, label }: { runs: DiffRunView[]; label: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe)
      tabIndex={0}
      className="mt-2 max-h-[32rem] overflow-y-auto rounded-lg border border-stone-200 bg-stone-50 p-3 font-serif text-sm leading-relaxed whitespace-pre-wrap text-stone-900 wrap-anywhere focus-visible:outline-2 focus-visible:outline-ink-600"
    >
      {runs.map((run, index) => {
        const key = `${index}-${run.type}`;
        if (run.type === "skip") {
          return (
            <span key={key} className="my-1 block text-center font-sans text-xs text-stone-600">
              {t("books.compare.skipped", { count: formatNumber(run.words, locale) })}
            </span>
          );
        }
        if (run.type === "added") {
          return (
            <ins
              key={key}
              className="rounded-sm bg-emerald-100 text-emerald-950 underline decoration-2 decoration-emerald-700"
            >
              <span className="sr-only">{t("books.compare.inserted")} </span>
              {run.text}
              <span className="sr-only"> {t("books.compare.endInserted")}</span>
            </ins>
          );
        }
        if (run.type === "removed") {
          return (
            <del key={key} className="rounded-sm bg-red-100 text-red-950 line-through decoration-2 decoration-red-700">
              <span className="sr-only">{t("books.compare.deleted")} </span>
              {run.text}
              <span className="sr-only"> {t("books.compare.endDeleted")}</span>
            </del>
          );
        }
        return <span key={key}>{run.text}</span>;
      })}
    </section>
  );
}

const statusTone = { unchanged: "neutral", changed: "amber", added: "green", removed: "red" } as const;

/** One chapter of a comparison: collapsed when unchanged (its text on request), its diff when changed. */
function ComparedChapterItem({
  chapter,
  load,
  restoreFrom,
  onRestore,
}: {
  chapter: ComparedChapter;
  /** Fetches this chapter alone, whole. */
  load: (number: number) => Promise<ComparedChapter | null>;
  /** The older version's number, when the older side is a revision a writer may restore from. */
  restoreFrom: string | null;
  onRestore: (chapter: ComparedChapter) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [whole, setWhole] = useState<ComparedChapter | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const textId = useId();
  const runs = whole?.runs ?? chapter.runs;
  const collapsed = chapter.runs === null;

  async function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    if (collapsed && !whole) {
      setLoading(true);
      setFailed(false);
      const loaded = await load(chapter.number);
      setLoading(false);
      if (!loaded) {
        setFailed(true);
        return;
      }
      setWhole(loaded);
    }
    setOpen(true);
  }

  const heading = t("books.compare.chapter", { number: chapter.number, title: chapter.title });
  const notes = [
    chapter.numberBefore !== null && chapter.numberBefore !== chapter.number
      ? t("books.compare.moved", { number: chapter.numberBefore })
      : null,
    chapter.titleBefore ? t("books.compare.renamed", { title: chapter.titleBefore }) : null,
    chapter.status === "unchanged"
      ? t("books.compare.words", { count: formatNumber(chapter.words, locale) })
      : t("books.compare.changedWords", {
          added: formatNumber(chapter.wordsAdded, locale),
          removed: formatNumber(chapter.wordsRemoved, locale),
        }),
  ].filter(Boolean);
  const showToggle = collapsed;
  const visible = collapsed ? open && runs : runs;

  return (
    <li className="py-3" data-testid="compared-chapter" data-status={chapter.status}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1 wrap-anywhere">
          <h4 className="flex flex-wrap items-center gap-2 text-sm font-medium text-stone-900">
            {heading}
            <Badge tone={statusTone[chapter.status]}>{t(`books.compare.status.${chapter.status}`)}</Badge>
          </h4>
          <p className="mt-0.5 text-xs text-stone-600">{notes.join(" · ")}</p>
        </div>
        <div className="flex max-w-full flex-wrap gap-2">
          {showToggle ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => void toggle()}
              loading={loading}
              aria-expanded={open}
              aria-controls={open ? textId : undefined}
              aria-label={
                chapter.truncated
                  ? undefined
                  : t(open ? "books.compare.hideTextLabel" : "books.compare.showTextLabel", { number: chapter.number })
              }
              data-testid="toggle-chapter-text"
            >
              {open ? (
                <ChevronDown className="size-4" aria-hidden="true" />
              ) : (
                <ChevronRight className="size-4" aria-hidden="true" />
              )}
              {chapter.truncated
                ? t("books.compare.showChanges")
                : open
                  ? t("books.compare.hideText")
                  : t("books.compare.showText")}
            </Button>
          ) : null}
          {restoreFrom && chapter.status !== "unchanged" && chapter.status !== "added" ? (
            <Button size="sm" variant="secondary" onClick={() => onRestore(chapter)} data-testid="restore-chapter">
              <RotateCcw className="size-4" aria-hidden="true" />
              {t("books.compare.restoreChapterLabel", {
                number: chapter.numberBefore ?? chapter.number,
                version: restoreFrom,
              })}
            </Button>
          ) : null}
        </div>
      </div>
      {chapter.truncated && !open ? (
        <p className="mt-1 text-xs text-stone-600">{t("books.compare.truncated")}</p>
      ) : null}
      {failed ? (
        <Alert tone="error" className="mt-2">
          {t("books.compare.failed")}
        </Alert>
      ) : null}
      {visible ? (
        <div id={textId}>
          <DiffText runs={visible} label={t("books.compare.textLabel", { number: chapter.number })} />
        </div>
      ) : null}
    </li>
  );
}

/** How a version reads in the pickers: "v1.2 — Sent to the publisher". */
function versionOption(revision: Revision, t: ReturnType<typeof useT>) {
  return revision.name
    ? t("books.compare.optionNamed", { version: revision.version, name: revision.name })
    : t("books.compare.option", { version: revision.version });
}

/**
 * Compares two versions of the book (GET /revisions/compare): pick an older and a newer version (or the
 * current text); each chapter shows its word-level diff, unchanged chapters are collapsed (their text on
 * request). Writers can put one chapter back from the older version after a confirmation.
 */
export function RevisionCompare({
  bookId,
  bookUpdatedAt,
  revisions,
  initialFrom,
  canRestore,
  onClose,
  onRestored,
}: {
  bookId: string;
  bookUpdatedAt: string;
  /** The versions loaded in the history, newest first. */
  revisions: Revision[];
  initialFrom: string;
  canRestore: boolean;
  onClose: () => void;
  onRestored: (text: string, changed: boolean, tone: "success" | "info" | "error") => Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(CURRENT);
  const [result, setResult] = useState<RevisionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [restoreTarget, setRestoreTarget] = useState<ComparedChapter | null>(null);
  const [restoring, setRestoring] = useState(false);

  const query = (extra: Record<string, string> = {}) => new URLSearchParams({ from, to, ...extra }).toString();

  async function run() {
    setLoading(true);
    setError(null);
    const answer = await apiFetch(`/api/books/${bookId}/revisions/compare?${query()}`, {
      schema: "revisionComparisonSchema",
    });
    setLoading(false);
    if (!answer.ok) {
      setResult(null);
      setError(t("books.compare.failed"));
      return;
    }
    setResult(answer.data);
  }

  // Compares as soon as it opens, and again whenever the book changes underneath (a restore, an edit).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first comparison and bookUpdatedAt are the triggers
  useEffect(() => {
    void run();
  }, [bookUpdatedAt]);

  async function loadChapter(number: number) {
    const answer = await apiFetch(`/api/books/${bookId}/revisions/compare?${query({ chapter: String(number) })}`, {
      schema: "revisionComparisonSchema",
    });
    return answer.ok ? (answer.data.chapters[0] ?? null) : null;
  }

  const fromRevision = revisions.find((r) => r.id === result?.from.id);
  const restoreVersion = canRestore && result ? (result.from.version ?? null) : null;
  const restoreNumber = restoreTarget ? (restoreTarget.numberBefore ?? restoreTarget.number) : 0;

  async function restoreChapter() {
    if (!restoreTarget || !result?.from.id || restoring) return;
    setRestoring(true);
    const version = result.from.version ?? "";
    const answer = await apiFetch(`/api/books/${bookId}/revisions/${result.from.id}/restore-chapter`, {
      method: "POST",
      body: { chapter: restoreNumber, expectedUpdatedAt: bookUpdatedAt },
      schema: "restoreResultSchema",
    });
    setRestoreTarget(null);
    setRestoring(false);
    if (!answer.ok) {
      const text =
        answer.error.code === "EDIT_CONFLICT"
          ? t("books.history.conflict")
          : (lookup(`errors.${answer.error.code}`) ?? t("errors.generic"));
      await onRestored(text, false, "error");
    } else if (!answer.data.revision) {
      await onRestored(t("books.compare.chapterAlready", { number: restoreNumber, version }), false, "info");
    } else {
      await onRestored(
        t("books.compare.chapterRestored", { number: restoreNumber, version, current: answer.data.revision.version }),
        true,
        "success",
      );
    }
  }

  const options = revisions.map((r) => ({ value: r.id, label: versionOption(r, t) }));
  const changedCount = result?.chapters.filter((c) => c.status !== "unchanged").length ?? 0;

  return (
    <section
      aria-labelledby="compare-heading"
      className="mt-4 rounded-lg border border-stone-200 p-4"
      data-testid="revision-compare"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id="compare-heading" className="text-sm font-semibold text-stone-900">
            {t("books.compare.title")}
          </h3>
          <p className="mt-0.5 text-xs text-stone-600">{t("books.compare.description")}</p>
        </div>
        <Button size="sm" variant="secondary" onClick={onClose}>
          {t("books.compare.close")}
        </Button>
      </div>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <SelectField
          label={t("books.compare.from")}
          name="compare-from"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          options={options}
        />
        <SelectField
          label={t("books.compare.to")}
          name="compare-to"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          options={[{ value: CURRENT, label: t("books.compare.current") }, ...options]}
        />
        <Button type="submit" size="sm" loading={loading} data-testid="run-compare">
          <GitCompare className="size-4" aria-hidden="true" />
          {t("books.compare.run")}
        </Button>
      </form>
      {fromRevision?.note ? <p className="mt-2 text-xs text-stone-600">{fromRevision.note}</p> : null}

      {error ? (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      ) : null}
      {!result && loading ? (
        <div className="flex justify-center py-4 text-stone-400" role="status">
          <Spinner />
          <span className="sr-only">{t("common.loading")}</span>
        </div>
      ) : null}
      {result ? (
        <div className="mt-3" aria-busy={loading}>
          <p className="text-sm text-stone-800" data-testid="compare-summary">
            {changedCount === 0 && result.title === result.titleBefore
              ? t("books.compare.noChanges")
              : t("books.compare.summary", {
                  added: formatNumber(result.wordsAdded, locale),
                  removed: formatNumber(result.wordsRemoved, locale),
                })}
          </p>
          <p className="mt-1 text-xs text-stone-600">{t("books.compare.legend")}</p>
          <ol aria-label={t("books.compare.listLabel")} className="mt-2 divide-y divide-stone-100">
            {result.chapters.map((chapter) => (
              <ComparedChapterItem
                key={`${result.from.id}-${result.to.id}-${chapter.number}-${chapter.status}`}
                chapter={chapter}
                load={loadChapter}
                restoreFrom={restoreVersion}
                onRestore={setRestoreTarget}
              />
            ))}
          </ol>
        </div>
      ) : null}

      <ConfirmDialog
        open={restoreTarget !== null}
        title={t("books.compare.restoreChapterTitle", { number: restoreNumber, version: result?.from.version ?? "" })}
        description={t("books.compare.restoreChapterDescription", {
          number: restoreNumber,
          version: result?.from.version ?? "",
        })}
        confirmLabel={t("books.compare.restoreChapterConfirm")}
        cancelLabel={t("common.cancel")}
        onConfirm={() => void restoreChapter()}
        onClose={() => setRestoreTarget(null)}
        busy={restoring}
        tone="primary"
      />
    </section>
  );
}
