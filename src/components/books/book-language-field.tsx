"use client";

import type { ComponentProps } from "react";
import { useT } from "@/i18n/i18n-provider";
import { SelectField } from "@/components/ui/select-field";

type Props = Omit<ComponentProps<typeof SelectField>, "label" | "name" | "options">;

/** The book's language (English or French), as the wizard and the details form both ask it. */
export function BookLanguageField(props: Props) {
  const t = useT();
  return (
    <SelectField
      label={t("books.wizard.fields.language")}
      name="language"
      options={[
        { value: "en", label: t("books.languages.en") },
        { value: "fr", label: t("books.languages.fr") },
      ]}
      {...props}
    />
  );
}
