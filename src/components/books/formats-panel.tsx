"use client";

import { Download, RefreshCw } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { BookFormatRow, FormatStatus } from "@/contracts/books";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes, formatNumber, isSingular } from "./book-format";
import { useBookErrorText } from "./use-book-error-text";

const statusTones: Record<FormatStatus, "neutral" | "ink" | "green" | "red"> = {
  NOT_RENDERED: "neutral",
  PENDING: "ink",
  RENDERING: "ink",
  READY: "green",
  FAILED: "red",
};

const inFlight = (row: BookFormatRow) => row.status === "PENDING" || row.status === "RENDERING";
// Exports are queued when the book is finalized, so "not rendered" right after completion means "soon".
const FIRST_RENDER_WAIT_MS = 3 * 60_000;

/**
 * The formats panel: one row per format with its status (polled while rendering), size, staleness,
 * download count and a plain download link; writers can regenerate every format. Downloads over the last
 * 30 days are summed below (GET /downloads).
 */
export function FormatsPanel({ bookId, canWrite, version }: { bookId: string; canWrite: boolean; version?: string }) {
  const t = useT();
  const locale = useLocale();
  const errorText = useBookErrorText();
  const formats = useApiQuery(`/api/books/${bookId}/formats`, "bookFormatsSchema");
  const counts = useApiQuery(`/api/books/${bookId}/downloads`, "downloadCountsSchema");
  const data = formats.data;
  const downloads = counts.data;
  const failed = formats.error !== null;
  const { reload: reloadFormats } = formats;
  const { reload: reloadCounts } = counts;
  const [regenerating, setRegenerating] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const mountedAt = useRef(Date.now());

  const load = useCallback(async () => {
    await Promise.all([reloadFormats(), reloadCounts()]);
  }, [reloadFormats, reloadCounts]);

  // `version` (the book's updatedAt) changes after an edit or a reorder: the formats turn stale then. The
  // first load is the queries' own.
  const shownVersion = useRef(version);
  useEffect(() => {
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    void load();
  }, [load, version]);

  const waitingForFirst =
    data?.hasContent === true &&
    data.formats.some((f) => f.status === "NOT_RENDERED") &&
    Date.now() - mountedAt.current < FIRST_RENDER_WAIT_MS;
  const polling = Boolean(data && (data.formats.some(inFlight) || waitingForFirst));
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [polling, load]);

  // "Being rendered again" is true only while it lasts.
  const wasPolling = useRef(false);
  useEffect(() => {
    if (wasPolling.current && !polling) setMessage((m) => (m?.tone === "success" ? null : m));
    wasPolling.current = polling;
  }, [polling]);

  async function regenerate() {
    setRegenerating(true);
    setMessage(null);
    const result = await apiFetch(`/api/books/${bookId}/formats`, {
      method: "POST",
      body: {},
      schema: "regenerateFormatsResultSchema",
    });
    setRegenerating(false);
    if (result.ok) {
      setMessage({ tone: "success", text: t("books.formats.regenerated") });
      mountedAt.current = Date.now();
      await load();
    } else {
      setMessage({
        tone: "error",
        text: errorText(result.error.code),
      });
    }
  }

  // A download is counted by the server; refresh the numbers once the browser has followed the link.
  function afterDownload() {
    setTimeout(() => void load(), 1500);
  }

  const stale = Boolean(data && (data.formatsStale || data.formats.some((f) => f.stale)));
  const last30 = downloads?.byDay.reduce((sum, d) => sum + d.count, 0) ?? 0;
  const maxDay = Math.max(1, ...(downloads?.byDay.map((d) => d.count) ?? [1]));

  return (
    <section
      aria-labelledby="formats-heading"
      className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      data-testid="formats-panel"
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id="formats-heading" className="text-sm font-semibold text-stone-900">
            {t("books.formats.title")}
          </h2>
          <p className="mt-0.5 text-xs text-stone-600">{t("books.formats.description")}</p>
        </div>
        {stale ? <Badge tone="amber">{t("books.formats.stale")}</Badge> : null}
      </div>

      {failed && !data ? (
        <div className="mt-3 space-y-2">
          <Alert tone="error">{t("books.formats.loadFailed")}</Alert>
          <Button size="sm" variant="secondary" onClick={() => void load()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : !data ? (
        <div className="mt-4 flex justify-center text-stone-400" role="status">
          <Spinner />
          <span className="sr-only">{t("common.loading")}</span>
        </div>
      ) : !data.hasContent ? (
        <p className="mt-3 text-sm text-stone-600">{t("books.formats.waiting")}</p>
      ) : (
        <>
          {stale ? <p className="mt-2 text-xs text-amber-800">{t("books.formats.staleHint")}</p> : null}
          <ul className="mt-3 divide-y divide-stone-100">
            {data.formats.map((row) => {
              const name = t(`books.formats.names.${row.format}`);
              return (
                <li key={row.format} className="flex items-center gap-3 py-2.5" data-format={row.format}>
                  <div className="min-w-0 flex-1">
                    <p className="flex items-center gap-2 text-sm font-medium text-stone-900">
                      {name}
                      {row.stale ? <Badge tone="amber">{t("books.formats.stale")}</Badge> : null}
                    </p>
                    <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-stone-500">
                      <span data-format-status={row.status}>
                        <Badge tone={statusTones[row.status]}>{t(`books.formats.status.${row.status}`)}</Badge>
                      </span>
                      {row.size !== null ? <span>{formatBytes(row.size, locale)}</span> : null}
                      <span data-downloads={row.downloads}>
                        {t(
                          isSingular(row.downloads, locale) ? "books.formats.downloadsOne" : "books.formats.downloads",
                          {
                            count: formatNumber(row.downloads, locale),
                          },
                        )}
                      </span>
                    </p>
                    {row.error ? <p className="mt-1 text-xs text-red-700">{row.error}</p> : null}
                  </div>
                  {row.downloadUrl ? (
                    <a
                      href={row.downloadUrl}
                      download
                      onClick={afterDownload}
                      aria-label={t("books.formats.downloadLabel", {
                        format: name,
                        size: row.size !== null ? formatBytes(row.size, locale) : "",
                      })}
                      className="inline-flex h-8 items-center gap-1.5 rounded-lg border border-stone-300 bg-white px-2.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-600"
                      data-download={row.format}
                    >
                      <Download className="size-4" aria-hidden="true" />
                      {t("books.formats.download")}
                    </a>
                  ) : inFlight(row) ? (
                    <Spinner className="size-4 text-ink-600" />
                  ) : null}
                </li>
              );
            })}
          </ul>

          {downloads ? (
            <div className="mt-3 border-t border-stone-100 pt-3">
              <p className="text-xs text-stone-600">
                {t(
                  isSingular(downloads.total, locale)
                    ? "books.formats.totalDownloadsOne"
                    : "books.formats.totalDownloads",
                  {
                    count: formatNumber(downloads.total, locale),
                  },
                )}{" "}
                · {t("books.formats.last30Days", { count: formatNumber(last30, locale) })}
              </p>
              <div className="mt-2 flex h-8 items-end gap-px" aria-hidden="true">
                {downloads.byDay.map((day) => (
                  <div
                    key={day.date}
                    title={`${day.date}: ${day.count}`}
                    className={day.count > 0 ? "flex-1 rounded-sm bg-ink-400" : "flex-1 rounded-sm bg-stone-100"}
                    style={{ height: `${Math.max(8, (100 * day.count) / maxDay)}%` }}
                  />
                ))}
              </div>
            </div>
          ) : null}

          {canWrite ? (
            <div className="mt-3 space-y-2">
              <Button
                size="sm"
                variant={stale ? "primary" : "secondary"}
                onClick={() => void regenerate()}
                loading={regenerating}
                disabled={data.formats.some(inFlight)}
                className="w-full"
              >
                <RefreshCw className="size-4" aria-hidden="true" />
                {data.formats.some(inFlight) ? t("books.formats.regenerating") : t("books.formats.regenerate")}
              </Button>
            </div>
          ) : null}
          {message ? (
            <Alert tone={message.tone} className="mt-2">
              {message.text}
            </Alert>
          ) : (
            <Alert tone="success" />
          )}
        </>
      )}
    </section>
  );
}
