"use client";

import { clsx } from "clsx";
import { ArrowLeft, Save } from "lucide-react";
import Link from "next/link";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import { countMarkdownWords, formatNumber, formatTime } from "./book-format";
import { headingTitle } from "@/contracts/book-inputs";
import type { Book, Chapter, Job } from "@/contracts/books";
import { isFinishedJob } from "@/contracts/job-status";
import { MarkdownView } from "./markdown-view";
import { FindingsTextarea } from "@/components/corrections";
import { bookPath } from "@/lib/book-paths";
import { useBookArea } from "./use-book-area";
import { useBookErrorText } from "./use-book-error-text";

type Mode = "write" | "preview";

/**
 * The Markdown editor of one chapter: title, text with a Write / Preview switch (the preview renders the
 * Markdown safely, no raw HTML), word count, save with Ctrl/⌘+S. Saves send the chapter's updatedAt so an
 * edit made meanwhile by someone else is detected (409 EDIT_CONFLICT): the page says so and offers to
 * reload the latest version. Whoever may not edit the book (`canEdit`, the server's access for this person)
 * gets a read-only notice instead of the editor. The way back leads to the book in the area the page is in
 * (/app for members, /shared for outside collaborators).
 */
export function ChapterEditor({
  book,
  chapter: initial,
  chapters,
  job,
  canEdit,
}: {
  book: Book;
  chapter: Chapter;
  chapters: Chapter[];
  job: Job | null;
  canEdit: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const errorText = useBookErrorText();
  const area = useBookArea();
  const [base, setBase] = useState(initial);
  const [title, setTitle] = useState(initial.title);
  const [content, setContent] = useState(initial.content);
  const [mode, setMode] = useState<Mode>("write");
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const tabsId = useId();
  const contentId = useId();

  const sorted = [...chapters].sort((a, b) => a.order - b.order);
  const number = sorted.findIndex((c) => c.id === initial.id) + 1 || initial.order;
  const dirty = title !== base.title || content !== base.content;
  const busy = job !== null && !isFinishedJob(job.status);

  // Leaving with unsaved changes asks first (the browser shows its own wording).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const backHref = bookPath(area, book.id, number);

  if (!canEdit) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <PageHeader title={t("books.editor.title", { number })} description={book.title} />
        <Alert tone="info">{t("books.editor.readOnly")}</Alert>
        <ButtonLink href={backHref} variant="secondary">
          {t("books.editor.backToBook")}
        </ButtonLink>
      </div>
    );
  }

  async function save() {
    if (saving) return;
    const trimmed = title.trim();
    // The API's rule for a chapter title (one line, 1 to 200 characters).
    if (!headingTitle.safeParse(trimmed).success) {
      setTitleError(t("books.editor.titleRequired"));
      return;
    }
    setTitleError(null);
    setSaving(true);
    setError(null);
    setReloaded(false);
    const result = await apiFetch(`/api/books/${book.id}/chapters/${base.id}`, {
      method: "PATCH",
      schema: "chapterUpdateResultSchema",
      body: {
        ...(trimmed !== base.title ? { title: trimmed } : {}),
        ...(content !== base.content ? { content } : {}),
        ...(trimmed === base.title && content === base.content ? { content } : {}),
        expectedUpdatedAt: base.updatedAt,
      },
    });
    setSaving(false);
    if (result.ok) {
      setBase(result.data.chapter);
      setTitle(result.data.chapter.title);
      setContent(result.data.chapter.content);
      setSavedAt(new Date());
      setConflict(false);
      return;
    }
    if (result.error.code === "EDIT_CONFLICT") {
      setConflict(true);
      return;
    }
    if (result.error.field === "title") {
      setTitleError(t("books.editor.titleRequired"));
      return;
    }
    setError(
      result.error.code === "BOOK_BUSY"
        ? t("books.editor.busy")
        : result.error.status === 404
          ? t("books.editor.notFound")
          : errorText(result.error.code),
    );
  }

  async function reload() {
    const result = await apiFetch(`/api/books/${book.id}/chapters/${base.id}`, { schema: "chapterDetailSchema" });
    if (!result.ok) {
      setError(result.status === 404 ? t("books.editor.notFound") : t("errors.generic"));
      return;
    }
    setBase(result.data.chapter);
    setTitle(result.data.chapter.title);
    setContent(result.data.chapter.content);
    setConflict(false);
    setSavedAt(null);
    setReloaded(true);
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void save();
    }
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const next: Mode = mode === "write" ? "preview" : "write";
    setMode(next);
    document.getElementById(`${tabsId}-${next}-tab`)?.focus();
  }

  const words = countMarkdownWords(content);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/⌘+S anywhere in the editor saves; the button does too
    <div className="space-y-5" onKeyDown={onKeyDown}>
      <div>
        <Link
          href={backHref}
          className="inline-flex max-w-full items-center gap-1.5 text-sm font-medium text-ink-700 wrap-anywhere hover:text-ink-900 focus-visible:outline-2 focus-visible:outline-ink-600"
        >
          <ArrowLeft className="size-4 shrink-0" aria-hidden="true" />
          <span className="min-w-0">{book.title}</span>
        </Link>
      </div>
      <PageHeader
        title={t("books.editor.title", { number })}
        description={t("books.editor.description")}
        actions={
          <div className="flex items-center gap-3">
            <span className="text-sm text-stone-500" aria-live="polite">
              {dirty
                ? t("books.editor.unsaved")
                : savedAt
                  ? t("books.editor.saved", { time: formatTime(savedAt, locale) })
                  : ""}
            </span>
            <Button onClick={() => void save()} loading={saving} disabled={busy} data-testid="save-chapter">
              <Save className="size-4" aria-hidden="true" />
              {saving ? t("books.editor.saving") : t("books.editor.save")}
            </Button>
          </div>
        }
      />

      {busy ? <Alert tone="info">{t("books.editor.busy")}</Alert> : null}
      {conflict ? (
        <Alert tone="error">
          <p>{t("books.editor.conflict")}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void reload()}>
            {t("books.editor.reload")}
          </Button>
        </Alert>
      ) : (
        <Alert tone="error">{error}</Alert>
      )}
      <Alert tone="success">{reloaded ? t("books.editor.reloaded") : null}</Alert>

      <Card className="overflow-hidden">
        <div className="space-y-4 p-5">
          <TextField
            label={t("books.editor.chapterTitle")}
            name="title"
            value={title}
            maxLength={200}
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleError(null);
            }}
            error={titleError}
          />
          <div>
            <div className="flex flex-wrap items-end justify-between gap-2">
              <div role="tablist" aria-label={t("books.editor.modesLabel")} className="flex gap-1">
                {(["write", "preview"] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    role="tab"
                    id={`${tabsId}-${m}-tab`}
                    aria-selected={mode === m}
                    aria-controls={`${tabsId}-${m}-panel`}
                    tabIndex={mode === m ? 0 : -1}
                    onClick={() => setMode(m)}
                    onKeyDown={onTabKey}
                    className={clsx(
                      "rounded-t-lg border border-b-0 px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ink-600",
                      mode === m
                        ? "border-stone-300 bg-white text-ink-800"
                        : "border-transparent text-stone-600 hover:text-stone-900",
                    )}
                  >
                    {m === "write" ? t("books.editor.write") : t("books.editor.preview")}
                  </button>
                ))}
              </div>
              <span className="pb-1 text-xs tabular-nums text-stone-500">
                {t("books.editor.words", { count: formatNumber(words, locale) })}
              </span>
            </div>
            {mode === "write" ? (
              <div role="tabpanel" id={`${tabsId}-write-panel`} aria-labelledby={`${tabsId}-write-tab`}>
                <label htmlFor={contentId} className="sr-only">
                  {t("books.editor.content")}
                </label>
                <FindingsTextarea
                  bookId={book.id}
                  chapterId={base.id}
                  savedContent={base.content}
                  onTextChanged={reload}
                  id={contentId}
                  name="content"
                  value={content}
                  onChange={(e) => setContent(e.target.value)}
                  rows={24}
                  spellCheck
                  lang={book.language}
                  className="block min-h-96 w-full rounded-b-lg rounded-tr-lg border border-stone-300 bg-transparent px-4 py-3 font-mono text-sm leading-relaxed text-stone-900 shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-ink-500"
                  data-testid="chapter-content"
                />
              </div>
            ) : (
              <div
                role="tabpanel"
                id={`${tabsId}-preview-panel`}
                aria-labelledby={`${tabsId}-preview-tab`}
                lang={book.language}
                className="min-h-96 rounded-b-lg rounded-tr-lg border border-stone-300 bg-white px-6 py-5 wrap-anywhere"
                data-testid="chapter-preview"
              >
                <h2 className="font-serif text-2xl font-semibold text-stone-900">{title}</h2>
                {content.trim() ? (
                  <MarkdownView markdown={content} className="mt-4 font-serif text-[1.05rem] text-stone-800" />
                ) : (
                  <p className="mt-4 text-sm text-stone-500">{t("books.editor.previewEmpty")}</p>
                )}
              </div>
            )}
          </div>
        </div>
      </Card>
      <ButtonLink href={backHref} variant="secondary">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("books.editor.backToBook")}
      </ButtonLink>
    </div>
  );
}
