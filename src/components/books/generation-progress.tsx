"use client";

import { Play, RotateCcw, Square } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { booksHomePath } from "@/lib/book-paths";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatNumber } from "./book-format";
import { useJobStateLabel } from "./book-status-badge";
import type { Book, ChapterProgress, Job } from "@/contracts/books";
import { isFinishedJob } from "@/contracts/job-status";
import { ChapterProgressList } from "./chapter-progress-list";
import { ConfirmDialog } from "./confirm-dialog";
import { ProgressBar } from "./progress-bar";
import { useJobEvents, useThrottled } from "./use-job-events";
import { useBookErrorText } from "./use-book-error-text";
import { BookHeader } from "./book-header";
import { GenerationReport } from "./generation-report";
import { BookBiblePanel } from "./book-bible-panel";
import { useBookArea } from "./use-book-area";

/**
 * The live generation page: overall bar, state, chapter i of n, words written, each chapter's state and the
 * text as it is written, fed by Server-Sent Events. Writers can cancel (after confirming) and retry a failed
 * generation; `onCompleted` fires once the job completes so the page can open the reader.
 */
export function GenerationProgress({
  book,
  initialJob,
  canWrite,
  onCompleted,
  onDeleted,
}: {
  book: Book;
  initialJob: Job;
  canWrite: boolean;
  onCompleted: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const errorText = useBookErrorText();
  const stateLabel = useJobStateLabel();
  const home = booksHomePath(useBookArea());
  const [restartKey, setRestartKey] = useState(0);
  const { job, connection, deleted, setJob } = useJobEvents(book.id, initialJob, { enabled: true, restartKey });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<"cancel" | "retry" | "continue" | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const current = job ?? initialJob;
  const details = current.progressDetails;
  const status = current.status;
  const percent = status === "COMPLETED" ? 100 : (details?.percent ?? current.progress ?? 0);
  const chapters: ChapterProgress[] = details?.chapters ?? [];
  const total = details?.chaptersTotal || chapters.length || book.targetChapters || 0;
  const cancelled = status === "FAILED" && current.errorCode === "CANCELLED";
  const cancelling = Boolean(current.cancelRequestedAt) && !isFinishedJob(status);
  const label = stateLabel(status, current.errorCode);

  // Reaching 100 %: let the "ready" message show a moment, then open the reader. The callback is read from a
  // ref so that a re-render of the parent (a new callback) cannot cancel the pending switch.
  const onCompletedRef = useRef(onCompleted);
  onCompletedRef.current = onCompleted;
  useEffect(() => {
    if (status !== "COMPLETED") return;
    const timer = setTimeout(() => onCompletedRef.current(), 900);
    return () => clearTimeout(timer);
  }, [status]);

  useEffect(() => {
    if (deleted) onDeleted();
  }, [deleted, onDeleted]);

  // Screen readers hear the state and the percent, at most every few seconds; the text itself is throttled too.
  const announcement = useThrottled(t("books.progress.announce", { state: label, percent }), 4000);
  const recentText = useThrottled(details?.recentText ?? "", 1500);

  async function cancel() {
    setBusy("cancel");
    setActionError(null);
    const result = await apiFetch(`/api/books/${book.id}/job/cancel`, {
      method: "POST",
      body: {},
      schema: "cancelledJobEnvelopeSchema",
    });
    setBusy(null);
    setConfirming(false);
    if (result.ok) setJob(result.data.job);
    else setActionError(errorText(result.error.code));
  }

  // Both restart the job's stream: a retry after a failure, and a continue after the plan review (the
  // writer read, and maybe edited, the outline and the bible).
  async function restartJob(action: "continue" | "retry", doneMessage: string) {
    setBusy(action);
    setActionError(null);
    const result = await apiFetch(`/api/books/${book.id}/job/${action}`, {
      method: "POST",
      body: {},
      schema: "jobEnvelopeSchema",
    });
    setBusy(null);
    if (result.ok) {
      setJob(result.data.job);
      setNotice(doneMessage);
      setRestartKey((k) => k + 1);
    } else {
      setActionError(errorText(result.error.code));
    }
  }
  const continueWriting = () => restartJob("continue", t("books.progress.continued"));
  const retry = () => restartJob("retry", t("books.progress.retried"));

  return (
    <div className="space-y-6">
      <BookHeader
        book={book}
        status={status === "FAILED" ? "FAILED" : status === "COMPLETED" ? "COMPLETED" : "GENERATING"}
        demo={book.isDemoContent || book.engine.isDemo}
      />

      <Card>
        <CardBody className="space-y-5">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
                {t("books.progress.stateLabel")}
              </p>
              <p className="mt-0.5 text-lg font-semibold text-stone-900" data-testid="job-state">
                {label}
              </p>
            </div>
            <p className="font-serif text-3xl font-semibold tabular-nums text-ink-800" aria-hidden="true">
              {t("books.progress.percent", { percent })}
            </p>
          </div>
          <ProgressBar
            value={percent}
            label={t("books.progress.overall")}
            tone={status === "FAILED" ? "red" : status === "COMPLETED" ? "green" : "ink"}
          />
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-stone-500">{t("books.progress.chaptersLabel")}</dt>
              <dd className="mt-0.5 font-medium text-stone-900" data-testid="chapter-of">
                {details?.currentChapter && !isFinishedJob(status)
                  ? t("books.progress.chapterOf", { current: details.currentChapter, total })
                  : t("books.progress.chaptersDone", { done: details?.chaptersDone ?? 0, total })}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("books.progress.wordsLabel")}</dt>
              <dd className="mt-0.5 font-medium tabular-nums text-stone-900" data-testid="words-written">
                {t("books.progress.words", {
                  written: formatNumber(details?.wordsWritten ?? 0, locale),
                  target: formatNumber(details?.wordsTarget ?? book.targetWords ?? 0, locale),
                })}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("books.reader.engine")}</dt>
              <dd className="mt-0.5 font-medium text-stone-900">
                {lookup(`books.engines.${current.engine}`) ?? details?.engine.label ?? current.engine}
              </dd>
            </div>
          </dl>

          <p className="sr-only" role="status" aria-live="polite">
            {announcement}
          </p>
          {connection === "reconnecting" && !isFinishedJob(status) ? (
            <p className="text-xs text-stone-500">{t("books.progress.reconnecting")}</p>
          ) : null}

          {status === "COMPLETED" ? <Alert tone="success">{t("books.progress.done")}</Alert> : null}
          <GenerationReport job={current} />
          {status === "FAILED" ? (
            <Alert tone={cancelled ? "info" : "error"}>
              {cancelled ? (
                t("books.progress.cancelled")
              ) : (
                <>
                  <p className="font-medium">{t("books.progress.failed")}</p>
                  {current.error ? <p className="mt-1">{current.error}</p> : null}
                  <p className="mt-1">{t("books.progress.failedHint")}</p>
                </>
              )}
            </Alert>
          ) : null}
          {status === "AWAITING_REVIEW" ? (
            <Alert tone="info">
              {canWrite ? t("books.progress.reviewHint") : t("books.progress.reviewHintReader")}
            </Alert>
          ) : null}
          <Alert tone="error">{actionError}</Alert>
          <Alert tone="success">{notice && !isFinishedJob(status) ? notice : null}</Alert>

          {canWrite ? (
            <div className="flex flex-wrap gap-2">
              {!isFinishedJob(status) ? (
                <Button
                  variant="secondary"
                  onClick={() => setConfirming(true)}
                  disabled={cancelling}
                  loading={busy === "cancel"}
                >
                  <Square className="size-4" aria-hidden="true" />
                  {cancelling ? t("books.progress.cancelling") : t("books.progress.cancel")}
                </Button>
              ) : null}
              {status === "AWAITING_REVIEW" ? (
                <Button
                  onClick={() => void continueWriting()}
                  loading={busy === "continue"}
                  disabled={cancelling}
                  data-testid="continue-writing"
                >
                  <Play className="size-4" aria-hidden="true" />
                  {t("books.progress.continue")}
                </Button>
              ) : null}
              {status === "FAILED" ? (
                <Button onClick={() => void retry()} loading={busy === "retry"}>
                  <RotateCcw className="size-4" aria-hidden="true" />
                  {t("books.progress.retry")}
                </Button>
              ) : null}
              <ButtonLink href={home} variant="ghost">
                {t("books.reader.backToBooks")}
              </ButtonLink>
            </div>
          ) : (
            <ButtonLink href={home} variant="ghost">
              {t("books.reader.backToBooks")}
            </ButtonLink>
          )}
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <Card>
          <CardHeader title={t("books.progress.chaptersLabel")} />
          <CardBody>
            {chapters.length === 0 ? (
              <p className="text-sm text-stone-600">
                {isFinishedJob(status) ? t("books.progress.noChapters") : t("books.progress.outlinePending")}
              </p>
            ) : (
              <ChapterProgressList chapters={chapters} />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("books.progress.liveText")} />
          <CardBody>
            <div
              aria-live="polite"
              aria-atomic="true"
              className="max-h-80 min-h-40 overflow-y-auto whitespace-pre-wrap wrap-anywhere rounded-lg bg-parchment p-4 font-serif text-[0.95rem] leading-relaxed text-stone-800"
              data-testid="live-text"
            >
              {recentText ? recentText : <span className="text-stone-500">{t("books.progress.liveTextEmpty")}</span>}
            </div>
          </CardBody>
        </Card>
      </div>

      {status === "AWAITING_REVIEW" ? <BookBiblePanel bookId={book.id} canEdit={canWrite} /> : null}

      <ConfirmDialog
        open={confirming}
        title={t("books.progress.cancelTitle")}
        description={t("books.progress.cancelDescription")}
        confirmLabel={t("books.progress.cancelConfirm")}
        cancelLabel={t("books.progress.keepWriting")}
        onConfirm={() => void cancel()}
        onClose={() => setConfirming(false)}
        busy={busy === "cancel"}
      />
    </div>
  );
}
