"use client";

import { ChevronLeft, ChevronRight, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useLocale, useOptionalMessage, useT } from "@/i18n/i18n-provider";
import { useIssueMessage } from "@/i18n/use-issue-message";
import { canManage } from "@/contracts/org-roles";
import { bookPath } from "@/lib/book-paths";
import { PageHeader } from "@/components/app-shell/page-header";
import { useMe } from "@/components/app-shell/me-provider";
import { canWriteBooks } from "@/components/books/book-roles";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AboutStep, ReadersStep } from "./brief-steps";
import { createBookRequest } from "./create-book-request";
import { type PlanLimit, PlanLimitAlert } from "./plan-limit-alert";
import { ReviewStep } from "./review-step";
import { SizeStep } from "./size-step";
import { useOfferedEngines } from "./use-offered-engines";
import { type BookField, type BookFormValues, bookFormBody, checkWizardFields } from "./wizard-fields";
import { allWizardFields, DEMO_ENGINE, stepOf, wizardSteps } from "./wizard-steps";
import { WizardStepNav } from "./wizard-step-nav";
import { useBookErrorText } from "@/components/books/use-book-error-text";

type FieldErrors = Partial<Record<BookField, string>>;

/**
 * The new-book wizard: four short steps (about, readers, length and engine, review) with inline validation
 * that mirrors the server's rules; server field errors take the user back to the step that holds the field.
 * Defaults: the UI's language, 5 chapters, 5,000 words, the demo engine (or the organization's default).
 */
export function NewBookWizard() {
  const t = useT();
  const locale = useLocale();
  const sayIssue = useIssueMessage();
  const lookup = useOptionalMessage();
  const errorText = useBookErrorText();
  const router = useRouter();
  const { me } = useMe();
  const role = me.activeOrganization?.role;
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<BookFormValues>({
    title: "",
    topic: "",
    goal: "",
    audience: "",
    language: locale === "fr" ? "fr" : "en",
    tone: "",
    targetChapters: "5",
    targetWords: "5000",
    engine: "demo",
    reviewPlan: "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [planLimit, setPlanLimit] = useState<PlanLimit | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const engines = useOfferedEngines(role, (engine) => setValues((v) => ({ ...v, engine })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

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

  const engineList = engines ?? [DEMO_ENGINE];
  const set = (field: BookField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const check = (fields: BookField[]): FieldErrors => checkWizardFields(values, fields, t, sayIssue, engineList);

  function goTo(next: number) {
    setFormError(null);
    setStep(next);
  }

  /** Shows the errors on the step that holds the first of them. */
  function showFieldErrors(found: FieldErrors) {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) setStep(Math.max(0, stepOf(first)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (step < wizardSteps.length - 1) {
      const found = check(wizardSteps[step]!.fields);
      setErrors(found);
      if (Object.keys(found).length === 0) goTo(step + 1);
      return;
    }
    const found = check(allWizardFields);
    if (Object.keys(found).length > 0) {
      showFieldErrors(found);
      return;
    }
    setSubmitting(true);
    setFormError(null);
    setPlanLimit(null);
    const outcome = await createBookRequest(bookFormBody(values));
    if (outcome.kind === "created") {
      router.push(bookPath("app", outcome.bookId));
      return;
    }
    setSubmitting(false);
    if (outcome.kind === "network") setFormError(t("errors.NETWORK_ERROR"));
    else if (outcome.kind === "planEngine") {
      showFieldErrors({
        engine: outcome.upgradeTo
          ? t("books.wizard.planEngine", { plan: outcome.upgradeTo })
          : t("books.wizard.planEngineNoUpgrade"),
      });
    } else if (outcome.kind === "planLimit") setPlanLimit(outcome.planLimit);
    else {
      const { error } = outcome;
      const field = allWizardFields.find((f) => f === error.field);
      if (field) {
        // Our own message for the field when the client knows the rule, else the server's.
        const message =
          lookup(`books.errors.${error.code}`) ??
          check([field])[field] ??
          (error.message.replace(/^[\w.]+: /, "") || t("errors.generic"));
        showFieldErrors({ [field]: message });
      } else {
        setFormError(errorText(error.code));
      }
    }
  }

  const current = wizardSteps[step]!;
  const sectionProps = { values, errors, set };

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("books.wizard.title")} description={t("books.wizard.description")} />
      <WizardStepNav step={step} onGoTo={goTo} />

      <Card>
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-labelledby="wizard-step-heading"
          className="space-y-5 p-5 sm:p-6"
        >
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
              {t("books.wizard.stepOf", { current: step + 1, total: wizardSteps.length })}
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

          {current.id === "about" ? <AboutStep {...sectionProps} /> : null}
          {current.id === "readers" ? <ReadersStep {...sectionProps} /> : null}
          {current.id === "size" ? <SizeStep {...sectionProps} engines={engines} /> : null}
          {current.id === "review" ? (
            <ReviewStep values={values} engines={engineList} onEdit={(field) => goTo(stepOf(field))} />
          ) : null}

          {planLimit ? (
            <PlanLimitAlert planLimit={planLimit} canOpenBilling={canManage(role)} />
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
            {step < wizardSteps.length - 1 ? (
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
