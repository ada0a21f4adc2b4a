import { createBookInput } from "@/contracts/book-inputs";
import type { EngineInfo } from "@/contracts/books";
import type { Translate } from "@/i18n/translate";
import { fieldErrors, type SayIssue } from "@/components/forms/field-issues";

/** The new-book form's fields, named as the API names them. */
export type BookField = keyof typeof createBookInput.shape;
/** What the inputs hold (strings, as typed). */
export type BookFormValues = Record<BookField, string>;

/** The POST /api/books body the wizard sends for these values (createBookInput checks it, here and there). */
export function bookFormBody(values: BookFormValues) {
  return {
    title: values.title.trim(),
    topic: values.topic.trim(),
    goal: values.goal.trim(),
    audience: values.audience.trim() || undefined,
    language: values.language,
    tone: values.tone.trim() || undefined,
    targetChapters: Number(values.targetChapters),
    targetWords: Number(values.targetWords),
    engine: values.engine,
    reviewPlan: values.reviewPlan === "true",
  };
}

/**
 * The wizard's checks of `fields`, with messages in the reader's language: the API's own createBookInput
 * rules, plus one the schema cannot know, that the organization offers the chosen engine.
 */
export function checkWizardFields(
  values: BookFormValues,
  fields: readonly BookField[],
  t: Translate,
  sayIssue: SayIssue,
  engines: EngineInfo[],
): Partial<Record<BookField, string>> {
  const errors = fieldErrors(createBookInput, bookFormBody(values), fields, t, sayIssue);
  if (fields.includes("engine") && !errors.engine && !engines.some((e) => e.id === values.engine)) {
    errors.engine = t("books.wizard.validation.engine");
  }
  return errors;
}
