"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useEffect, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { Alert } from "@/components/ui/alert";
import type { ChapterSummary } from "@/contracts/books";
import { useBookErrorText } from "./use-book-error-text";

/**
 * Reorders chapters with "move up" / "move down" buttons (keyboard and screen-reader friendly, no drag
 * needed); each move is saved at once (PUT /chapters/order) and announced.
 */
export function ChapterOrder({
  bookId,
  chapters,
  disabled,
  onChanged,
}: {
  bookId: string;
  chapters: ChapterSummary[];
  disabled: boolean;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const errorText = useBookErrorText();
  const [list, setList] = useState(chapters);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setList(chapters), [chapters]);

  async function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= list.length || saving) return;
    const previous = list;
    const next = [...list];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(target, 0, moved);
    setList(next);
    setSaving(true);
    setError(null);
    setStatus(t("books.order.saving"));
    const result = await apiFetch(`/api/books/${bookId}/chapters/order`, {
      method: "PUT",
      body: { chapterIds: next.map((c) => c.id) },
      schema: "reorderResultSchema",
    });
    setSaving(false);
    if (!result.ok) {
      setList(previous);
      setStatus(null);
      setError(errorText(result.error.code));
      return;
    }
    setStatus(t("books.order.moved", { title: moved.title, position: target + 1 }));
    // Keep the keyboard where it was: on the same button of the moved chapter, or its twin at the edges.
    requestAnimationFrame(() => {
      const same = document.querySelector<HTMLButtonElement>(`[data-move="${delta < 0 ? "up" : "down"}-${moved.id}"]`);
      const other = document.querySelector<HTMLButtonElement>(`[data-move="${delta < 0 ? "down" : "up"}-${moved.id}"]`);
      (same && !same.disabled ? same : other)?.focus();
    });
    await onChanged();
  }

  return (
    <section aria-labelledby="order-heading" className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id="order-heading" className="text-sm font-semibold text-stone-900">
        {t("books.order.title")}
      </h2>
      <p className="mt-0.5 text-xs text-stone-600">
        {disabled ? t("books.order.unavailable") : t("books.order.description")}
      </p>
      <ol className="mt-3 space-y-1.5" data-testid="chapter-order">
        {list.map((chapter, index) => (
          <li key={chapter.id} className="flex items-center gap-2 rounded-lg border border-stone-100 px-2 py-1.5">
            <span className="w-5 text-right text-xs tabular-nums text-stone-500">{index + 1}.</span>
            <span className="min-w-0 flex-1 truncate text-sm text-stone-800">{chapter.title}</span>
            <button
              type="button"
              onClick={() => void move(index, -1)}
              disabled={disabled || saving || index === 0}
              aria-label={t("books.order.moveUp", { title: chapter.title })}
              data-move={`up-${chapter.id}`}
              className="flex size-7 items-center justify-center rounded-md text-stone-600 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-ink-600 disabled:opacity-30"
            >
              <ArrowUp className="size-4" aria-hidden="true" />
            </button>
            <button
              type="button"
              onClick={() => void move(index, 1)}
              disabled={disabled || saving || index === list.length - 1}
              aria-label={t("books.order.moveDown", { title: chapter.title })}
              data-move={`down-${chapter.id}`}
              className="flex size-7 items-center justify-center rounded-md text-stone-600 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-ink-600 disabled:opacity-30"
            >
              <ArrowDown className="size-4" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-stone-600" role="status">
        {status}
      </p>
      <Alert tone="error">{error}</Alert>
    </section>
  );
}
