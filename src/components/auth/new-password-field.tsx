"use client";

import type { InputHTMLAttributes } from "react";
import { useT } from "@/i18n/i18n-provider";
import { PasswordField } from "./password-field";
import { passwordLength } from "./validation";

/** A password being chosen (sign-up, reset): the browser may suggest one, and the length rule is shown. */
export function NewPasswordField(
  props: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | null },
) {
  const t = useT();
  return (
    <PasswordField
      name="password"
      autoComplete="new-password"
      hint={t("auth.signUp.passwordHint", { min: passwordLength.min })}
      {...props}
    />
  );
}
