import type { z } from "zod";
import type { MessageKey, MessageValues, Translate } from "@/i18n/translate";

/** One problem the contract's schema found with a field's value. */
export type FieldIssue = z.core.$ZodIssue;

/** Says an issue by its catalog key in the reader's language (`useIssueMessage()`, src/i18n/use-issue-message.ts). */
export type SayIssue = (issue: FieldIssue) => string;

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
  sayIssue: SayIssue,
): Partial<Record<F, string>> {
  const issues = fieldIssues(schema, input, fields);
  const errors: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const issue = issues[field];
    if (issue) errors[field] = issueText(issue, t, sayIssue);
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
 * The one place where a schema issue becomes text for the reader: the brief's fields read their sentence
 * (which names the allowed range) from the UI catalog; any other issue is said by its validation key, in the
 * same words the server would use.
 */
export function issueText(issue: FieldIssue, t: Translate, sayIssue: SayIssue): string {
  const field = issue.path[0];
  const message = typeof field === "string" ? briefFieldMessages[field] : undefined;
  if (!message) return sayIssue(issue);
  const [key, values] = message(issue);
  return t(key, values);
}

/** A field the server refused (its envelope names the field and a message), as an issue `issueText` can word. */
export function serverFieldIssue(field: string, message: string): FieldIssue {
  return { code: "custom", path: [field], message, input: undefined };
}
