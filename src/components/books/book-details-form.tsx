"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { updateBookInput } from "@/contracts/book-inputs";
import type { Book } from "@/contracts/books";
import { useT } from "@/i18n/i18n-provider";
import { useIssueMessage } from "@/i18n/use-issue-message";
import { apiFetch } from "@/lib/api-fetch";
import { fieldErrors, issueText, serverFieldIssue } from "@/components/forms/field-issues";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { BookLanguageField } from "./book-language-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useBookErrorText } from "./use-book-error-text";
import { useBriefFieldProps } from "./brief-field-props";

const fields = ["title", "topic", "goal", "audience", "tone", "language"] as const;
/** Checked before sending (the language is a choice of two). */
const checkedFields = ["title", "topic", "goal", "audience", "tone"] as const;
type DetailsField = (typeof fields)[number];
type DetailsValues = Record<DetailsField, string>;
const isDetailsField = (name: string | undefined): name is DetailsField =>
  (fields as readonly string[]).includes(name ?? "");

const valuesOf = (book: Book): DetailsValues => ({
  title: book.title,
  topic: book.topic,
  goal: book.goal,
  audience: book.audience ?? "",
  tone: book.tone ?? "",
  language: book.language,
});

/** What the user typed, trimmed, as the server will compare it (a blank audience or tone clears it). */
function changedFields(values: DetailsValues, base: DetailsValues): Partial<DetailsValues> {
  return Object.fromEntries(
    fields.filter((field) => values[field].trim() !== base[field].trim()).map((field) => [field, values[field].trim()]),
  );
}

/**
 * The form that edits a book's title and brief (PATCH /api/books/:id with only the fields that changed and
 * the updatedAt it was opened with). Mistakes are explained next to their field, before sending when the
 * rules allow it and from the server's `field` otherwise; an edit made meanwhile by someone else (409
 * EDIT_CONFLICT) is said plainly, with a button that reloads the latest details into the form.
 */
export function BookDetailsForm({
  book,
  onSaved,
  onCancel,
  onReload,
}: {
  book: Book;
  /** After a successful save, with the fields that changed (empty when nothing did). */
  onSaved: (changed: string[]) => Promise<void>;
  onCancel: () => void;
  /** Reloads the book; the parent then opens the form again on the latest details. */
  onReload: () => Promise<void>;
}) {
  const t = useT();
  const sayIssue = useIssueMessage();
  const errorText = useBookErrorText();
  const [base] = useState(() => ({ values: valuesOf(book), updatedAt: book.updatedAt }));
  const [values, setValues] = useState<DetailsValues>(base.values);
  const [errors, setErrors] = useState<Partial<Record<DetailsField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const languageHintId = useId();

  // The form opens on its first field; after a failed validation the first invalid field takes the focus.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
  }, []);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = (field: DetailsField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const brief = useBriefFieldProps(values, errors, set);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    // The PATCH rules themselves, on every field as it would be sent.
    const found = fieldErrors(updateBookInput, values, checkedFields, t, sayIssue);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const patch = changedFields(values, base.values);
    if (Object.keys(patch).length === 0) {
      await onSaved([]);
      return;
    }
    setSaving(true);
    setFormError(null);
    const result = await apiFetch(`/api/books/${book.id}`, {
      method: "PATCH",
      body: { ...patch, expectedUpdatedAt: base.updatedAt },
      schema: "bookUpdateResultSchema",
    });
    if (result.ok) {
      await onSaved(result.data.changed);
      return;
    }
    setSaving(false);
    const { code, field, message } = result.error;
    if (code === "EDIT_CONFLICT") {
      setConflict(true);
      return;
    }
    if (code === "VALIDATION_FAILED" && isDetailsField(field)) {
      setErrors({ [field]: issueText(serverFieldIssue(field, message), t, sayIssue) });
      return;
    }
    setFormError(code === "BOOK_BUSY" ? t("books.details.busy") : errorText(code));
  }

  async function reload() {
    setReloading(true);
    await onReload();
    setReloading(false);
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label={t("books.details.formLabel")}
      className="mt-4 space-y-4"
      data-testid="book-details-form"
    >
      {conflict ? (
        <Alert tone="error">
          <p>{t("books.details.conflict")}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void reload()} loading={reloading}>
            {t("books.details.reload")}
          </Button>
        </Alert>
      ) : null}
      <TextField {...brief("title")} maxLength={200} required />
      <TextAreaField {...brief("topic")} hint={t("books.wizard.fields.topicHint")} required />
      <TextAreaField {...brief("goal")} hint={t("books.wizard.fields.goalHint")} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...brief("audience")} />
        <TextField {...brief("tone")} />
      </div>
      <div className="space-y-1.5">
        <BookLanguageField
          value={values.language}
          onChange={(e) => set("language")(e.target.value)}
          error={errors.language}
          {...(errors.language ? {} : { "aria-describedby": languageHintId })}
        />
        <p id={languageHintId} className="text-xs text-stone-500">
          {t("books.details.languageHint")}
        </p>
      </div>
      <Alert tone="error">{formError}</Alert>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={saving}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={saving} data-testid="save-book-details">
          {t("books.details.save")}
        </Button>
      </div>
    </form>
  );
}
