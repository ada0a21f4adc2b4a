"use client";

import { useT } from "@/i18n/i18n-provider";
import { BookLanguageField } from "@/components/books/book-language-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import type { StepFieldsProps } from "./wizard-steps";
import { useBriefFieldProps } from "@/components/books/brief-field-props";

/** Step 1: what the book is about (title, topic, goal). */
export function AboutStep({ values, errors, set }: StepFieldsProps) {
  const t = useT();
  const brief = useBriefFieldProps(values, errors, set);
  return (
    <>
      <TextField
        {...brief("title")}
        placeholder={t("books.wizard.fields.titlePlaceholder")}
        hint={t("books.wizard.fields.titleHint")}
        maxLength={200}
        required
      />
      <TextAreaField
        {...brief("topic")}
        placeholder={t("books.wizard.fields.topicPlaceholder")}
        hint={t("books.wizard.fields.topicHint")}
        maxLength={2000}
        required
      />
      <TextAreaField
        {...brief("goal")}
        placeholder={t("books.wizard.fields.goalPlaceholder")}
        hint={t("books.wizard.fields.goalHint")}
        maxLength={2000}
        required
      />
    </>
  );
}

/** Step 2: who reads it (audience, language, tone). */
export function ReadersStep({ values, errors, set }: StepFieldsProps) {
  const t = useT();
  const brief = useBriefFieldProps(values, errors, set);
  return (
    <>
      <TextField
        {...brief("audience")}
        placeholder={t("books.wizard.fields.audiencePlaceholder")}
        hint={t("books.wizard.fields.audienceHint")}
        maxLength={500}
      />
      <BookLanguageField
        value={values.language}
        onChange={(e) => set("language")(e.target.value)}
        error={errors.language}
      />
      <TextField
        {...brief("tone")}
        placeholder={t("books.wizard.fields.tonePlaceholder")}
        hint={t("books.wizard.fields.toneHint")}
        maxLength={200}
      />
    </>
  );
}
