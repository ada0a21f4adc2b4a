"use client";

import { useT } from "@/i18n/i18n-provider";
import { BookLanguageField } from "@/components/books/book-language-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import type { StepFieldsProps } from "./wizard-steps";

/** Step 1: what the book is about (title, topic, goal). */
export function AboutStep({ values, errors, set }: StepFieldsProps) {
  const t = useT();
  return (
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
  );
}

/** Step 2: who reads it (audience, language, tone). */
export function ReadersStep({ values, errors, set }: StepFieldsProps) {
  const t = useT();
  return (
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
  );
}
