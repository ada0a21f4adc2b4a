"use client";

import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import type { EngineInfo } from "@/contracts/books";
import type { BookField, BookFormValues } from "./wizard-fields";
import { formatNumber } from "@/components/books/book-format";

/** The last step: everything entered, with a way back to each part. */
export function ReviewStep({
  values,
  engines,
  onEdit,
}: {
  values: BookFormValues;
  engines: EngineInfo[];
  onEdit: (field: BookField) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const engine = engines.find((e) => e.id === values.engine);
  const rows: { field: BookField; label: MessageKey; value: string }[] = [
    { field: "title", label: "books.wizard.fields.title", value: values.title },
    { field: "topic", label: "books.wizard.fields.topic", value: values.topic },
    { field: "goal", label: "books.wizard.fields.goal", value: values.goal },
    { field: "audience", label: "books.reader.audience", value: values.audience },
    {
      field: "language",
      label: "books.wizard.fields.language",
      value: values.language === "fr" ? t("books.languages.fr") : t("books.languages.en"),
    },
    { field: "tone", label: "books.reader.tone", value: values.tone },
    {
      field: "targetChapters",
      label: "books.wizard.fields.chapters",
      value: formatNumber(Number(values.targetChapters), locale),
    },
    {
      field: "targetWords",
      label: "books.wizard.fields.words",
      value: formatNumber(Number(values.targetWords), locale),
    },
    {
      field: "engine",
      label: "books.wizard.fields.engine",
      value: lookup(`books.engines.${values.engine}`) ?? engine?.label ?? values.engine,
    },
  ];
  return (
    <div className="space-y-4">
      <p className="text-sm text-stone-700">
        {t("books.wizard.reviewIntro", {
          chapters: formatNumber(Number(values.targetChapters), locale),
          words: formatNumber(Number(values.targetWords), locale),
        })}
      </p>
      <dl className="divide-y divide-stone-100 rounded-lg border border-stone-200" data-testid="wizard-review">
        {rows.map((row) => (
          <div key={row.field} className="grid gap-1 px-4 py-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start sm:gap-4">
            <dt className="text-sm font-medium text-stone-600">{t(row.label)}</dt>
            <dd className="whitespace-pre-wrap break-words text-sm text-stone-900">
              {row.value.trim() ? row.value : <span className="text-stone-500">{t("books.wizard.notProvided")}</span>}
            </dd>
            <dd>
              <button
                type="button"
                onClick={() => onEdit(row.field)}
                className="text-sm font-medium text-ink-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ink-600"
                aria-label={`${t("books.wizard.edit")} — ${t(row.label)}`}
              >
                {t("books.wizard.edit")}
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
