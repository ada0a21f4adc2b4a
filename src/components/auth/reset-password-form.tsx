"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { authActionResponse } from "@/contracts/auth";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
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
      <div className="space-y-4">
        <Alert tone="error">{t("auth.reset.invalidLink")}</Alert>
        <ButtonLink href="/forgot-password" variant="secondary" className="w-full">
          {t("auth.reset.requestNew")}
        </ButtonLink>
      </div>
    );
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("auth.reset.done")}</Alert>
        <ButtonLink href="/sign-in" className="w-full">
          {t("auth.signIn.submit")}
        </ButtonLink>
      </div>
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
      schema: authActionResponse,
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
      <PasswordField
        label={t("auth.reset.newPassword")}
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldErrors.password}
        hint={t("auth.signUp.passwordHint", { min: passwordLength.min })}
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
