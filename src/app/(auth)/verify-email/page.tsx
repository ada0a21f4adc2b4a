import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { BackToSignInLink } from "@/components/auth/back-to-sign-in-link";
import { VerifyEmailPanel } from "@/components/auth/verify-email-panel";
import { getTranslator } from "@/i18n/server";
import { safeNextPath } from "@/lib/safe-next-path";
import { outboxExists } from "@/server/email/outbox-exists";
import { outboxAccess } from "@/app/_server/outbox-access";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.verify.title") };
}

/** "Check your inbox" after sign-up, with a resend form. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { t } = await getTranslator();
  const outbox = outboxExists() ? ((await outboxAccess()) === "readable" ? "readable" : "administrators") : null;
  return (
    <AuthCard title={t("auth.verify.title")} description={t("auth.verify.description")} footer={<BackToSignInLink />}>
      <VerifyEmailPanel
        email={firstParam(params, "email") ?? ""}
        next={safeNextPath(firstParam(params, "next"), "/onboarding")}
        linkError={Boolean(firstParam(params, "error"))}
        outbox={outbox}
      />
    </AuthCard>
  );
}
