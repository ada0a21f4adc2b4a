import type { Translate } from "@/i18n/translate";

/** The new-book form's fields, named as the API names them. */
export type BookField =
  | "title"
  | "topic"
  | "goal"
  | "audience"
  | "language"
  | "tone"
  | "targetChapters"
  | "targetWords"
  | "engine";
/** What the inputs hold (strings, as typed). */
export type BookFormValues = Record<BookField, string>;
export type EngineOption = { id: string; label: string; isDemo: boolean };

/**
 * The same rules as the server's createBookInput (the unit test checks they agree), with messages in the
 * reader's language, so most mistakes are explained before anything is sent.
 */
export function validateBookFields(
  values: BookFormValues,
  fields: BookField[],
  t: Translate,
  engines: EngineOption[],
): Partial<Record<BookField, string>> {
  const errors: Partial<Record<BookField, string>> = {};
  const length = (f: BookField) => values[f].trim().length;
  const chapters = /^\s*\d+\s*$/.test(values.targetChapters) ? Number(values.targetChapters) : Number.NaN;
  const words = /^\s*\d+\s*$/.test(values.targetWords) ? Number(values.targetWords) : Number.NaN;
  for (const field of fields) {
    switch (field) {
      case "title":
        if (length("title") < 1 || length("title") > 200) errors.title = t("books.wizard.validation.title");
        break;
      case "topic":
        if (length("topic") < 3 || length("topic") > 2000) errors.topic = t("books.wizard.validation.topic");
        break;
      case "goal":
        if (length("goal") < 3 || length("goal") > 2000) errors.goal = t("books.wizard.validation.goal");
        break;
      case "audience":
        if (length("audience") > 500) errors.audience = t("books.wizard.validation.audience");
        break;
      case "tone":
        if (length("tone") > 200) errors.tone = t("books.wizard.validation.tone");
        break;
      case "targetChapters":
        if (!Number.isInteger(chapters) || chapters < 1 || chapters > 50)
          errors.targetChapters = t("books.wizard.validation.chapters");
        break;
      case "targetWords":
        if (!Number.isInteger(words) || words < 500 || words > 200_000)
          errors.targetWords = t("books.wizard.validation.words");
        else if (Number.isInteger(chapters) && chapters >= 1 && words < chapters * 100)
          errors.targetWords = t("books.wizard.validation.wordsPerChapter", {
            min: chapters * 100,
            chapters,
          });
        break;
      case "engine":
        if (!engines.some((e) => e.id === values.engine)) errors.engine = t("books.wizard.validation.engine");
        break;
      default:
        break;
    }
  }
  return errors;
}

/** The POST /api/books body the wizard sends for these values. */
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
  };
}
