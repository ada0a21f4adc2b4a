import type { EngineInfo } from "@/contracts/books";
import type { BookField, BookFormValues } from "./wizard-fields";

export type StepId = "about" | "readers" | "size" | "review";

/** The wizard's four steps and the fields each one asks; the review step asks none. */
export const wizardSteps: { id: StepId; fields: BookField[] }[] = [
  { id: "about", fields: ["title", "topic", "goal"] },
  { id: "readers", fields: ["audience", "language", "tone"] },
  { id: "size", fields: ["targetChapters", "targetWords", "engine"] },
  { id: "review", fields: [] },
];
export const allWizardFields = wizardSteps.flatMap((s) => s.fields);

/** The index of the step that asks `field` (-1 when none does). */
export const stepOf = (field: string) => wizardSteps.findIndex((s) => (s.fields as string[]).includes(field));

/** Always offered: it needs no configuration and says plainly that it writes placeholder text. */
export const DEMO_ENGINE: EngineInfo = { id: "demo", label: "Demo engine — placeholder text", isDemo: true };

/** What one step's section needs: the values, their errors and a setter per field. */
export type StepFieldsProps = {
  values: BookFormValues;
  errors: Partial<Record<BookField, string>>;
  set: (field: BookField) => (value: string) => void;
};
