"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailField } from "./email-field";
import { looksLikeEmail } from "./validation";

/**
 * "Check your inbox" with a resend form; also explains an expired or invalid link. Without an email server,
 * says where the email is: the outbox this visitor can open, or the one the platform administrator reads.
 */
export function VerifyEmailPanel({
  email: initialEmail,
  next,
  linkError,
  outbox,
}: {
  email: string;
  next: string;
  linkError: boolean;
  outbox: "readable" | "administrators" | null;
}) {
  const t = useT();
  const [email, setEmail] = useState(initialEmail);
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["email"]);

  async function resend(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    setSent(false);
    if (!looksLikeEmail(email)) return setFieldErrors({ email: t("validation.email") });
    setPending(true);
    const result = await apiFetch("/api/auth/send-verification-email", {
      schema: "authActionResponse",
      body: { email: email.trim(), callbackURL: next },
    });
    setPending(false);
    if (!result.ok) return showError(result.error);
    setSent(true);
  }

  return (
    <div className="space-y-5">
      <div className="flex items-start gap-3 rounded-xl bg-ink-50 p-4 text-sm text-ink-900">
        <MailCheck className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
        <p>{initialEmail ? t("auth.verify.sentTo", { email: initialEmail }) : t("auth.verify.sentGeneric")}</p>
      </div>
      {linkError ? <Alert tone="error">{t("auth.verify.linkInvalid")}</Alert> : null}
      {outbox ? (
        <Alert tone="info">
          {t(outbox === "readable" ? "auth.verify.outboxHint" : "auth.verify.outboxAdminHint")}{" "}
          <Link href="/dev/outbox" className="font-medium underline">
            {t("auth.verify.openOutbox")}
          </Link>
        </Alert>
      ) : null}
      <form onSubmit={resend} noValidate className="space-y-3 border-t border-stone-100 pt-5">
        <p className="text-sm font-medium text-stone-800">{t("auth.verify.noEmail")}</p>
        <Alert tone="error">{formError}</Alert>
        <Alert tone="success">{sent ? t("auth.verify.resent") : null}</Alert>
        <EmailField value={email} onChange={(event) => setEmail(event.target.value)} error={fieldErrors.email} />
        <Button type="submit" variant="secondary" className="w-full" loading={pending}>
          {t("auth.verify.resend")}
        </Button>
      </form>
    </div>
  );
}
