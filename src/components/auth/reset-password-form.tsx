"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { OutcomeNotice } from "@/components/ui/outcome-notice";
import { NewPasswordField } from "./new-password-field";
import { PasswordField } from "./password-field";
import { passwordLength } from "./validation";

/** Sets a new password with the token from the emailed link. */
export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useT();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["password", "confirm"]);

  if (!token) {
    return (
      <OutcomeNotice
        tone="error"
        href="/forgot-password"
        linkLabel={t("auth.reset.requestNew")}
        linkVariant="secondary"
      >
        {t("auth.reset.invalidLink")}
      </OutcomeNotice>
    );
  }

  if (done) {
    return (
      <OutcomeNotice tone="success" href="/sign-in" linkLabel={t("auth.signIn.submit")}>
        {t("auth.reset.done")}
      </OutcomeNotice>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    if (password.length < passwordLength.min)
      return setFieldErrors({ password: t("validation.passwordMin", { min: passwordLength.min }) });
    if (password !== confirm) return setFieldErrors({ confirm: t("validation.passwordsDiffer") });
    setPending(true);
    const result = await apiFetch("/api/auth/reset-password", {
      schema: "authActionResponse",
      body: { newPassword: password, token },
    });
    setPending(false);
    if (!result.ok) {
      // better-auth names the new password "newPassword"; our field is "password".
      return showError(result.error.field === "newPassword" ? { ...result.error, field: "password" } : result.error);
    }
    setDone(true);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("auth.reset.title")}>
      <Alert tone="error">
        {formError}
        {formError ? (
          <>
            {" "}
            <Link href="/forgot-password" className="font-medium underline">
              {t("auth.reset.requestNew")}
            </Link>
          </>
        ) : null}
      </Alert>
      <NewPasswordField
        label={t("auth.reset.newPassword")}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldErrors.password}
        required
        autoFocus
      />
      <PasswordField
        label={t("auth.reset.confirmPassword")}
        name="confirm"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        error={fieldErrors.confirm}
        required
      />
      <Button type="submit" className="w-full" loading={pending}>
        {t("auth.reset.submit")}
      </Button>
    </form>
  );
}
