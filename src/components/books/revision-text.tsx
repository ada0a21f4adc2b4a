"use client";

import { clsx } from "clsx";
import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { useApiQuery } from "@/lib/use-api-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { Revision } from "@/contracts/books";
import { MarkdownView } from "./markdown-view";

type Mode = "formatted" | "source";

/**
 * The whole text of one revision, read-only (GET /revisions/:id): formatted like the reader, or as its
 * Markdown source. The text scrolls inside a focusable region so keyboard users can read it too.
 */
export function RevisionText({
  id,
  bookId,
  revision,
  language,
}: {
  id: string;
  bookId: string;
  revision: Revision;
  language: string;
}) {
  const t = useT();
  const [mode, setMode] = useState<Mode>("formatted");
  const text = useApiQuery(`/api/books/${bookId}/revisions/${revision.id}`, "revisionTextSchema");
  const content = text.data?.revision.content ?? null;
  // A retry shows the spinner again rather than the old error.
  const failure = text.loading ? null : text.error;
  const error = failure
    ? failure.status === 404
      ? t("books.history.notFound")
      : t("books.history.textLoadFailed")
    : null;

  const label = t("books.history.textLabel", { version: revision.version });

  return (
    <div id={id} className="mt-3 space-y-2" data-testid="revision-text">
      {error ? (
        <div className="space-y-2">
          <Alert tone="error">{error}</Alert>
          <Button size="sm" variant="secondary" onClick={() => void text.reload()}>
            {t("common.retry")}
          </Button>
        </div>
      ) : content === null ? (
        <div className="flex justify-center py-4 text-stone-400" role="status">
          <Spinner />
          <span className="sr-only">{t("common.loading")}</span>
        </div>
      ) : (
        <>
          <fieldset className="flex gap-1">
            <legend className="sr-only">{t("books.history.textModeLabel")}</legend>
            {(["formatted", "source"] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
                className={clsx(
                  "rounded-md border px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-ink-600",
                  mode === m
                    ? "border-ink-300 bg-ink-50 text-ink-900"
                    : "border-stone-200 bg-white text-stone-700 hover:bg-stone-50",
                )}
              >
                {m === "formatted" ? t("books.history.formatted") : t("books.history.source")}
              </button>
            ))}
          </fieldset>
          <section
            aria-label={label}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            tabIndex={0}
            lang={language}
            className="max-h-[28rem] overflow-auto rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 focus-visible:outline-2 focus-visible:outline-ink-600"
          >
            {mode === "formatted" ? (
              <MarkdownView markdown={content} className="font-serif text-[0.98rem] text-stone-800" />
            ) : (
              <pre className="whitespace-pre-wrap wrap-anywhere font-mono text-xs leading-relaxed text-stone-800">
                {content}
              </pre>
            )}
          </section>
        </>
      )}
    </div>
  );
}
