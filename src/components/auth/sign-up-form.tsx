"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { EmailField } from "./email-field";
import { NewPasswordField } from "./new-password-field";
import { looksLikeEmail, passwordLength } from "./validation";

/** Creates an account; the verification link brings the user back to `next`. */
export function SignUpForm({ next }: { next: string }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors([
    "name",
    "email",
    "password",
  ]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t("validation.required");
    if (!looksLikeEmail(email)) errors.email = t("validation.email");
    if (password.length < passwordLength.min)
      errors.password = t("validation.passwordMin", { min: passwordLength.min });
    else if (password.length > passwordLength.max)
      errors.password = t("validation.passwordMax", { max: passwordLength.max });
    if (Object.keys(errors).length > 0) return setFieldErrors(errors);

    setPending(true);
    const result = await apiFetch("/api/auth/sign-up/email", {
      schema: "signUpResponse",
      body: { name: name.trim(), email: email.trim(), password, callbackURL: next, locale },
    });
    if (!result.ok) {
      setPending(false);
      return showError(result.error);
    }
    // Without required verification better-auth signs the user in at once.
    if (result.data?.token) return window.location.assign(next);
    router.push(`/verify-email?email=${encodeURIComponent(email.trim())}&next=${encodeURIComponent(next)}`);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("auth.signUp.title")}>
      <Alert tone="error">{formError}</Alert>
      <TextField
        label={t("auth.fields.name")}
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldErrors.name}
        required
        autoFocus
        maxLength={100}
      />
      <EmailField value={email} onChange={(event) => setEmail(event.target.value)} error={fieldErrors.email} required />
      <NewPasswordField
        label={t("auth.fields.password")}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldErrors.password}
        required
      />
      <Button type="submit" className="w-full" loading={pending}>
        {t("auth.signUp.submit")}
      </Button>
    </form>
  );
}
