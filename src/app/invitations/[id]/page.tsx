import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { InvitationResponse } from "@/components/invitations/invitation-response";
import { SimpleHeader } from "@/components/layout/simple-header";
import { ButtonLink } from "@/components/ui/button";
import { getTranslator } from "@/i18n/server";
import { currentUser } from "@/app/_server/current-session";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("invitation.title") };
}

/** An invitation link from an email: signed-out visitors sign in or up first and come back here. */
export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  const { t } = await getTranslator();
  const back = encodeURIComponent(`/invitations/${id}`);
  return (
    <div className="flex min-h-dvh flex-col">
      <SimpleHeader signedIn={Boolean(user)} />
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
        <AuthCard
          title={t("invitation.title")}
          description={user ? t("invitation.signedInAs", { email: user.email }) : t("invitation.signInFirst")}
        >
          {user ? (
            <InvitationResponse invitationId={id} email={user.email} />
          ) : (
            <div className="flex flex-col gap-3">
              <ButtonLink href={`/sign-in?next=${back}`}>{t("auth.signIn.submit")}</ButtonLink>
              <ButtonLink href={`/sign-up?next=${back}`} variant="secondary">
                {t("auth.signUp.submit")}
              </ButtonLink>
            </div>
          )}
        </AuthCard>
      </main>
    </div>
  );
}
