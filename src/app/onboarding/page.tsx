import type { Metadata } from "next";
import { SimpleHeader } from "@/components/layout/simple-header";
import { CreateOrganizationForm } from "@/components/onboarding/create-organization-form";
import { PendingInvitations } from "@/components/onboarding/pending-invitations";
import { ButtonLink } from "@/components/ui/button";
import { getTranslator } from "@/i18n/server";
import { redirect } from "next/navigation";
import { currentUser, requireUser } from "@/app/_server/current-session";
import { firstParam, type SearchParams } from "@/app/_server/search-params";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("onboarding.title") };
}

/** First stop after verification: accept an invitation or create an organization. */
export default async function OnboardingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // better-auth sends a failed verification back to its callbackURL (here) with ?error=; explain it there.
  if (firstParam(params, "error") && !(await currentUser())) redirect("/verify-email?error=1");
  const user = await requireUser("/onboarding");
  const { t } = await getTranslator();
  const creatingAnother = firstParam(params, "create") === "1";
  return (
    <div className="flex min-h-dvh flex-col">
      <SimpleHeader signedIn />
      <main id="main" className="mx-auto w-full max-w-xl flex-1 space-y-6 px-4 pb-16 pt-6 sm:pt-10">
        <div>
          <h1 className="font-serif text-3xl font-semibold text-stone-900">
            {creatingAnother ? t("onboarding.createTitle") : t("onboarding.welcome", { name: user.name })}
          </h1>
          <p className="mt-2 text-stone-600">
            {creatingAnother ? t("onboarding.createDescription") : t("onboarding.description")}
          </p>
        </div>
        {creatingAnother ? null : <PendingInvitations />}
        {/* Someone invited to a single book needs no organization: their books wait under "Shared with me". */}
        {creatingAnother ? null : (
          <ButtonLink href="/shared" variant="secondary">
            {t("nav.shared")}
          </ButtonLink>
        )}
        <section
          aria-labelledby="create-organization"
          className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm"
        >
          <h2 id="create-organization" className="text-base font-semibold text-stone-900">
            {t("onboarding.createTitle")}
          </h2>
          <p className="mb-5 mt-1 text-sm text-stone-600">{t("onboarding.createHelp")}</p>
          <CreateOrganizationForm />
        </section>
        {creatingAnother ? (
          <ButtonLink href="/app" variant="ghost">
            {t("onboarding.backToDashboard")}
          </ButtonLink>
        ) : null}
      </main>
    </div>
  );
}
