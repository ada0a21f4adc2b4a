"use client";

import { clsx } from "clsx";
import { Check, ChevronLeft, ChevronRight, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import type { MessageKey } from "@/i18n/translate";
import { apiFetch, toApiError } from "@/lib/api-fetch";
import { canManage } from "@/lib/api-types";
import { PageHeader } from "@/components/app-shell/page-header";
import { useMe } from "@/components/app-shell/me-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import { formatNumber } from "./book-format";
import { canWriteBooks } from "./book-roles";
import type { Book, Job } from "./book-types";
import {
  type BookField,
  type BookFormValues,
  bookFormBody,
  type EngineOption,
  validateBookFields,
} from "./book-form-rules";
import { BookLanguageField } from "./book-language-field";
import { TextAreaField } from "./text-area-field";

type Field = BookField;
type Values = BookFormValues;
type StepId = "about" | "readers" | "size" | "review";

const steps: { id: StepId; fields: Field[] }[] = [
  { id: "about", fields: ["title", "topic", "goal"] },
  { id: "readers", fields: ["audience", "language", "tone"] },
  { id: "size", fields: ["targetChapters", "targetWords", "engine"] },
  { id: "review", fields: [] },
];
const allFields = steps.flatMap((s) => s.fields);
const stepOf = (field: string) => steps.findIndex((s) => (s.fields as string[]).includes(field));

const DEMO: EngineOption = { id: "demo", label: "Demo engine — placeholder text", isDemo: true };
const WORDS_PER_MINUTE = 230;

type PlanLimit = { limit: number; used: number; upgradeTo: string | null };

/**
 * The new-book wizard: four short steps (about, readers, length and engine, review) with inline validation
 * that mirrors the server's rules; server field errors take the user back to the step that holds the field.
 * Defaults: the UI's language, 5 chapters, 5,000 words, the demo engine (or the organization's default).
 */
export function NewBookWizard() {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const router = useRouter();
  const { me } = useMe();
  const role = me.activeOrganization?.role;
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<Values>({
    title: "",
    topic: "",
    goal: "",
    audience: "",
    language: locale === "fr" ? "fr" : "en",
    tone: "",
    targetChapters: "5",
    targetWords: "5000",
    engine: "demo",
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [planLimit, setPlanLimit] = useState<PlanLimit | null>(null);
  const [engines, setEngines] = useState<EngineOption[] | null>(canManage(role) ? null : [DEMO]);
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Engines other than the demo are offered only when the API says they are configured; members and
  // guests cannot read the engine settings (403), so they get the demo engine.
  useEffect(() => {
    if (!canManage(role)) return;
    let cancelled = false;
    void (async () => {
      const result = await apiFetch<{
        settings: { defaultEngine: string };
        engines: (EngineOption & { configured: boolean })[];
      }>("/api/organization/engine");
      if (cancelled) return;
      if (!result.ok) {
        setEngines([DEMO]);
        return;
      }
      const available = result.data.engines.filter((e) => e.configured || e.id === "demo");
      const list = available.some((e) => e.id === "demo") ? available : [DEMO, ...available];
      setEngines(list);
      const preferred = result.data.settings.defaultEngine;
      if (list.some((e) => e.id === preferred)) setValues((v) => ({ ...v, engine: preferred }));
    })();
    return () => {
      cancelled = true;
    };
  }, [role]);

  // Each step change moves the focus to the step's heading so screen readers announce where the user is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on step changes only
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  // After a failed validation, the first invalid field takes the focus.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  }, [errors]);

  if (!canWriteBooks(role)) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <PageHeader title={t("books.wizard.title")} />
        <Alert tone="info">{t("books.wizard.readOnly")}</Alert>
        <ButtonLink href="/app" variant="secondary">
          {t("books.wizard.backToBooks")}
        </ButtonLink>
      </div>
    );
  }

  const engineList = engines ?? [DEMO];
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function goTo(next: number) {
    setFormError(null);
    setStep(next);
  }

  function advance() {
    const found = validateBookFields(values, steps[step]!.fields, t, engineList);
    setErrors(found);
    if (Object.keys(found).length === 0) goTo(step + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (step < steps.length - 1) {
      advance();
      return;
    }
    const found = validateBookFields(values, allFields, t, engineList);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setStep(Math.max(0, stepOf(Object.keys(found)[0]!)));
      return;
    }
    setSubmitting(true);
    setFormError(null);
    setPlanLimit(null);
    const body = bookFormBody(values);
    let response: Response;
    try {
      response = await fetch("/api/books", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch {
      setSubmitting(false);
      setFormError(t("errors.NETWORK_ERROR"));
      return;
    }
    const json = (await response.json().catch(() => null)) as
      | { book: Book; job: Job }
      | { error?: { code?: string; limit?: number; used?: number; upgradeTo?: string | null; feature?: string } }
      | null;
    if (response.ok && json && "book" in json) {
      router.push(`/app/books/${json.book.id}`);
      return;
    }
    setSubmitting(false);
    const error = toApiError(response.status, json);
    const raw = json && "error" in json ? json.error : undefined;
    // A plan without real engines refuses them (same code, a `feature` instead of a monthly count).
    if (error.code === "PLAN_LIMIT_REACHED" && raw?.feature) {
      setErrors({
        engine: raw.upgradeTo
          ? t("books.wizard.planEngine", { plan: raw.upgradeTo })
          : t("books.wizard.planEngineNoUpgrade"),
      });
      setStep(stepOf("engine"));
      return;
    }
    if (error.code === "PLAN_LIMIT_REACHED") {
      setPlanLimit({ limit: raw?.limit ?? 0, used: raw?.used ?? 0, upgradeTo: raw?.upgradeTo ?? null });
      return;
    }
    const field = error.field as Field | undefined;
    if (field && allFields.includes(field)) {
      // Our own message for the field when the client knows the rule, else the server's.
      const local = validateBookFields(values, [field], t, engineList)[field];
      const message =
        lookup(`books.errors.${error.code}`) ??
        local ??
        (error.message.replace(/^[\w.]+: /, "") || t("errors.generic"));
      setErrors({ [field]: message });
      setStep(stepOf(field));
      return;
    }
    setFormError(lookup(`books.errors.${error.code}`) ?? lookup(`errors.${error.code}`) ?? t("errors.generic"));
  }

  const chapters = Number(values.targetChapters) || 0;
  const words = Number(values.targetWords) || 0;
  const perChapter = chapters > 0 ? Math.round(words / chapters) : 0;
  const current = steps[step]!;

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("books.wizard.title")} description={t("books.wizard.description")} />
      <nav aria-label={t("books.wizard.stepsLabel")} className="mb-6">
        <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {steps.map((s, index) => {
            const done = index < step;
            const active = index === step;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => (index < step ? goTo(index) : undefined)}
                  disabled={index > step}
                  aria-current={active ? "step" : undefined}
                  className={clsx(
                    "flex w-full items-center gap-2 rounded-lg border px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-ink-600",
                    active
                      ? "border-ink-600 bg-ink-50 font-semibold text-ink-900"
                      : done
                        ? "border-stone-200 bg-white text-stone-800 hover:border-ink-300"
                        : "cursor-default border-stone-200 bg-white text-stone-500",
                  )}
                >
                  <span
                    className={clsx(
                      "flex size-6 shrink-0 items-center justify-center rounded-full text-xs",
                      done ? "bg-ink-700 text-white" : active ? "bg-ink-700 text-white" : "bg-stone-100 text-stone-600",
                    )}
                    aria-hidden="true"
                  >
                    {done ? <Check className="size-3.5" /> : index + 1}
                  </span>
                  <span className="truncate" title={t(`books.wizard.steps.${s.id}`)}>
                    {t(`books.wizard.steps.${s.id}`)}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <Card>
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-labelledby="wizard-step-heading"
          className="space-y-5 p-5 sm:p-6"
        >
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
              {t("books.wizard.stepOf", { current: step + 1, total: steps.length })}
            </p>
            <h2
              id="wizard-step-heading"
              ref={headingRef}
              tabIndex={-1}
              className="mt-1 font-serif text-xl font-semibold text-stone-900 focus:outline-none"
            >
              {t(`books.wizard.steps.${current.id}`)}
            </h2>
          </div>

          {current.id === "about" ? (
            <>
              <TextField
                label={t("books.wizard.fields.title")}
                name="title"
                value={values.title}
                onChange={(e) => set("title")(e.target.value)}
                placeholder={t("books.wizard.fields.titlePlaceholder")}
                hint={t("books.wizard.fields.titleHint")}
                error={errors.title}
                maxLength={200}
                required
              />
              <TextAreaField
                label={t("books.wizard.fields.topic")}
                name="topic"
                value={values.topic}
                onChange={(e) => set("topic")(e.target.value)}
                placeholder={t("books.wizard.fields.topicPlaceholder")}
                hint={t("books.wizard.fields.topicHint")}
                error={errors.topic}
                maxLength={2000}
                required
              />
              <TextAreaField
                label={t("books.wizard.fields.goal")}
                name="goal"
                value={values.goal}
                onChange={(e) => set("goal")(e.target.value)}
                placeholder={t("books.wizard.fields.goalPlaceholder")}
                hint={t("books.wizard.fields.goalHint")}
                error={errors.goal}
                maxLength={2000}
                required
              />
            </>
          ) : null}

          {current.id === "readers" ? (
            <>
              <TextField
                label={t("books.wizard.fields.audience")}
                name="audience"
                value={values.audience}
                onChange={(e) => set("audience")(e.target.value)}
                placeholder={t("books.wizard.fields.audiencePlaceholder")}
                hint={t("books.wizard.fields.audienceHint")}
                error={errors.audience}
                maxLength={500}
              />
              <BookLanguageField
                value={values.language}
                onChange={(e) => set("language")(e.target.value)}
                error={errors.language}
              />
              <TextField
                label={t("books.wizard.fields.tone")}
                name="tone"
                value={values.tone}
                onChange={(e) => set("tone")(e.target.value)}
                placeholder={t("books.wizard.fields.tonePlaceholder")}
                hint={t("books.wizard.fields.toneHint")}
                error={errors.tone}
                maxLength={200}
              />
            </>
          ) : null}

          {current.id === "size" ? (
            <>
              <div className="grid gap-5 sm:grid-cols-2">
                <TextField
                  label={t("books.wizard.fields.chapters")}
                  name="targetChapters"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={50}
                  value={values.targetChapters}
                  onChange={(e) => set("targetChapters")(e.target.value)}
                  hint={t("books.wizard.fields.chaptersHint")}
                  error={errors.targetChapters}
                />
                <TextField
                  label={t("books.wizard.fields.words")}
                  name="targetWords"
                  type="number"
                  inputMode="numeric"
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
            </>
          ) : null}

          {current.id === "review" ? (
            <Review values={values} engines={engineList} onEdit={(field) => goTo(stepOf(field))} />
          ) : null}

          {planLimit ? (
            <Alert tone="error">
              <p className="font-medium">{t("errors.PLAN_LIMIT_REACHED")}</p>
              <p className="mt-1">
                {t("books.wizard.planLimit", {
                  limit: formatNumber(planLimit.limit, locale),
                  used: formatNumber(planLimit.used, locale),
                })}
                {planLimit.upgradeTo ? ` ${t("books.wizard.planLimitUpgrade", { plan: planLimit.upgradeTo })}` : ""}
              </p>
              {canManage(role) ? (
                <a className="mt-2 inline-block font-medium underline" href="/app/settings/billing">
                  {t("books.wizard.planLimitBilling")}
                </a>
              ) : null}
            </Alert>
          ) : (
            <Alert tone="error">{formError}</Alert>
          )}

          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-100 pt-5">
            {step > 0 ? (
              <Button variant="ghost" onClick={() => goTo(step - 1)} disabled={submitting}>
                <ChevronLeft className="size-4" aria-hidden="true" />
                {t("books.wizard.back")}
              </Button>
            ) : (
              <ButtonLink href="/app" variant="ghost">
                {t("common.cancel")}
              </ButtonLink>
            )}
            {step < steps.length - 1 ? (
              <Button type="submit">
                {t("books.wizard.next")}
                <ChevronRight className="size-4" aria-hidden="true" />
              </Button>
            ) : (
              <Button type="submit" loading={submitting} data-testid="create-book">
                <Sparkles className="size-4" aria-hidden="true" />
                {submitting ? t("books.wizard.creating") : t("books.wizard.create")}
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}

/** The engine radio cards; the demo engine is always there and says plainly that it writes placeholder text. */
function EngineChoice({
  engines,
  value,
  onChange,
  error,
}: {
  engines: EngineOption[] | null;
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

/** The last step: everything entered, with a way back to each part. */
function Review({
  values,
  engines,
  onEdit,
}: {
  values: Values;
  engines: EngineOption[];
  onEdit: (field: Field) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const lookup = useOptionalMessage();
  const engine = engines.find((e) => e.id === values.engine);
  const rows: { field: Field; label: MessageKey; value: string }[] = [
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
