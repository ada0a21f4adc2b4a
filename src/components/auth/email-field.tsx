"use client";

import type { InputHTMLAttributes } from "react";
import { useT } from "@/i18n/i18n-provider";
import { TextField } from "@/components/ui/text-field";

/** The email input of the auth forms: labelled, typed and autocompleted the same way everywhere. */
export function EmailField(props: InputHTMLAttributes<HTMLInputElement> & { error?: string | null }) {
  const t = useT();
  return <TextField label={t("auth.fields.email")} name="email" type="email" autoComplete="email" {...props} />;
}
