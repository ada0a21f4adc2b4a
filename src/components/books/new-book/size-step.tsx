"use client";

import { clsx } from "clsx";
import { useId } from "react";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import type { EngineInfo } from "@/contracts/books";
import { formatNumber } from "@/components/books/book-format";
import { Badge } from "@/components/ui/badge";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { NumberField } from "@/components/ui/number-field";
import { GenerationEstimate } from "./generation-estimate";
import type { StepFieldsProps } from "./wizard-steps";

const WORDS_PER_MINUTE = 230;

/** Step 3: how long (chapters, words, with a per-chapter and reading-time hint) and which engine writes it. */
export function SizeStep({ values, errors, set, engines }: StepFieldsProps & { engines: EngineInfo[] | null }) {
  const t = useT();
  const locale = useLocale();
  const chapters = Number(values.targetChapters) || 0;
  const words = Number(values.targetWords) || 0;
  const perChapter = chapters > 0 ? Math.round(words / chapters) : 0;
  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <NumberField
          label={t("books.wizard.fields.chapters")}
          name="targetChapters"
          min={1}
          max={50}
          value={values.targetChapters}
          onChange={(e) => set("targetChapters")(e.target.value)}
          hint={t("books.wizard.fields.chaptersHint")}
          error={errors.targetChapters}
        />
        <NumberField
          label={t("books.wizard.fields.words")}
          name="targetWords"
          min={500}
          max={200000}
          step={100}
          value={values.targetWords}
          onChange={(e) => set("targetWords")(e.target.value)}
          hint={t("books.wizard.fields.wordsHint", {
            perChapter: formatNumber(perChapter, locale),
            minutes: formatNumber(Math.max(1, Math.round(words / WORDS_PER_MINUTE)), locale),
          })}
          error={errors.targetWords}
        />
      </div>
      <EngineChoice engines={engines} value={values.engine} onChange={set("engine")} error={errors.engine} />
      <CheckboxField
        name="reviewPlan"
        label={t("books.wizard.fields.reviewPlan")}
        hint={t("books.wizard.fields.reviewPlanHint")}
        checked={values.reviewPlan === "true"}
        onChange={(checked) => set("reviewPlan")(checked ? "true" : "")}
      />
      <GenerationEstimate
        targetWords={values.targetWords}
        targetChapters={values.targetChapters}
        engine={values.engine}
      />
    </>
  );
}

/** The engine radio cards; the demo engine is always there and says plainly that it writes placeholder text. */
function EngineChoice({
  engines,
  value,
  onChange,
  error,
}: {
  engines: EngineInfo[] | null;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const t = useT();
  const lookup = useOptionalMessage();
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-stone-800">{t("books.wizard.fields.engine")}</legend>
      {engines === null ? (
        <p className="mt-2 text-sm text-stone-500" role="status">
          {t("books.wizard.engineLoading")}
        </p>
      ) : (
        <div className="mt-2 grid gap-3">
          {engines.map((engine) => {
            const checked = engine.id === value;
            return (
              <label
                key={engine.id}
                className={clsx(
                  "flex cursor-pointer items-start gap-3 rounded-lg border p-3 focus-within:outline-2 focus-within:outline-ink-600",
                  checked ? "border-ink-600 bg-ink-50" : "border-stone-300 bg-white hover:border-ink-300",
                )}
              >
                <input
                  type="radio"
                  name="engine"
                  value={engine.id}
                  checked={checked}
                  onChange={() => onChange(engine.id)}
                  aria-invalid={error ? true : undefined}
                  className="mt-1 size-4 accent-ink-700"
                />
                <span>
                  <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-stone-900">
                    {lookup(`books.engines.${engine.id}`) ?? engine.label}
                    {engine.isDemo ? <Badge tone="amber">{t("books.demoBadge")}</Badge> : null}
                  </span>
                  <span className="mt-0.5 block text-sm text-stone-600">
                    {lookup(`books.engines.${engine.id}Description`) ?? ""}
                  </span>
                </span>
              </label>
            );
          })}
          {engines.length === 1 ? <p className="text-xs text-stone-500">{t("books.wizard.engineOnlyDemo")}</p> : null}
        </div>
      )}
      <p id={errorId} className="mt-1 text-sm text-red-700 empty:hidden" aria-live="polite" data-field-error="engine">
        {error ?? ""}
      </p>
    </fieldset>
  );
}
