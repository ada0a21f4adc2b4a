"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailField } from "./email-field";
import { looksLikeEmail } from "./validation";

/** Asks for a reset link; the answer is the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const t = useT();
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["email"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    if (!looksLikeEmail(email)) return setFieldErrors({ email: t("validation.email") });
    setPending(true);
    const result = await apiFetch("/api/auth/request-password-reset", {
      schema: "authActionResponse",
      body: { email: email.trim(), redirectTo: "/reset-password" },
    });
    setPending(false);
    if (!result.ok) return showError(result.error);
    setSent(true);
  }

  if (sent) return <Alert tone="success">{t("auth.forgot.sent", { email: email.trim() })}</Alert>;

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("auth.forgot.title")}>
      <Alert tone="error">{formError}</Alert>
      <EmailField
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldErrors.email}
        required
        autoFocus
      />
      <Button type="submit" className="w-full" loading={pending}>
        {t("auth.forgot.submit")}
      </Button>
    </form>
  );
}
