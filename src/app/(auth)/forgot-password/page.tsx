import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { BackToSignInLink } from "@/components/auth/back-to-sign-in-link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getTranslator } from "@/i18n/server";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.forgot.title") };
}

/** Request a password reset link. */
export default async function ForgotPasswordPage() {
  const { t } = await getTranslator();
  return (
    <AuthCard title={t("auth.forgot.title")} description={t("auth.forgot.description")} footer={<BackToSignInLink />}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
