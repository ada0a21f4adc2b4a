"use client";

import { History } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { Book, Revision } from "@/contracts/books";
import { NameRevisionDialog } from "./name-revision-dialog";
import { RestoreRevisionDialog, type RestoreOutcome } from "./restore-revision-dialog";
import { RevisionCompare } from "./revision-compare";
import { RevisionItem } from "./revision-item";

const PAGE_SIZE = 10;

type Notice = { tone: "success" | "info" | "error"; text: string; reload?: boolean };

/**
 * The book's history, opened on demand: its revisions newest first (GET /revisions, paginated by cursor
 * with "Load more"), each one viewable, and restorable by writers after a confirmation. The list reloads
 * from the top whenever the book changes (an edit, a reorder, a restore), so a new revision appears first.
 */
export function RevisionHistory({
  book,
  canRestore,
  busy,
  onChanged,
}: {
  book: Book;
  canRestore: boolean;
  /** A generation is running: the server refuses restores until it ends. */
  busy: boolean;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Revision[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [restoreTarget, setRestoreTarget] = useState<Revision | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [nameTarget, setNameTarget] = useState<Revision | null>(null);
  /** The older version of the open comparison (null: closed). */
  const [compareFrom, setCompareFrom] = useState<string | null>(null);
  // Only the answer to the latest request is kept (a reload can overtake a "load more").
  const request = useRef(0);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const ticket = ++request.current;
      setLoadError(null);
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
      const result = await apiFetch(`/api/books/${book.id}/revisions?${query}`, { schema: "revisionPageSchema" });
      if (ticket !== request.current) return;
      if (!result.ok) {
        setLoadError(t("books.history.loadFailed"));
        return;
      }
      setItems((previous) => (cursor ? [...(previous ?? []), ...result.data.items] : result.data.items));
      setNextCursor(result.data.nextCursor);
    },
    [book.id, t],
  );

  // Opening the history, and every change of the book while it is open, loads it from the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: book.updatedAt is the reload trigger
  useEffect(() => {
    if (open) void loadPage(null);
  }, [open, book.updatedAt]);

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    await loadPage(nextCursor);
    setLoadingMore(false);
  }

  async function reloadAll() {
    setNotice(null);
    await onChanged();
    await loadPage(null);
  }

  async function restored(outcome: RestoreOutcome) {
    setRestoreTarget(null);
    setNotice(outcome);
    if (outcome.changed) {
      setExpandedId(null);
      // The reader shows the restored text; the new updatedAt reloads this list with the new revision on top.
      await onChanged();
    }
  }

  async function named(outcome: { tone: "success" | "error"; text: string; changed: boolean }) {
    setNameTarget(null);
    setNotice(outcome);
    if (outcome.changed) await loadPage(null);
  }

  async function chapterRestored(text: string, changed: boolean, tone: Notice["tone"]) {
    setNotice({ tone, text });
    if (changed) await onChanged();
  }

  const restorable = canRestore && !busy;

  return (
    <section
      aria-labelledby="history-heading"
      className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      data-testid="revision-history"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="history-heading" className="text-sm font-semibold text-stone-900">
            {t("books.history.title")}
          </h2>
          <p className="mt-0.5 text-xs text-stone-600">{t("books.history.description")}</p>
        </div>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          data-testid="toggle-history"
        >
          <History className="size-4" aria-hidden="true" />
          {open ? t("books.history.hide") : t("books.history.show")}
        </Button>
      </div>
      {open && canRestore && busy ? <p className="mt-2 text-xs text-stone-600">{t("books.history.busy")}</p> : null}

      <Alert tone="error" className="mt-3">
        {notice?.tone === "error" ? (
          <>
            <p>{notice.text}</p>
            {notice.reload ? (
              <Button size="sm" variant="secondary" className="mt-2" onClick={() => void reloadAll()}>
                {t("books.history.reload")}
              </Button>
            ) : null}
          </>
        ) : null}
      </Alert>
      <Alert tone={notice?.tone === "info" ? "info" : "success"} className="mt-3">
        {notice && notice.tone !== "error" ? notice.text : null}
      </Alert>

      {open ? (
        <div id={listId} className="mt-3">
          {loadError && items === null ? (
            <div className="space-y-2">
              <Alert tone="error">{loadError}</Alert>
              <Button size="sm" variant="secondary" onClick={() => void loadPage(null)}>
                {t("common.retry")}
              </Button>
            </div>
          ) : items === null ? (
            <div className="flex justify-center py-4 text-stone-400" role="status">
              <Spinner />
              <span className="sr-only">{t("common.loading")}</span>
            </div>
          ) : items.length === 0 ? (
            <p className="text-sm text-stone-600">{t("books.history.empty")}</p>
          ) : (
            <>
              <ol aria-label={t("books.history.listLabel")} className="divide-y divide-stone-100">
                {items.map((revision, index) => (
                  <RevisionItem
                    key={revision.id}
                    bookId={book.id}
                    language={book.language}
                    revision={revision}
                    current={index === 0}
                    expanded={expandedId === revision.id}
                    onToggle={() => setExpandedId((id) => (id === revision.id ? null : revision.id))}
                    onRestore={restorable ? () => setRestoreTarget(revision) : undefined}
                    onName={canRestore ? () => setNameTarget(revision) : undefined}
                    onCompare={() => setCompareFrom(revision.id)}
                  />
                ))}
              </ol>
              {loadError ? <Alert tone="error">{loadError}</Alert> : null}
              {compareFrom ? (
                <RevisionCompare
                  key={compareFrom}
                  bookId={book.id}
                  bookUpdatedAt={book.updatedAt}
                  revisions={items}
                  initialFrom={compareFrom}
                  canRestore={restorable}
                  onClose={() => setCompareFrom(null)}
                  onRestored={chapterRestored}
                />
              ) : null}
              {nextCursor ? (
                <Button
                  size="sm"
                  variant="secondary"
                  className="mt-2 w-full"
                  onClick={() => void loadMore()}
                  loading={loadingMore}
                  data-testid="history-load-more"
                >
                  {t("books.history.loadMore")}
                </Button>
              ) : null}
            </>
          )}
        </div>
      ) : null}

      <NameRevisionDialog bookId={book.id} revision={nameTarget} onClose={() => setNameTarget(null)} onDone={named} />
      <RestoreRevisionDialog
        bookId={book.id}
        bookUpdatedAt={book.updatedAt}
        revision={restoreTarget}
        onClose={() => setRestoreTarget(null)}
        onDone={restored}
      />
    </section>
  );
}
