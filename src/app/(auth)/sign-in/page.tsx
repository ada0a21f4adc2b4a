import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SocialButtons } from "@/components/auth/social-buttons";
import { getTranslator } from "@/i18n/server";
import { safeNextPath } from "@/lib/safe-next-path";
import { enabledSocialProviders } from "@/server/auth/auth";
import { currentUser } from "@/app/_server/current-session";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.signIn.title") };
}

/** Sign-in; already signed-in visitors go straight on. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(firstParam(params, "next"));
  if (await currentUser()) redirect(next);
  const { t } = await getTranslator();
  const notice = firstParam(params, "reset") === "1" ? t("auth.reset.done") : undefined;
  const signUpHref = next === "/app" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`;
  return (
    <AuthCard
      title={t("auth.signIn.title")}
      description={t("auth.signIn.description")}
      footer={
        <>
          {t("auth.signIn.noAccount")}{" "}
          <Link href={signUpHref} className="font-medium text-ink-700 hover:underline">
            {t("auth.signUp.submit")}
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        <SocialButtons providers={enabledSocialProviders()} callbackURL={next} />
        <SignInForm next={next} notice={notice} />
      </div>
    </AuthCard>
  );
}
