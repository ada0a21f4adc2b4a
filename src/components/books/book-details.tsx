"use client";

import { PencilLine } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Book } from "@/contracts/books";

// The form (and Zod, for its inline validation) loads when a writer opens it, not with the book page.
const BookDetailsForm = dynamic(() => import("./book-details-form").then((module) => module.BookDetailsForm));

type Message = { tone: "success" | "info"; text: string };

/**
 * The book's details: what it was asked to be (topic, goal, audience, tone, engine) for everyone, and for
 * writers an "Edit details" button that swaps the list for the form. After a save the whole book is
 * reloaded (new title in the header, formats marked stale by the server shown as such) and the outcome is
 * announced; the focus comes back to the button.
 */
export function BookDetails({
  book,
  canEdit,
  busy,
  onChanged,
}: {
  book: Book;
  canEdit: boolean;
  /** A generation is running: the server refuses edits until it ends. */
  busy: boolean;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const lookup = useOptionalMessage();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [message, setMessage] = useState<Message | null>(null);
  const section = useRef<HTMLElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (wasEditing.current && !editing) {
      section.current?.querySelector<HTMLButtonElement>("[data-testid=edit-book-details]")?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  async function saved(changed: string[]) {
    if (changed.length > 0) await onChanged();
    setEditing(false);
    setMessage({
      tone: changed.length > 0 ? "success" : "info",
      text:
        changed.length === 0
          ? t("books.details.unchanged")
          : changed.includes("title") || changed.includes("language")
            ? t("books.details.savedStale")
            : t("books.details.saved"),
    });
    // The browser tab's title comes from the server's metadata.
    if (changed.includes("title")) router.refresh();
  }

  async function reload() {
    await onChanged();
    setFormKey((k) => k + 1);
    setMessage({ tone: "info", text: t("books.details.reloaded") });
  }

  const rows = [
    { label: t("books.reader.topic"), value: book.topic },
    { label: t("books.reader.goal"), value: book.goal },
    { label: t("books.reader.audience"), value: book.audience },
    { label: t("books.reader.tone"), value: book.tone },
    { label: t("books.reader.engine"), value: lookup(`books.engines.${book.engine.id}`) ?? book.engine.label },
  ].filter((row): row is { label: string; value: string } => Boolean(row.value));

  return (
    <section
      ref={section}
      aria-labelledby="details-heading"
      className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      data-testid="book-details"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="details-heading" className="text-sm font-semibold text-stone-900">
            {t("books.details.title")}
          </h2>
          <p className="mt-0.5 text-xs text-stone-600">{t("books.details.description")}</p>
        </div>
        {canEdit && !editing ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
            disabled={busy}
            data-testid="edit-book-details"
          >
            <PencilLine className="size-4" aria-hidden="true" />
            {t("books.details.edit")}
          </Button>
        ) : null}
      </div>
      {canEdit && busy ? <p className="mt-2 text-xs text-stone-600">{t("books.details.busy")}</p> : null}
      <Alert tone={message?.tone ?? "success"} className="mt-3">
        {message?.text}
      </Alert>
      {editing ? (
        <BookDetailsForm
          key={formKey}
          book={book}
          onSaved={saved}
          onCancel={() => setEditing(false)}
          onReload={reload}
        />
      ) : (
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-[8rem_1fr]">
          {rows.map((row) => (
            <div key={row.label} className="contents">
              <dt className="text-stone-500">{row.label}</dt>
              <dd className="min-w-0 whitespace-pre-wrap text-stone-800 wrap-anywhere">{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
