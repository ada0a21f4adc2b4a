"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailField } from "./email-field";
import { PasswordField } from "./password-field";
import { looksLikeEmail } from "./validation";

/** Email + password sign-in; unverified accounts are pointed to the verification step. */
export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [rememberMe, setRememberMe] = useState(true);
  const [pending, setPending] = useState(false);
  const [unverified, setUnverified] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["email", "password"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setUnverified(false);
    const errors: Record<string, string> = {};
    if (!looksLikeEmail(email)) errors.email = t("validation.email");
    if (!password) errors.password = t("validation.required");
    if (Object.keys(errors).length > 0) return setFieldErrors(errors);
    setPending(true);
    const result = await apiFetch("/api/auth/sign-in/email", {
      schema: "authActionResponse",
      body: { email: email.trim(), password, rememberMe, callbackURL: next },
    });
    if (!result.ok) {
      setPending(false);
      if (result.error.code === "EMAIL_NOT_VERIFIED") setUnverified(true);
      return showError(result.error);
    }
    // A full navigation so server components read the new session cookie.
    window.location.assign(next);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("auth.signIn.title")}>
      <Alert tone="success">{notice}</Alert>
      <Alert tone="error">
        {formError}
        {unverified ? (
          <>
            {" "}
            <Link
              className="font-medium underline"
              href={`/verify-email?email=${encodeURIComponent(email.trim())}&next=${encodeURIComponent(next)}`}
            >
              {t("auth.signIn.resendLink")}
            </Link>
          </>
        ) : null}
      </Alert>
      <EmailField
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldErrors.email}
        required
        autoFocus
      />
      <PasswordField
        label={t("auth.fields.password")}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldErrors.password}
        required
      />
      <div className="flex items-center justify-between gap-4">
        <label className="inline-flex items-center gap-2 text-sm text-stone-700">
          <input
            type="checkbox"
            checked={rememberMe}
            onChange={(event) => setRememberMe(event.target.checked)}
            className="size-4 rounded border-stone-300 accent-ink-700"
          />
          {t("auth.signIn.rememberMe")}
        </label>
        <Link href="/forgot-password" className="text-sm font-medium text-ink-700 hover:underline">
          {t("auth.signIn.forgot")}
        </Link>
      </div>
      <Button type="submit" className="w-full" loading={pending}>
        {t("auth.signIn.submit")}
      </Button>
    </form>
  );
}
