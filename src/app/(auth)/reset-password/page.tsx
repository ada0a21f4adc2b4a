import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { getTranslator } from "@/i18n/server";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.reset.title") };
}

/** Choose a new password; better-auth sends `?error=INVALID_TOKEN` here when the link is bad. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { t } = await getTranslator();
  const token = firstParam(params, "error") ? null : firstParam(params, "token");
  return (
    <AuthCard title={t("auth.reset.title")} description={t("auth.reset.description")}>
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
