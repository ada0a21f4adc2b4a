import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { SimpleHeader } from "@/components/layout/simple-header";
import { AcceptSharedBook } from "@/components/sharing/accept-shared-book";
import { ButtonLink } from "@/components/ui/button";
import { getTranslator } from "@/i18n/server";
import { currentUser } from "@/app/_server/current-session";

/** Page title in the visitor's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sharing.linkTitle") };
}

/**
 * The link of a book invitation email: signed-out visitors sign in or up first (with the invited address)
 * and come back here; then one click accepts and opens the book.
 */
export default async function SharedInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  const { t } = await getTranslator();
  const back = encodeURIComponent(`/shared/invitations/${token}`);
  return (
    <div className="flex min-h-dvh flex-col">
      <SimpleHeader signedIn={Boolean(user)} />
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
        <AuthCard
          title={t("sharing.linkTitle")}
          description={user ? t("sharing.linkSignedInAs", { email: user.email }) : t("sharing.linkSignInFirst")}
        >
          {user ? (
            <AcceptSharedBook token={token} />
          ) : (
            <div className="flex flex-col gap-3">
              <ButtonLink href={`/sign-up?next=${back}`}>{t("auth.signUp.submit")}</ButtonLink>
              <ButtonLink href={`/sign-in?next=${back}`} variant="secondary">
                {t("auth.signIn.submit")}
              </ButtonLink>
            </div>
          )}
        </AuthCard>
      </main>
    </div>
  );
}
