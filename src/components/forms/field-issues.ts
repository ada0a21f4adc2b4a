import type { z } from "zod";
import type { Locale } from "@/i18n/locales";
import type { MessageKey, MessageValues, Translate } from "@/i18n/translate";

/** One problem the contract's schema found with a field's value. */
export type FieldIssue = z.core.$ZodIssue;

/**
 * Checks a form's input with the same Zod schema the server parses it with (src/contracts), and keeps the
 * first issue of each of `fields`, in that order (issues of other fields, say a later wizard step, are ignored).
 * The input is reported on the issues, so a message can quote the values a cross-field rule compared.
 */
export function fieldIssues<F extends string>(
  schema: z.ZodType,
  input: unknown,
  fields: readonly F[],
): Partial<Record<F, FieldIssue>> {
  const result = schema.safeParse(input, { reportInput: true });
  const found: Partial<Record<F, FieldIssue>> = {};
  if (result.success) return found;
  for (const field of fields) {
    const issue = result.error.issues.find((i) => i.path[0] === field);
    if (issue) found[field] = issue;
  }
  return found;
}

/** `fieldIssues`, each turned into the text shown next to its input. */
export function fieldErrors<F extends string>(
  schema: z.ZodType,
  input: unknown,
  fields: readonly F[],
  t: Translate,
  locale: Locale,
): Partial<Record<F, string>> {
  const issues = fieldIssues(schema, input, fields);
  const errors: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const issue = issues[field];
    if (issue) errors[field] = issueText(issue, t, locale);
  }
  return errors;
}

/** The chapters and words a words-per-chapter issue compared (the rule's input is the parsed brief). */
function perChapterValues(issue: FieldIssue): MessageValues {
  const input: unknown = issue.input;
  const chapters =
    input && typeof input === "object" && "targetChapters" in input && typeof input.targetChapters === "number"
      ? input.targetChapters
      : 0;
  return { chapters, min: chapters * 100 };
}

/**
 * The book brief's fields, which the wizard and the details form explain with one sentence each (it names
 * the allowed range, so it fits every issue of the field) in the reader's language.
 */
const briefFieldMessages: Record<string, (issue: FieldIssue) => [MessageKey, MessageValues?]> = {
  title: () => ["books.wizard.validation.title"],
  topic: () => ["books.wizard.validation.topic"],
  goal: () => ["books.wizard.validation.goal"],
  audience: () => ["books.wizard.validation.audience"],
  tone: () => ["books.wizard.validation.tone"],
  language: () => ["books.details.languageInvalid"],
  targetChapters: () => ["books.wizard.validation.chapters"],
  targetWords: (issue) =>
    issue.code === "custom"
      ? ["books.wizard.validation.wordsPerChapter", perChapterValues(issue)]
      : ["books.wizard.validation.words"],
};

/**
 * The one place where a schema issue becomes text for the reader. Today the brief's fields read their
 * sentence from the UI catalog and any other issue shows the schema's own message (English); this is the
 * function to point at the keyed validation catalog of src/i18n when it lands (`locale` is for its lookup).
 */
export function issueText(issue: FieldIssue, t: Translate, _locale: Locale): string {
  const field = issue.path[0];
  const message = typeof field === "string" ? briefFieldMessages[field] : undefined;
  if (!message) return issue.message;
  const [key, values] = message(issue);
  return t(key, values);
}

/** A field the server refused (its envelope names the field and a message), as an issue `issueText` can word. */
export function serverFieldIssue(field: string, message: string): FieldIssue {
  return { code: "custom", path: [field], message, input: undefined };
}
