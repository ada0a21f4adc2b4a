import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { SocialButtons } from "@/components/auth/social-buttons";
import { getTranslator } from "@/i18n/server";
import { safeNextPath } from "@/lib/safe-next-path";
import { enabledSocialProviders } from "@/server/auth/auth";
import { currentUser } from "@/app/_server/current-session";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.signUp.title") };
}

/** Account creation; new accounts land on onboarding unless they came for something else (an invitation). */
export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(firstParam(params, "next"), "/onboarding");
  if (await currentUser()) redirect(next);
  const { t } = await getTranslator();
  const signInHref = next === "/onboarding" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
  return (
    <AuthCard
      title={t("auth.signUp.title")}
      description={t("auth.signUp.description")}
      footer={
        <>
          {t("auth.signUp.haveAccount")}{" "}
          <Link href={signInHref} className="font-medium text-ink-700 hover:underline">
            {t("auth.signIn.submit")}
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        <SocialButtons providers={enabledSocialProviders()} callbackURL={next} />
        <SignUpForm next={next} />
      </div>
    </AuthCard>
  );
}
