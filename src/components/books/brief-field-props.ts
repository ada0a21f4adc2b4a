"use client";

import { useT } from "@/i18n/i18n-provider";

/** The brief's free-text fields, which the wizard asks and the details form edits. */
export type BriefTextField = "title" | "topic" | "goal" | "audience" | "tone";

/**
 * The label, name, value, change handler and error of a brief field, the same in the wizard and the details
 * form; each form adds its own hints, placeholders and limits.
 */
export function useBriefFieldProps<F extends string>(
  values: Record<F, string>,
  errors: Partial<Record<F, string>>,
  set: (field: F) => (value: string) => void,
) {
  const t = useT();
  return (field: F & BriefTextField) => ({
    label: t(`books.wizard.fields.${field}`),
    name: field,
    value: values[field],
    onChange: (event: { target: { value: string } }) => set(field)(event.target.value),
    error: errors[field],
  });
}
